/**
 * browser/: the page's runtime, bundled into the built deck. Sets reveal.js up and adds reading
 * mode, contents, downloads and resume. Imports only the page contract (src/contract/), its own
 * files, the theme's CSS and reveal.js; Node code never imports it.
 */
import Reveal from 'reveal.js';
import runtime from 'virtual:deck/runtime';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import 'virtual:deck/theme';
import '../theme/reader.css';
import '../theme/controls.css';
import '../theme/motion.css';
import 'virtual:deck/styles';
import { FONTS_CLASS, READY_EVENT, SLIDE_SELECTOR } from '../contract/dom.ts';
import { exposeSlidesWhileReading, improveAccessibility, labelNotes } from './a11y.ts';
import type { DeckApi } from '../contract/page.ts';
import { addTitleSlideDownloads, readDownloads } from './downloads.ts';
import { installReader } from './reader.ts';
import { currentMode, initialMode, modeOptions, NARROW_QUERY } from './reader-mode.ts';
import { scrollSyncPlugin } from './scroll-sync.ts';
import { currentIndex, findSlide, goToSlide, listSlides, type SlideEntry } from './slides.ts';
import { revealMayHandle } from './keys.ts';
import { fixUpcomingPreview } from './speaker-preview.ts';
import { afterFirstPaint, nextTask } from './later.ts';
import { holdUnchangedResizes } from './steady-size.ts';
import { loadTypeface } from './typeface.ts';

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const params = new URLSearchParams(window.location.search);
// Before reveal moves anywhere: where the page was asked to open.
const initialHash = window.location.hash;
// Read before reveal writes the first slide into an address that named none.
const linked = window.location.hash.replace(/^#\/?/, '') !== '';
const root = document.querySelector<HTMLElement>('.reveal');
if (!root) throw new Error('deck: the page has no .reveal element');

// Print layouts and the speaker view's previews (?receiver, as reveal tests it) stay plain slides.
const viewerPage =
  !params.has('print-pdf') && params.get('view') !== 'print' && !/receiver/i.test(window.location.search);
const mode = viewerPage ? initialMode(params, window.matchMedia(NARROW_QUERY).matches) : 'present';
const touch = runtime.revealOptions.touch !== false;
const total = root.querySelectorAll(SLIDE_SELECTOR).length;
// Titles are read from every slide: only when the contents or the resume offer ask for them.
let slideList: SlideEntry[] | null = null;
const slides = () => (slideList ??= listSlides(root));
const downloads = viewerPage ? readDownloads(document) : [];
const lang = document.documentElement.lang || 'en';
const titleSlide = findSlide(0);
if (downloads.length && titleSlide) addTitleSlideDownloads(titleSlide, downloads, lang);
labelNotes(root);

document.documentElement.classList.add('deck-js');
// A print or a speaker-view preview is never looked at before it is whole, and files on this
// computer come at once: their letters load now. Over a network they wait for the first paint.
if (!viewerPage || window.location.protocol === 'file:') document.documentElement.classList.add(FONTS_CLASS);
document.documentElement.dataset.deckMode = mode;
const resizes = holdUnchangedResizes();
const deck = new Reveal(root, {
  width: 1280,
  height: 720,
  margin: 0.04,
  hash: true,
  history: false,
  slideNumber: 'c/t',
  showSlideNumber: 'all',
  progress: true,
  controls: true,
  controlsTutorial: false,
  center: false,
  transition: reducedMotion ? 'none' : 'slide',
  backgroundTransition: reducedMotion ? 'none' : 'fade',
  transitionSpeed: 'fast',
  // ?fragments=1 with ?print-pdf prints each fragment step as its own page.
  pdfSeparateFragments: params.has('fragments'),
  // Narrow screens get reading mode from us (a choice the reader can undo), not reveal's auto-switch.
  scrollActivationWidth: 0,
  keyboardCondition: revealMayHandle,
  // The speaker view and search are registered once the first slide is on screen (below).
  // reveal waits for a plugin's promise before it starts: its start (the first layout) then runs
  // in a task of its own, not in the one that evaluated this script, so neither blocks input long.
  plugins: [scrollSyncPlugin(() => currentMode() === 'read'), { id: 'deck-next-task', init: nextTask }],
  ...runtime.revealOptions,
  ...modeOptions(mode, touch),
}) as DeckApi;
window.Reveal = deck;

void deck.initialize().then(() => {
  // URL parameters override options in reveal (?view=scroll&mode=present): the view decides.
  if (deck.isScrollView() !== (mode === 'read')) {
    const index = currentIndex(deck);
    document.documentElement.dataset.deckMode = deck.isScrollView() ? 'read' : 'present';
    deck.layout();
    // reveal went to a linked slide by its own even ranges: go again, measured, and held.
    if (linked && deck.isScrollView()) goToSlide(deck, index);
  }
  improveAccessibility(deck);
  // A linked slide is already held: reveal went to it through the scroll view (scroll-sync.ts).
  const reader = viewerPage
    ? installReader(deck, { slides, total, downloads, slug: runtime.slug, lang, touch, linked })
    : null;
  exposeSlidesWhileReading(deck);
  fixUpcomingPreview(deck, params, initialHash);
  const ready = () => {
    resizes.stop();
    document.documentElement.dataset.deckReady = 'true';
    document.dispatchEvent(new CustomEvent(READY_EVENT, { detail: { deck } }));
  };
  // Print layouts and the speaker view's previews need nothing more.
  if (!reader) return ready();
  // What the first slide does not need waits until it is on screen, each part in a task of its
  // own; tools that drive the page (tests, smoke, export) are told the deck is ready after it.
  afterFirstPaint(
    [
      loadTypeface,
      () => reader.offerResume(),
      () => reader.buildMenu(),
      async () => {
        // Bundled, not fetched (one classic script keeps file:// working): the import only
        // postpones evaluating their code, the speaker view's markdown parser above all.
        const [notes, search] = await Promise.all([
          import('reveal.js/plugin/notes'),
          import('reveal.js/plugin/search'),
        ]);
        deck.registerPlugin(notes.default());
        deck.registerPlugin(search.default());
      },
    ],
    ready,
  );
});

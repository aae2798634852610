/**
 * browser/: the page's runtime, bundled into the built deck. Sets reveal.js up and adds reading
 * mode, contents, downloads and resume. Imports only the page contract (src/contract/), its own
 * files, the theme's CSS and reveal.js; Node code never imports it.
 */
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import runtime from 'virtual:deck/runtime';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import 'virtual:deck/theme';
import '../theme/reader.css';
import '../theme/controls.css';
import '../theme/motion.css';
import 'virtual:deck/styles';
import { READY_EVENT } from '../contract/dom.ts';
import { exposeSlidesWhileReading, improveAccessibility, labelNotes } from './a11y.ts';
import type { DeckApi } from '../contract/page.ts';
import { addTitleSlideDownloads, readDownloads } from './downloads.ts';
import { installReader } from './reader.ts';
import { currentMode, initialMode, modeOptions, NARROW_QUERY } from './reader-mode.ts';
import { scrollSyncPlugin } from './scroll-sync.ts';
import { findSlide, listSlides } from './slides.ts';
import { revealMayHandle } from './keys.ts';
import { fixUpcomingPreview } from './speaker-preview.ts';

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
const slides = listSlides(root);
const downloads = viewerPage ? readDownloads(document) : [];
const lang = document.documentElement.lang || 'en';
const titleSlide = findSlide(0);
if (downloads.length && titleSlide) addTitleSlideDownloads(titleSlide, downloads, lang);
labelNotes(root);

document.documentElement.classList.add('deck-js');
document.documentElement.dataset.deckMode = mode;
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
  plugins: [Notes, Search, scrollSyncPlugin(() => currentMode() === 'read')],
  ...runtime.revealOptions,
  ...modeOptions(mode, touch),
}) as DeckApi;
window.Reveal = deck;

void deck.initialize().then(() => {
  // URL parameters override options in reveal (?view=scroll&mode=present): the view decides.
  if (deck.isScrollView() !== (mode === 'read')) {
    document.documentElement.dataset.deckMode = deck.isScrollView() ? 'read' : 'present';
    deck.layout();
  }
  improveAccessibility(deck);
  if (viewerPage) {
    // A linked slide is already held: reveal went to it through the scroll view (scroll-sync.ts).
    installReader(deck, { slides, downloads, slug: runtime.slug, lang, touch, linked });
  }
  exposeSlidesWhileReading(deck);
  fixUpcomingPreview(deck, params, initialHash);
  document.documentElement.dataset.deckReady = 'true';
  document.dispatchEvent(new CustomEvent(READY_EVENT, { detail: { deck } }));
});

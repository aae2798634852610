import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import runtime from 'virtual:deck/runtime';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import '../theme/theme.css';
import 'virtual:deck/styles';
import { improveAccessibility } from './a11y';

declare global {
  interface Window {
    /** The deck's reveal.js instance, where tools made for reveal.js decks look for it. */
    Reveal: InstanceType<typeof Reveal>;
  }
}

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const params = new URLSearchParams(window.location.search);
const root = document.querySelector<HTMLElement>('.reveal');
if (!root) throw new Error('deck: the page has no .reveal element');

document.documentElement.classList.add('deck-js');
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
  plugins: [Notes, Search],
  ...runtime.revealOptions,
});
window.Reveal = deck;

void deck.initialize().then(() => {
  improveAccessibility(deck);
  document.documentElement.dataset.deckReady = 'true';
  document.dispatchEvent(new CustomEvent('deck:ready', { detail: { deck } }));
});

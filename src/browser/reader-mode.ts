import type { RevealConfig } from 'reveal.js';
import { MODE_CHANGE_EVENT } from '../contract/dom.ts';
import type { DeckApi } from '../contract/page.ts';
import { holdSlide } from './scroll-sync.ts';
import { currentIndex, goToSlide } from './slides.ts';

/** Presenting is reveal's slide show; reading is its scroll view with each slide's notes beneath. */
export type DeckMode = 'present' | 'read';

/** Below this width a reader gets reading mode unless the link asks for `?mode=present`. */
export const NARROW_QUERY = '(max-width: 700px)';

/**
 * `?mode=read|present` wins; reveal's own `?view=scroll` reads too (reveal applies URL
 * parameters over our options); otherwise narrow screens read and wide ones present.
 */
export function initialMode(params: URLSearchParams, narrow: boolean): DeckMode {
  const asked = params.get('mode');
  if (asked === 'read' || asked === 'present') return asked;
  if (params.get('view') === 'scroll') return 'read';
  return narrow ? 'read' : 'present';
}

export function currentMode(): DeckMode {
  return document.documentElement.dataset.deckMode === 'read' ? 'read' : 'present';
}

/** reveal options for a mode; `touch` is what the deck asked for when presenting. */
export function modeOptions(mode: DeckMode, touch: boolean): RevealConfig {
  return mode === 'read'
    ? { view: 'scroll', scrollSnap: false, scrollProgress: true, touch: false }
    : { view: null, touch };
}

/**
 * Switches view at run time, keeping the slide: reveal's scroll view can be turned on and off
 * once its `view` option says so (else its auto-switch by width would undo it).
 */
export function setMode(deck: DeckApi, mode: DeckMode, touch: boolean): void {
  if (mode === currentMode()) return;
  const index = currentIndex(deck);
  if (mode === 'read') {
    document.documentElement.dataset.deckMode = 'read';
    deck.configure(modeOptions('read', touch));
    deck.toggleScrollView(true);
    holdSlide(index);
  } else {
    deck.toggleScrollView(false);
    deck.configure(modeOptions('present', touch));
    document.documentElement.dataset.deckMode = 'present';
    holdSlide(null);
  }
  // reveal restores this tab's last scroll position on activation; the slide wins over it.
  goToSlide(deck, index);
  const url = new URL(window.location.href);
  url.searchParams.set('mode', mode);
  history.replaceState(history.state, '', url);
  document.dispatchEvent(new CustomEvent(MODE_CHANGE_EVENT, { detail: { mode } }));
}

/** reveal's scroll view does not write the slide into the URL; reading mode does, as presenting does. */
export function writeHashWhileReading(deck: DeckApi): void {
  let timer = 0;
  deck.on('slidechanged', () => {
    if (currentMode() !== 'read') return;
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      const hash = `#${deck.getSlidePath()}`;
      if (currentMode() === 'read' && window.location.hash !== hash) history.replaceState(history.state, '', hash);
    }, 200);
  });
}

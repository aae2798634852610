/**
 * contract/: the page contract: what the built page and the tools that drive it (export, smoke, tests)
 * agree on. No Node imports: the page's runtime (src/browser/) imports it too.
 *
 * Code that runs inside the page through puppeteer's `page.evaluate` is serialised on its own,
 * so it cannot reach these constants by import: pass them in as arguments.
 */

/** On every slide's `<section>`: its 0-based place in reading order (deck.json `slides[i].index`). */
export const SLIDE_INDEX_ATTR = 'data-deck-index';

/** Every slide's `<section>`, in reading order. */
export const SLIDE_SELECTOR = `section[${SLIDE_INDEX_ATTR}]`;

/** The `<section>` of slide `index`. */
export function slideSelector(index: number): string {
  return `section[${SLIDE_INDEX_ATTR}="${index}"]`;
}

/** The reading-order index an element carries, or null when it is not a slide. */
export function slideIndexOf(el: Element | null | undefined): number | null {
  const value = el?.getAttribute(SLIDE_INDEX_ATTR);
  if (value === null || value === undefined || value === '') return null;
  const index = Number(value);
  return Number.isInteger(index) ? index : null;
}

/** The names code running inside the page needs, to pass in as an argument (it cannot import them). */
export interface SlideNames {
  /** Every slide's `<section>`: `section[data-deck-index]`. */
  slide: string;
  /** The attribute holding a slide's index: `data-deck-index`. */
  attr: string;
}
export const SLIDE_NAMES: SlideNames = { slide: SLIDE_SELECTOR, attr: SLIDE_INDEX_ATTR };

/** Class of the slides that hold the reference list (Works Cited): the handout sets them as text. */
export const REFS_SLIDE_CLASS = 'deck-refs-slide';

/** Fired on `document` once the deck is ready; `<html data-deck-ready="true">` says it afterwards. */
export const READY_EVENT = 'deck:ready';

/** On <html> once the bundled typeface may load: the first paint uses its fallbacks (theme.css). */
export const FONTS_CLASS = 'deck-fonts';

/** The typeface the default theme bundles. */
export const BUNDLED_TYPEFACE = 'Atkinson Hyperlegible';

/** Fired on `document` when the reader switches between presenting and reading. */
export const MODE_CHANGE_EVENT = 'deck:modechange';

/** Links to `#deck-contents` (a roadmap slide can have one) open the contents. */
export const CONTENTS_HASH = '#deck-contents';

/**
 * esbuild (through tsx and Vitest) wraps named inner functions in a `__name(…)` helper that
 * exists only in Node; functions serialised into the page need a harmless stand-in. Run it
 * before any such function, e.g. with `page.evaluateOnNewDocument(NAME_SHIM)`.
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

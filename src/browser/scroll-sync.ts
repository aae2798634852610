import type { RevealPlugin } from 'reveal.js';
import { slideIndexOf } from '../contract/dom.ts';
import type { DeckApi } from '../contract/page.ts';
import { findSlide } from './slides.ts';

/*
 * reveal's scroll view gives every page the same share of the scroll range: page k of n is
 * "current" while scrollTop / maxScroll lies in [k/n, (k+1)/n], and going to a slide scrolls
 * to k/n. Reading pages carry their notes, so their heights differ and both drift by whole
 * slides. This plugin, through the scroll controller reveal.js 6.0 hands its plugins
 * (`slideTriggers`, `setTriggerRanges`, `scrollToSlide`, not public API), measures the pages
 * instead, re-measures when they change size, and (through `syncScrollPosition`) keeps a slide
 * the reader was taken to in place while fonts, pictures and pages load above it, until the
 * reader scrolls. Should reveal change them, it steps aside.
 */

type Range = [number, number];
interface ScrollTrigger {
  range?: Range;
}
interface SlideTrigger {
  range?: Range;
  page: { pageElement?: HTMLElement; scrollTriggers: ScrollTrigger[] };
}
interface ScrollController {
  active: boolean;
  slideTriggers: SlideTrigger[];
  totalScrollTriggerCount: number;
  setTriggerRanges(): void;
  scrollToSlide(slide: HTMLElement): void;
  syncScrollPosition(): void;
  storeScrollPosition?(): void;
  restoreScrollPosition?(): void;
}

function isScrollController(value: unknown): value is ScrollController {
  const v = value as Partial<ScrollController> | null;
  return (
    typeof v?.setTriggerRanges === 'function' &&
    typeof v.scrollToSlide === 'function' &&
    typeof v.syncScrollPosition === 'function'
  );
}

/**
 * A page becomes current a few pixels before its top reaches the reading line (the top of
 * the screen under the bar), so that scrolling exactly to it never rounds to the page above.
 */
const LEAD = 8;

/** Scroll position that puts an element at the reading line (scroll-padding-top: under the bar). */
function scrollTopFor(el: Element, viewport: HTMLElement): number {
  const inset = parseFloat(getComputedStyle(viewport).scrollPaddingTop) || 0;
  return el.getBoundingClientRect().top - viewport.getBoundingClientRect().top + viewport.scrollTop - inset;
}

/** The reading view's scroll height when its pages were last measured. */
let measuredHeight = -1;

/** Scroll ranges from where the pages really are. */
function measuredRanges(this: ScrollController, viewport: HTMLElement): void {
  measuredHeight = viewport.scrollHeight;
  const triggers = this.slideTriggers;
  const max = Math.max(viewport.scrollHeight - viewport.clientHeight, 1);
  let last = 0;
  const starts = triggers.map((t, i) => {
    const el = t.page.pageElement;
    if (i > 0 && el) last = Math.min(Math.max((scrollTopFor(el, viewport) - LEAD) / max, last), 1);
    return last;
  });
  // The last pages may never reach the reading line (the view cannot scroll that far): they
  // share the final stretch with the last page that does, so each can still become current.
  const stuck = starts.findIndex((start) => start >= 1);
  if (stuck > 0) {
    const from = starts[stuck - 1] ?? 0;
    const share = (1 - from) / (starts.length - stuck + 1);
    for (let i = stuck; i < starts.length; i++) starts[i] = from + share * (i - stuck + 1);
  }
  triggers.forEach((t, i) => {
    const start = starts[i] ?? 0;
    const end = starts[i + 1] ?? 1;
    t.range = [start, end];
    const steps = t.page.scrollTriggers;
    steps.forEach((s, j) => {
      s.range = [start + ((end - start) * j) / steps.length, start + ((end - start) * (j + 1)) / steps.length];
    });
  });
  this.totalScrollTriggerCount = triggers.reduce((n, t) => n + Math.max(t.page.scrollTriggers.length, 1), 0);
}

/** Where `scrollToSlide` puts a page: at the reading line, or inside its range when the view cannot scroll that far. */
function anchoredTop(controller: ScrollController, page: Element, viewport: HTMLElement): number {
  const range = controller.slideTriggers.find((t) => t.page.pageElement === page)?.range;
  const max = viewport.scrollHeight - viewport.clientHeight;
  const top = scrollTopFor(page, viewport);
  return Math.max(range ? Math.min(top, range[0] * max + Math.min(LEAD, ((range[1] - range[0]) * max) / 2)) : top, 0);
}

/**
 * The slide the reader was taken to (a link, the contents, resume, a mode switch), the scroll
 * position that showed it and the layout it was measured in. Held until the reader scrolls:
 * fonts, pictures and pages laid out late above it must not move it, nor be read as the reader
 * moving on.
 */
interface Anchor {
  index: number;
  top: number;
  layout: string;
}
let anchor: Anchor | null = null;

/** Keeps slide `index` at the reading line from now until the reader scrolls (`null`: lets go). */
export function holdSlide(index: number | null): void {
  if (index === null) anchor = null;
  else if (anchor?.index !== index) anchor = { index, top: NaN, layout: '' };
}

/** What moves a held page when it changes: the page's place in the document and the document's height. */
function layoutOf(page: Element, viewport: HTMLElement): string {
  return `${Math.round(scrollTopFor(page, viewport))}:${viewport.scrollHeight}`;
}

function pin(page: Element, viewport: HTMLElement, top: number): void {
  if (!anchor) return;
  if (Math.abs(viewport.scrollTop - top) > 1) viewport.scrollTop = top;
  anchor.top = viewport.scrollTop;
  anchor.layout = layoutOf(page, viewport);
}

/**
 * While a slide is held, before reveal reads the scroll position: when the layout changed, the
 * held slide is put back (ranges measured again first, so that reveal reads the held slide); when
 * the layout is as it was and the position is not, someone scrolled without an input event
 * announcing it (a script, assistive technology), and the hold ends.
 */
/** Whether the held slide's page is no longer where it was pinned (the layout above it changed). */
function anchorMoved(viewport: HTMLElement): boolean {
  const page = anchor && findSlide(anchor.index)?.closest('.scroll-page');
  return !!page && layoutOf(page, viewport) !== anchor?.layout;
}

function keepAnchor(controller: ScrollController, viewport: HTMLElement): void {
  if (!anchor) return;
  const page = findSlide(anchor.index)?.closest('.scroll-page');
  if (!page) return;
  const scrolledByOthers = Math.abs(viewport.scrollTop - anchor.top) > 1;
  if (scrolledByOthers && layoutOf(page, viewport) === anchor.layout) {
    anchor = null;
    return;
  }
  measuredRanges.call(controller, viewport);
  pin(page, viewport, anchoredTop(controller, page, viewport));
}

/**
 * The plugin; `active()` says whether the reading layout (variable page heights) is on.
 * Without reveal's controller (another reveal version) it does nothing and the view still works.
 */
export function scrollSyncPlugin(active: () => boolean): RevealPlugin {
  return {
    id: 'deck-scroll-sync',
    init(reveal) {
      const deck = reveal as DeckApi;
      const scroll: unknown = (reveal as unknown as { scroll?: unknown }).scroll;
      if (!isScrollController(scroll)) return;
      const evenRanges = scroll.setTriggerRanges.bind(scroll);
      const scrollToRange = scroll.scrollToSlide.bind(scroll);
      const syncPosition = scroll.syncScrollPosition.bind(scroll);
      scroll.setTriggerRanges = function (this: ScrollController) {
        const viewport = deck.getViewportElement();
        if (active() && viewport) measuredRanges.call(this, viewport);
        else evenRanges();
      };
      scroll.scrollToSlide = function (this: ScrollController, slide: HTMLElement) {
        const viewport = deck.getViewportElement();
        const page = slide.closest('.scroll-page');
        if (active() && this.active && viewport && page) {
          // A slide gone to on purpose (a link, the contents, Reveal.slide) is held in place
          // while the layout settles, instead of an older one.
          const index = slideIndexOf(slide);
          if (index !== null && index !== anchor?.index) holdSlide(index);
          const top = anchoredTop(this, page, viewport);
          if (anchor) pin(page, viewport, top);
          else viewport.scrollTop = top;
        } else scrollToRange(slide);
      };
      // reveal reads the position on every scroll and after every layout: a held slide is put
      // back first, so that no layout change is ever read as the reader moving on.
      scroll.syncScrollPosition = function (this: ScrollController) {
        const viewport = deck.getViewportElement();
        if (active() && this.active && viewport) keepAnchor(this, viewport);
        syncPosition();
      };
      // reveal keeps this tab's scroll position in sessionStorage and puts it back when the view
      // starts. The address already names the slide, and the slide wins over it (setMode,
      // holdSlide); and a browser's first touch of that storage waits on its storage process,
      // a pause in a phone's start-up (or in a reader's first scroll) for nothing.
      scroll.restoreScrollPosition = () => {};
      scroll.storeScrollPosition = () => {};
      // reveal lays the whole deck out again when the window has loaded; while reading, that is
      // left to followLayout, which does it only when the pages' heights changed meanwhile.
      window.removeEventListener('load', deck.layout);
      window.addEventListener('load', () => {
        if (!active() || !deck.isScrollView()) deck.layout();
      });
      followLayout(deck, active);
    },
  };
}

/** Lays the reading view out again when its pages change size; the reader's own input lets a held slide go. */
function followLayout(deck: DeckApi, active: () => boolean): void {
  let frame = 0;
  const relayout = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (!active() || !deck.isScrollView()) return;
      // Pages that kept their heights keep their places (the first observation, fonts that
      // changed nothing), and a held slide that has not moved needs nothing: laying the whole
      // view out again would only cost the reader time.
      const viewport = deck.getViewportElement();
      if (viewport?.scrollHeight === measuredHeight && !anchorMoved(viewport)) return;
      // reveal's own layout, not just new ranges: it also starts afresh which pages have their
      // media loaded, so no page loaded at start-up is unloaded (its download aborted) by it.
      // Its position read puts a held slide back (keepAnchor).
      deck.layout();
    });
  };
  const slides = deck.getSlidesElement();
  if (slides) new ResizeObserver(relayout).observe(slides);
  document.fonts.addEventListener('loadingdone', relayout);
  window.addEventListener('load', relayout);
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown', 'mousedown'] as const) {
    window.addEventListener(type, () => (anchor = null), { capture: true, passive: true });
  }
}

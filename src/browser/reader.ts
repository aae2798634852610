import { exposeSlidesWhileReading } from './a11y.ts';
import type { DeckApi } from '../contract/page.ts';
import type { ListedDownload } from '../contract/downloads.ts';
import { bindKeys } from './keys.ts';
import { CONTENTS_HASH, MODE_CHANGE_EVENT } from '../contract/dom.ts';
import { createMenu, type Menu } from './menu.ts';
import { currentMode, setMode, writeHashWhileReading } from './reader-mode.ts';
import { installResume } from './resume.ts';
import { holdSlide } from './scroll-sync.ts';
import { currentIndex, findSlide, goToSlide, type SlideEntry } from './slides.ts';
import { createToolbar } from './toolbar.ts';

export interface ReaderOptions {
  /** The slides with their titles: read only when the contents or the resume offer need them. */
  slides: () => SlideEntry[];
  /** How many slides the deck has. */
  total: number;
  downloads: ListedDownload[];
  slug: string;
  lang: string;
  /** The address named a slide (`#/…`) when the page loaded. */
  linked: boolean;
  /** reveal's `touch` option for presenting (reading scrolls natively). */
  touch: boolean;
}

/** What is left of the reader to build once the first slide is on screen. */
export interface Reader {
  /** Builds the contents and downloads menu (else its first opening builds it). */
  buildMenu(): void;
  /** Reads the saved place and offers it, once. */
  offerResume(): void;
}

/**
 * The self-paced viewer's controls around reveal: the mode switch, contents and downloads menu,
 * resume offer and keys. Not installed in print (`?print-pdf`) or speaker-view (`?receiver`) pages.
 * The menu, a list as long as the deck, is built apart (`buildMenu`), after the first paint, and
 * so is the resume offer (`offerResume`).
 */
export function installReader(deck: DeckApi, options: ReaderOptions): Reader {
  const { slides, total, downloads, slug, lang, touch, linked } = options;

  /** Jumps to a slide; while reading, focus follows so reading (and Tab) continue from there. */
  const go = (index: number) => {
    goToSlide(deck, index);
    if (currentMode() !== 'read') return;
    holdSlide(index);
    const slide = findSlide(index);
    if (!slide) return;
    slide.tabIndex = -1;
    slide.focus({ preventScroll: true });
  };
  let menu: Menu | null = null;
  const buildMenu = (): Menu => {
    if (menu) return menu;
    menu = createMenu(slides(), downloads, lang, go);
    // After the toolbar and the resume offer, where it has always been in the page's order.
    const before = document.body.querySelector(':scope > :not(.deck-toolbar, .deck-resume)');
    document.body.insertBefore(menu.dialog, before);
    return menu;
  };
  const toggleMode = () => setMode(deck, currentMode() === 'read' ? 'present' : 'read', touch);
  const contents = () => buildMenu().open('contents', currentIndex(deck));
  const toolbar = createToolbar({
    toggleMode,
    contents,
    downloads: downloads.length ? () => buildMenu().open('downloads', currentIndex(deck)) : null,
  });
  const resume = installResume(deck, { slug, slides, total, linked }, go);
  document.body.prepend(toolbar.element);

  const update = () => {
    toolbar.update(currentMode(), currentIndex(deck), total);
    exposeSlidesWhileReading(deck);
  };
  deck.on('slidechanged', update);
  document.addEventListener(MODE_CHANGE_EVENT, update);
  update();

  bindKeys(deck, {
    toggleMode,
    contents,
    step: (delta) => go(clamp(currentIndex(deck) + delta, 0, total - 1)),
  });
  writeHashWhileReading(deck);
  document.addEventListener(
    'click',
    (e) => {
      if (!(e.target instanceof Element) || !e.target.closest(`a[href="${CONTENTS_HASH}"]`)) return;
      e.preventDefault();
      e.stopPropagation();
      contents();
    },
    { capture: true },
  );
  return {
    buildMenu: () => void buildMenu(),
    // Right after the toolbar, where it has always been in the page's order.
    offerResume: () => {
      const offer = resume.offer();
      if (offer) toolbar.element.after(offer);
    },
  };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}

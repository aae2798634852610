import { exposeSlidesWhileReading } from './a11y.ts';
import type { DeckApi } from '../contract/page.ts';
import type { ListedDownload } from '../contract/downloads.ts';
import { bindKeys } from './keys.ts';
import { CONTENTS_HASH, MODE_CHANGE_EVENT } from '../contract/dom.ts';
import { createMenu } from './menu.ts';
import { currentMode, setMode, writeHashWhileReading } from './reader-mode.ts';
import { installResume } from './resume.ts';
import { holdSlide } from './scroll-sync.ts';
import { currentIndex, findSlide, goToSlide, type SlideEntry } from './slides.ts';
import { createToolbar } from './toolbar.ts';

export interface ReaderOptions {
  slides: SlideEntry[];
  downloads: ListedDownload[];
  slug: string;
  lang: string;
  /** The address named a slide (`#/…`) when the page loaded. */
  linked: boolean;
  /** reveal's `touch` option for presenting (reading scrolls natively). */
  touch: boolean;
}

/**
 * The self-paced viewer's controls around reveal: the mode switch, contents and downloads menu,
 * resume offer and keys. Not installed in print (`?print-pdf`) or speaker-view (`?receiver`) pages.
 */
export function installReader(deck: DeckApi, options: ReaderOptions): void {
  const { slides, downloads, slug, lang, touch, linked } = options;

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
  const menu = createMenu(slides, downloads, lang, go);
  const toggleMode = () => setMode(deck, currentMode() === 'read' ? 'present' : 'read', touch);
  const contents = () => menu.open('contents', currentIndex(deck));
  const toolbar = createToolbar({
    toggleMode,
    contents,
    downloads: downloads.length ? () => menu.open('downloads', currentIndex(deck)) : null,
  });
  const resume = installResume(deck, { slug, slides, linked }, go);
  document.body.prepend(...[toolbar.element, resume, menu.dialog].filter((e): e is HTMLElement => e !== null));

  const update = () => {
    toolbar.update(currentMode(), currentIndex(deck), slides.length);
    exposeSlidesWhileReading(deck);
  };
  deck.on('slidechanged', update);
  document.addEventListener(MODE_CHANGE_EVENT, update);
  update();

  bindKeys(deck, {
    toggleMode,
    contents,
    step: (delta) => go(clamp(currentIndex(deck) + delta, 0, slides.length - 1)),
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
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}

import { SLIDE_SELECTOR, slideIndexOf, slideSelector } from '../contract/dom.ts';
import type { DeckApi } from '../contract/page.ts';
import { slideTitle } from '../contract/slides.ts';

/** One slide as the reader's controls see it: its place in reading order, its id and title. */
export interface SlideEntry {
  /** 0-based, from the compiler's slide index attribute. */
  index: number;
  id: string;
  title: string;
}

/** The prerendered slides in reading order, titled as deck.json titles them. */
export function listSlides(root: ParentNode): SlideEntry[] {
  return Array.from(root.querySelectorAll<HTMLElement>(SLIDE_SELECTOR), (el, i) => ({
    index: slideIndexOf(el) ?? i,
    id: el.id,
    title: titleOf(el, i),
  }));
}

function titleOf(el: HTMLElement, index: number): string {
  const heading = el.querySelector(':is(h1, h2, h3, h4, h5, h6):not(aside *)');
  if (heading) return slideTitle(collapse(heading.textContent), '', index);
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('aside.notes').forEach((n) => n.remove());
  return slideTitle('', collapse(copy.textContent), index);
}

function collapse(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The slide's element now: reveal's scroll view moves sections and rebuilds them on the way back. */
export function findSlide(index: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(slideSelector(index));
}

/** Reading-order index of the slide reveal shows (or scrolled to). */
export function currentIndex(deck: DeckApi): number {
  return slideIndexOf(deck.getCurrentSlide()) ?? 0;
}

/** Shows a slide in either view: reveal slides to it, or scrolls to it in the scroll view. */
export function goToSlide(deck: DeckApi, index: number): void {
  const el = findSlide(index);
  if (!el) return;
  const { h, v } = deck.getIndices(el);
  deck.slide(h, v);
}

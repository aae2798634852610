import type { DeckApi } from './deck-api.ts';

/** One slide as the reader's controls see it: its place in reading order, its id and title. */
export interface SlideEntry {
  /** 0-based, from the compiler's `data-deck-index`. */
  index: number;
  id: string;
  title: string;
}

const SLIDE = 'section[data-deck-index]';

/** The prerendered slides in reading order, titled as deck.json titles them (src/finish.ts). */
export function listSlides(root: ParentNode): SlideEntry[] {
  return Array.from(root.querySelectorAll<HTMLElement>(SLIDE), (el, i) => ({
    index: Number(el.dataset.deckIndex ?? i),
    id: el.id,
    title: slideTitle(el) || `Slide ${i + 1}`,
  }));
}

function slideTitle(el: HTMLElement): string {
  const heading = el.querySelector(':is(h1, h2, h3, h4, h5, h6):not(aside *)');
  if (heading) return collapse(heading.textContent);
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('aside.notes').forEach((n) => n.remove());
  return collapse(copy.textContent).slice(0, 60).trim();
}

function collapse(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The slide's element now: reveal's scroll view moves sections and rebuilds them on the way back. */
export function findSlide(index: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`section[data-deck-index="${index}"]`);
}

/** Reading-order index of the slide reveal shows (or scrolled to). */
export function currentIndex(deck: DeckApi): number {
  const index = Number((deck.getCurrentSlide() as HTMLElement | undefined)?.dataset.deckIndex);
  return Number.isFinite(index) ? index : 0;
}

/** Shows a slide in either view: reveal slides to it, or scrolls to it in the scroll view. */
export function goToSlide(deck: DeckApi, index: number): void {
  const el = findSlide(index);
  if (!el) return;
  const { h, v } = deck.getIndices(el);
  deck.slide(h, v);
}

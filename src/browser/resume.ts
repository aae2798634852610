import type { DeckApi } from '../contract/page.ts';
import { currentIndex, findSlide, type SlideEntry } from './slides.ts';

/** Where a reader was, kept per deck on their device. */
export interface SavedPosition {
  index: number;
  id: string;
}

export function positionKey(slug: string): string {
  return `deck:${slug}:position`;
}

/** localStorage throws on some file:// pages, in private windows and when full: never fatal. */
function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadPosition(slug: string): SavedPosition | null {
  try {
    const data: unknown = JSON.parse(store()?.getItem(positionKey(slug)) ?? 'null');
    const v = data as Partial<SavedPosition> | null;
    return typeof v?.index === 'number' && typeof v.id === 'string' ? { index: v.index, id: v.id } : null;
  } catch {
    return null;
  }
}

export function savePosition(slug: string, position: SavedPosition): void {
  try {
    store()?.setItem(positionKey(slug), JSON.stringify(position));
  } catch {
    // Full or forbidden storage only costs the reader the resume offer.
  }
}

/** The slide to offer: found by id first, so a re-ordered deck still resumes at the same slide. */
function resumeTarget(saved: SavedPosition | null, slides: SlideEntry[]): SlideEntry | undefined {
  if (!saved) return undefined;
  return slides.find((s) => s.id && s.id === saved.id) ?? slides.find((s) => s.index === saved.index && !saved.id);
}

/**
 * Remembers the reader's slide, and when they come back with a link to no slide in particular
 * (`linked` false: read before reveal writes the first slide into the URL), offers
 * (non-modally, dismissibly) to take them back to it. The saved place is read by `offer()`, after
 * the first paint: a browser's first touch of localStorage waits on its storage process, a long
 * pause for a fresh profile on a slow phone.
 */
export function installResume(
  deck: DeckApi,
  options: { slug: string; slides: () => SlideEntry[]; total: number; linked: boolean },
  go: (index: number) => void,
): { offer(): HTMLElement | null } {
  const { slug, slides, total, linked } = options;
  let offer: HTMLElement | null = null;
  let read = false;
  let moved = false;
  const withdraw = () => {
    offer?.remove();
    offer = null;
  };

  let timer = 0;
  deck.on('slidechanged', () => {
    const index = currentIndex(deck);
    // The opening slide, before the saved place is read or while its offer stands, is not a
    // choice yet: keep the saved place.
    if ((!read || offer) && index === 0) return;
    moved = true;
    withdraw();
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      savePosition(slug, { index, id: findSlide(index)?.id ?? '' });
    }, 250);
  });

  return {
    offer() {
      if (read) return null;
      read = true;
      // A reader who already went elsewhere has chosen; the slides' titles are read only when there is a place to offer.
      const saved = linked || moved ? null : loadPosition(slug);
      const target = saved ? resumeTarget(saved, slides()) : undefined;
      if (!target || target.index === 0) return null;
      const shown = resumeOffer(target, total);
      offer = shown;
      shown.querySelector('[data-deck-resume]')?.addEventListener('click', () => {
        withdraw();
        go(target.index);
      });
      shown.querySelector('[data-deck-dismiss]')?.addEventListener('click', withdraw);
      shown.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') withdraw();
      });
      return shown;
    },
  };
}

function resumeOffer(target: SlideEntry, total: number): HTMLElement {
  const offer = document.createElement('section');
  offer.className = 'deck-ui deck-resume';
  offer.setAttribute('aria-label', 'Resume');
  offer.innerHTML = `<p role="status" class="deck-resume-text"></p>
<div class="deck-resume-actions"><button type="button" data-deck-resume>Resume</button><button type="button" data-deck-dismiss>Dismiss</button></div>`;
  const text = offer.querySelector('p');
  // Filled after insertion, so screen readers announce it as a status message.
  requestAnimationFrame(() => {
    if (text) text.textContent = `Resume at slide ${target.index + 1} of ${total}: ${target.title}?`;
  });
  return offer;
}

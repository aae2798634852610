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
 * (non-modally, dismissibly) to take them back to it.
 */
export function installResume(
  deck: DeckApi,
  options: { slug: string; slides: () => SlideEntry[]; total: number; linked: boolean },
  go: (index: number) => void,
): HTMLElement | null {
  const { slug, slides, total, linked } = options;
  // The slides' titles are read only when there is a place to offer.
  const saved = linked ? null : loadPosition(slug);
  const target = saved ? resumeTarget(saved, slides()) : undefined;
  let offer = target && target.index > 0 ? resumeOffer(target, total) : null;
  const withdraw = () => {
    offer?.remove();
    offer = null;
  };
  offer?.querySelector('[data-deck-resume]')?.addEventListener('click', () => {
    withdraw();
    if (target) go(target.index);
  });
  offer?.querySelector('[data-deck-dismiss]')?.addEventListener('click', withdraw);
  offer?.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') withdraw();
  });

  let timer = 0;
  deck.on('slidechanged', () => {
    const index = currentIndex(deck);
    // The opening slide while the offer stands is not a choice yet: keep the saved place.
    if (offer && index === 0) return;
    withdraw();
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      savePosition(slug, { index, id: findSlide(index)?.id ?? '' });
    }, 250);
  });
  return offer;
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

import type Reveal from 'reveal.js';
import type { DeckApi } from '../contract/page.ts';

/**
 * reveal marks its wrapper role="application", which stops screen readers from reading the
 * slides as a document; a labelled main landmark (the page's content, beside the reader's
 * controls) keeps the keyboard shortcuts and the reading.
 */
export function improveAccessibility(deck: InstanceType<typeof Reveal>): void {
  const wrapper = deck.getRevealElement();
  if (!wrapper) return;
  wrapper.setAttribute('role', 'main');
  wrapper.setAttribute('aria-roledescription', 'slide deck');
  wrapper.setAttribute('aria-label', document.title);
}

/**
 * Speaker notes are labelled notes, not complementary landmarks, when reading mode shows them.
 * Done before reveal starts: its scroll view restores the slides' markup as it was then.
 */
export function labelNotes(root: ParentNode): void {
  for (const notes of root.querySelectorAll('aside.notes')) {
    notes.setAttribute('role', 'note');
    notes.setAttribute('aria-label', 'Speaker notes');
  }
}

/**
 * reveal's scroll view keeps the presenting view's aria-hidden on every slide but one, and
 * announces each slide scrolled past through its live region. A page being read is read by
 * the reader: every slide stays exposed and the announcements stop.
 */
export function exposeSlidesWhileReading(deck: DeckApi): void {
  const reading = deck.isScrollView();
  const wrapper = deck.getRevealElement();
  wrapper?.querySelector('.aria-status')?.setAttribute('aria-live', reading ? 'off' : 'polite');
  if (!reading) return;
  for (const section of wrapper?.querySelectorAll('.slides section') ?? []) {
    section.removeAttribute('aria-hidden');
    section.removeAttribute('hidden');
  }
}

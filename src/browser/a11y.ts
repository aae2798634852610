import type Reveal from 'reveal.js';

/**
 * reveal marks its wrapper role="application", which stops screen readers from reading the
 * slides as a document; a labelled region keeps the keyboard shortcuts and the reading.
 */
export function improveAccessibility(deck: InstanceType<typeof Reveal>): void {
  const wrapper = deck.getRevealElement();
  if (!wrapper) return;
  wrapper.setAttribute('role', 'region');
  wrapper.setAttribute('aria-roledescription', 'slide deck');
  wrapper.setAttribute('aria-label', document.title);
}

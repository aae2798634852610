import type { RevealApi } from 'reveal.js';

/** The reveal.js 6 API, with the view methods its type definitions leave out. */
export type DeckApi = RevealApi & {
  toggleScrollView(on?: boolean): void;
  isScrollView(): boolean;
};

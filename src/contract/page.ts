import type { RevealApi } from 'reveal.js';

/** The reveal.js 6 API, with the view methods its type definitions leave out. */
export type DeckApi = RevealApi & {
  toggleScrollView(on?: boolean): void;
  isScrollView(): boolean;
};

declare global {
  interface Window {
    /** The deck's reveal.js instance, where tools made for reveal.js decks (and ours) look for it. */
    Reveal: DeckApi;
  }
}

/** What the page's runtime module (`virtual:deck/runtime`, written by the deck:slides plugin) exports. */
export interface DeckRuntime {
  /** Target duration of the talk, for the speaker view's pacing. */
  minutes: number | null;
  /** Names the deck's saved reading position. */
  slug: string;
  /** Passed through to `Reveal.initialize`, over the page's own options. */
  revealOptions: Record<string, unknown>;
}

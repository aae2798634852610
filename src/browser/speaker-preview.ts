import type { DeckApi } from './deck-api.ts';

/**
 * The speaker view's "upcoming" preview loads the deck at the current slide's hash and waits
 * to be told to step on; reveal's notes plugin sometimes tells it before the frame has loaded,
 * so the message is lost and the preview shows the current slide. That frame (?receiver with
 * controls=false) steps on by itself when no state has reached it yet.
 */
export function fixUpcomingPreview(deck: DeckApi, params: URLSearchParams, hash: string): void {
  if (!params.has('receiver') || params.get('controls') !== 'false') return;
  const m = /^#\/(\d+)(?:\/(\d+))?/.exec(hash);
  if (!m) return;
  const { h, v } = deck.getIndices();
  if (h === Number(m[1]) && (v ?? 0) === Number(m[2] ?? 0)) deck.next();
}

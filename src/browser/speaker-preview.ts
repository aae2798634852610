import { parseSlideHash } from '../contract/links.ts';
import type { DeckApi } from '../contract/page.ts';

/**
 * The speaker view's "upcoming" preview loads the deck at the current slide's hash and waits
 * to be told to step on; reveal's notes plugin sometimes tells it before the frame has loaded,
 * so the message is lost and the preview shows the current slide. That frame (?receiver with
 * controls=false) steps on by itself when no state has reached it yet.
 */
export function fixUpcomingPreview(deck: DeckApi, params: URLSearchParams, hash: string): void {
  if (!params.has('receiver') || params.get('controls') !== 'false') return;
  const link = parseSlideHash(hash);
  if (link?.type !== 'indices') return;
  const { h, v } = deck.getIndices();
  if (h === link.h && (v ?? 0) === link.v) deck.next();
}

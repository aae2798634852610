import { parseHTML } from 'linkedom';
import { DOWNLOADS_ELEMENT_ID } from '../contract/downloads.ts';
import { CLIENT_PATH } from '../contract/live.ts';

/**
 * The built page as `deck present` serves it: with the live client's script added, and for a
 * follower (unless notes are shared) without the speaker notes and without the notes handout
 * in the downloads list. Done on a DOM, never by string replacement.
 */
export function livePage(html: string, options: { withNotes: boolean }): string {
  const { document } = parseHTML(html);
  if (!options.withNotes) {
    for (const aside of document.querySelectorAll('aside.notes')) aside.remove();
    const downloads = document.getElementById(DOWNLOADS_ELEMENT_ID);
    if (downloads) {
      try {
        const list = JSON.parse(downloads.textContent ?? '[]') as { kind?: unknown }[];
        downloads.textContent = JSON.stringify(list.filter((d) => d.kind !== 'handout'));
      } catch {
        downloads.remove();
      }
    }
  }
  const script = document.createElement('script');
  script.setAttribute('defer', '');
  // Absolute: `deck present` always serves the deck at the root.
  script.setAttribute('src', CLIENT_PATH);
  (document.head ?? document.body).appendChild(script);
  return document.toString();
}

/** deck.json for a follower: the same, with every slide's notes left out. */
export function followerDeckJson(json: string): string {
  const deck = JSON.parse(json) as { slides?: Record<string, unknown>[] };
  for (const slide of deck.slides ?? []) {
    slide.notesText = '';
    slide.notesHtml = '';
    slide.notesWords = 0;
  }
  return JSON.stringify(deck);
}

/** Files of the built deck that carry the notes, by name: withheld from followers. */
export function notesFiles(slug: string): Set<string> {
  return new Set([`${slug}-handout.pdf`, `${slug}-offline.html`]);
}

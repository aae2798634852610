import type { Reference } from '../model';
import { escapeAttr } from './deck';

/** Marker an author puts on the slide that lists the references (pandoc's convention). */
export const REFS_PLACEHOLDER = /<div id="refs">\s*<\/div>/;

/**
 * Characters of reference text that fit one 1280×720 slide at the theme's reference size
 * (about 70 characters a line, 14 lines, with room for the heading).
 */
export const REFS_CHARS_PER_SLIDE = 900;

/** Greedy split into slide-sized pages; a page always takes at least one entry. */
export function paginateReferences(refs: Reference[], budget = REFS_CHARS_PER_SLIDE): Reference[][] {
  const pages: Reference[][] = [];
  let page: Reference[] = [];
  let used = 0;
  for (const ref of refs) {
    const cost = ref.text.length + 70; // a partly filled last line of each entry
    if (page.length > 0 && used + cost > budget) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(ref);
    used += cost;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

export function referencesHtml(refs: Reference[]): string {
  const items = refs.map((r) => `<li class="deck-ref" id="ref-${escapeAttr(r.id)}">${r.html}</li>`).join('\n');
  return `<ul class="deck-refs">\n${items}\n</ul>`;
}

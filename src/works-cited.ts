import type { Draft } from './draft.ts';
import type { WarningList } from './errors.ts';
import type { Reference } from './model.ts';
import { escapeAttr } from './render/escape.ts';
import { htmlText } from './render/slide-dom.ts';

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

/** Fills the author's `<div id="refs"></div>` slide, or appends one, splitting a long list over slides. */
export function placeReferences(drafts: Draft[], refs: Reference[], heading: string, warnings: WarningList): Draft[] {
  const at = drafts.findIndex((d) => REFS_PLACEHOLDER.test(d.html));
  if (refs.length === 0) {
    if (at >= 0)
      warnings.warn(
        'NO_CITATIONS',
        { file: drafts[at]!.chunk.file, line: drafts[at]!.chunk.startLine, column: 1 },
        'the references slide is empty because nothing is cited',
      );
    return drafts;
  }
  const last = drafts[drafts.length - 1]!;
  const base: Draft =
    at >= 0
      ? drafts[at]!
      : {
          ...last,
          kind: 'h',
          html: `<h2>${heading}</h2>\n<div id="refs"></div>`,
          heading,
          text: heading,
          notesHtml: `<p>${heading}: the sources cited in this deck.</p>`,
          notesText: htmlText(`<p>${heading}: the sources cited in this deck.</p>`),
          attributes: {},
          idPos: null,
          citations: [],
          fragments: 0,
        };
  const pages = paginateReferences(refs).map((page, i): Draft => {
    // A replacer function: "$`" or "$&" in a reference must stay text.
    const html = base.html.replace(REFS_PLACEHOLDER, () => referencesHtml(page));
    if (i === 0)
      return {
        ...base,
        html,
        attributes: { ...base.attributes, class: `${base.attributes.class ?? ''} deck-refs-slide`.trim() },
      };
    const { id: _id, ...attrs } = base.attributes;
    return {
      ...base,
      kind: 'h',
      html: html.replace(/<\/h([1-6])>/, ' <span class="deck-continued">(continued)</span></h$1>'),
      heading: `${base.heading} (continued)`,
      notesHtml: `<p>${base.heading || heading}, continued.</p>`,
      notesText: htmlText(`<p>${base.heading || heading}, continued.</p>`),
      attributes: { ...attrs, class: `${attrs.class ?? ''} deck-refs-slide`.trim() },
      idPos: null,
      citations: [],
    };
  });
  return at >= 0 ? [...drafts.slice(0, at), ...pages, ...drafts.slice(at + 1)] : [...drafts, ...pages];
}

import type { CompileResult } from '../compile.ts';
import { escapeAttr, escapeText } from '../render/deck.ts';

/** Fills `src/index.html`'s placeholders with the compiled deck. */
export function fillTemplate(html: string, { deck, sectionsHtml }: CompileResult): string {
  const { meta } = deck;
  const description = meta.description || meta.subtitle || meta.title;
  return html
    .replace(/<html lang="[^"]*"/, `<html lang="${escapeAttr(meta.lang)}" data-deck-theme="${escapeAttr(meta.theme)}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeText(meta.title)}</title>`)
    .replace('%DECK_DESCRIPTION%', escapeAttr(description))
    .replace('%DECK_AUTHOR%', escapeAttr(meta.authors.join(', ')))
    .replace('%DECK_KEYWORDS%', escapeAttr(meta.keywords.join(', ')))
    .replace('<!--deck:sections-->', () => sectionsHtml);
}

import type { CompileResult } from '../compile.ts';
import { escapeAttr, escapeText } from '../render/deck.ts';
import { linkPreviewTags } from './link-preview.ts';

/** The engine's icon, inlined so a deck without public/favicon.svg makes no request that 404s. */
export const DEFAULT_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#00535b"/><rect x="7" y="9" width="18" height="12" rx="1.5" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M16 21v4M11 25h10" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>',
  );

/**
 * Fills `src/index.html`'s placeholders with the compiled deck. `icon` is the deck's own
 * `public/favicon.svg` when it has one.
 */
export function fillTemplate(html: string, { deck, sectionsHtml }: CompileResult, icon: string = DEFAULT_ICON): string {
  const { meta } = deck;
  const description = meta.description || meta.subtitle || meta.title;
  return html
    .replace(/<html lang="[^"]*"/, `<html lang="${escapeAttr(meta.lang)}" data-deck-theme="${escapeAttr(meta.theme)}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeText(meta.title)}</title>`)
    .replace('%DECK_DESCRIPTION%', escapeAttr(description))
    .replace('%DECK_AUTHOR%', escapeAttr(meta.authors.join(', ')))
    .replace('%DECK_KEYWORDS%', escapeAttr(meta.keywords.join(', ')))
    .replace('%DECK_ICON%', escapeAttr(icon))
    .replace(/[ \t]*<\/head>/, () => `${linkPreviewTags(meta, description)}  </head>`)
    .replace('<!--deck:sections-->', () => sectionsHtml);
}

import { DOWNLOADS_ELEMENT_ID, downloadsElement, type DeckDownloads } from '../contract/downloads.ts';

/**
 * Writes the downloads list (its format is the page contract's, src/contract/downloads.ts)
 * into a built page and reads it back. Pure: HTML in, HTML out.
 */

const BLOCK = new RegExp(
  `[ \\t]*<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">[\\s\\S]*?</script>\\n?`,
  'g',
);

/** Puts the list into a page, replacing any block from an earlier export; an empty list removes the block. */
export function injectDownloads(html: string, downloads: DeckDownloads): string {
  const without = html.replace(BLOCK, '');
  if (downloads.length === 0) return without;
  const at = without.lastIndexOf('</body>');
  const element = `  ${downloadsElement(downloads)}\n`;
  return at < 0 ? `${without}\n${element}` : `${without.slice(0, at)}${element}${without.slice(at)}`;
}

/** Reads the list back out of a page (the next export, tests); [] when the block is absent. */
export function readDownloads(html: string): DeckDownloads {
  const m = new RegExp(`<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html);
  return m ? (JSON.parse(m[1] ?? '[]') as DeckDownloads) : [];
}

/**
 * The downloads contract between the export and the page (issue 6 item 4): after writing the
 * PDFs, the export puts a JSON list of them into `index.html` (and the offline file), just
 * before `</body>`:
 *
 * ```html
 * <script type="application/json" id="deck-downloads">[{"kind":"slides","href":"./talk.pdf",…}]</script>
 * ```
 *
 * The runtime reads it with `JSON.parse(document.getElementById(DOWNLOADS_ELEMENT_ID).textContent)`.
 * The block lists exactly the files that exist; it is absent when no PDF was written. Browser
 * code may import the types (`import type`) and the id constant from here: this module has no
 * Node imports.
 */

/** `id` of the `<script type="application/json">` element that holds the list. */
export const DOWNLOADS_ELEMENT_ID = 'deck-downloads';

/** Which export a download is. */
export type DeckDownloadKind = 'slides' | 'handout' | 'pptx' | 'contact';

/** One downloadable file, as listed in the page. */
export interface DeckDownload {
  kind: DeckDownloadKind;
  /** Relative to the page: `./<slug>.pdf`. */
  href: string;
  /** File size in bytes. */
  bytes: number;
  /** Page count of the PDF. */
  pages: number;
  /** Link text for people: "Slides (PDF)", "Handout (PDF)". */
  label: string;
}

/** The element's content: the downloads in the order the page should list them. */
export type DeckDownloads = DeckDownload[];

/** Link texts, per kind. */
export const DOWNLOAD_LABELS: Readonly<Record<DeckDownloadKind, string>> = {
  slides: 'Slides (PDF)',
  handout: 'Handout (PDF)',
  pptx: 'Slides (PowerPoint)',
  contact: 'All slides at a glance (PNG)',
};

const BLOCK = new RegExp(
  `[ \\t]*<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">[\\s\\S]*?</script>\\n?`,
  'g',
);

/**
 * The `<script>` element for a list. `<` is written as `\u003c` so that no file name can
 * close the element early.
 */
export function downloadsElement(downloads: DeckDownloads): string {
  const json = JSON.stringify(downloads).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">${json}</script>`;
}

/**
 * Puts the list into a page, replacing any block from an earlier export; an empty list removes
 * the block. Pure: HTML in, HTML out.
 */
export function injectDownloads(html: string, downloads: DeckDownloads): string {
  const without = html.replace(BLOCK, '');
  if (downloads.length === 0) return without;
  const at = without.lastIndexOf('</body>');
  const element = `  ${downloadsElement(downloads)}\n`;
  return at < 0 ? `${without}\n${element}` : `${without.slice(0, at)}${element}${without.slice(at)}`;
}

/** Reads the list back out of a page (tests and tools); [] when the block is absent. */
export function readDownloads(html: string): DeckDownloads {
  const m = new RegExp(`<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html);
  return m ? (JSON.parse(m[1] ?? '[]') as DeckDownloads) : [];
}

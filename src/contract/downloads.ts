/**
 * The downloads list: after writing the PDFs, the export puts a JSON list of them into
 * `index.html` (and the offline file), just before `</body>`:
 *
 * ```html
 * <script type="application/json" id="deck-downloads">[{"kind":"slides","href":"./talk.pdf",…}]</script>
 * ```
 *
 * The block lists exactly the files that exist; it is absent when no PDF was written. The
 * export writes it (src/export/downloads.ts), the page reads it (`parseDownloads`).
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
  /** Page count of the PDF, slide count of the PowerPoint file. */
  pages: number;
  /** Link text for people: "Slides (PDF)", "Handout (PDF)". */
  label: string;
}

/** The element's content: the downloads in the order the page should list them. */
export type DeckDownloads = DeckDownload[];

/** A download as the page trusts it after reading the list: any kind, pages unknown when absent. */
export interface ListedDownload {
  kind: string;
  href: string;
  bytes: number;
  pages: number | null;
  label: string;
}

/** Link texts, per kind. */
export const DOWNLOAD_LABELS: Readonly<Record<DeckDownloadKind, string>> = {
  slides: 'Slides (PDF)',
  handout: 'Handout (PDF)',
  pptx: 'Slides (PowerPoint)',
  contact: 'All slides at a glance (PNG)',
};

/**
 * The `<script>` element for a list. `<` is written as `\u003c` so that no file name can
 * close the element early.
 */
export function downloadsElement(downloads: DeckDownloads): string {
  const json = JSON.stringify(downloads).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">${json}</script>`;
}

/** Same-folder relative links only: the list is data, never a way to point the page elsewhere. */
const RELATIVE_HREF = /^(?!\/\/)(?![a-z][a-z0-9+.-]*:)[^\s]+$/i;

function toDownload(value: unknown): ListedDownload | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, href, bytes, pages, label } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || typeof label !== 'string' || !label.trim()) return null;
  if (typeof href !== 'string' || !RELATIVE_HREF.test(href)) return null;
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes <= 0) return null;
  const pageCount = typeof pages === 'number' && Number.isInteger(pages) && pages > 0 ? pages : null;
  return { kind, href, bytes, pages: pageCount, label: label.trim() };
}

/** The valid entries of a list's JSON text; [] when there is none or it is malformed. */
export function parseDownloads(text: string | null | undefined): ListedDownload[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(data) ? data.map(toDownload).filter((d): d is ListedDownload => d !== null) : [];
}

/**
 * "1.2 MB", "85 kB": SI units (1 kB = 1000 bytes), as file managers show them, so the terminal
 * and the page give the same file the same size.
 */
export function formatBytes(bytes: number, lang = 'en'): string {
  const mb = bytes >= 1e6;
  const format = (l: string) =>
    new Intl.NumberFormat(l, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: mb ? 1 : 0 });
  const value = mb ? bytes / 1e6 : Math.max(bytes / 1e3, 1);
  try {
    return format(lang).format(value);
  } catch {
    return format('en').format(value);
  }
}

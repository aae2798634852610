/**
 * The exported PDFs, as the export step lists them in `<script type="application/json"
 * id="deck-downloads">` (only files that exist; no block when nothing was exported).
 */
export interface Download {
  kind: string;
  href: string;
  bytes: number;
  pages: number | null;
  label: string;
}

/** Same-folder relative links only: the list is data, never a way to point the page elsewhere. */
const RELATIVE_HREF = /^(?!\/\/)(?![a-z][a-z0-9+.-]*:)[^\s]+$/i;

function toDownload(value: unknown): Download | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const { kind, href, bytes, pages, label } = v;
  if (typeof kind !== 'string' || typeof label !== 'string' || !label.trim()) return null;
  if (typeof href !== 'string' || !RELATIVE_HREF.test(href)) return null;
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes <= 0) return null;
  const pageCount = typeof pages === 'number' && Number.isInteger(pages) && pages > 0 ? pages : null;
  return { kind, href, bytes, pages: pageCount, label: label.trim() };
}

/** The valid entries of the page's download list; [] when there is none or it is malformed. */
export function readDownloads(doc: Document): Download[] {
  const text = doc.getElementById('deck-downloads')?.textContent;
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(data) ? data.map(toDownload).filter((d): d is Download => d !== null) : [];
}

/** "1.2 MB", "85 kB" (SI units, as file managers show them). */
export function formatBytes(bytes: number, lang: string): string {
  const mb = bytes >= 1e6;
  const format = (l: string) =>
    new Intl.NumberFormat(l, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: mb ? 1 : 0 });
  try {
    return format(lang).format(mb ? bytes / 1e6 : Math.max(bytes / 1e3, 1));
  } catch {
    return format('en').format(mb ? bytes / 1e6 : Math.max(bytes / 1e3, 1));
  }
}

/** What a download's count counts: a PowerPoint file has slides; a picture has no count worth showing. */
const COUNTED: Readonly<Record<string, readonly [string, string] | null>> = {
  pptx: ['slide', 'slides'],
  contact: null,
};

/** "1.2 MB, 17 pages": what a reader weighs before downloading on a phone plan. */
export function downloadDetails(d: Download, lang: string): string {
  const unit = d.kind in COUNTED ? COUNTED[d.kind] : (['page', 'pages'] as const);
  const pages = d.pages === null || !unit ? '' : `, ${d.pages} ${d.pages === 1 ? unit[0] : unit[1]}`;
  return `${formatBytes(d.bytes, lang)}${pages}`;
}

/** A list of links, each with its size: used by the title slide and the reader's menu. */
export function downloadList(downloads: Download[], lang: string): HTMLUListElement {
  const list = document.createElement('ul');
  list.className = 'deck-downloads';
  for (const d of downloads) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = d.href;
    link.dataset.deckDownload = d.kind;
    link.append(d.label);
    const details = document.createElement('span');
    details.className = 'deck-download-details';
    details.textContent = ` – ${downloadDetails(d, lang)}`;
    link.append(details);
    item.append(link);
    list.append(item);
  }
  return list;
}

/** Offers the downloads on the title slide, above its notes; before reveal starts (see labelNotes). */
export function addTitleSlideDownloads(slide: HTMLElement, downloads: Download[], lang: string): void {
  const block = document.createElement('div');
  block.className = 'deck-title-downloads';
  block.append(downloadList(downloads, lang));
  slide.insertBefore(block, slide.querySelector(':scope > aside.notes'));
}

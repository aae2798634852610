import { DOWNLOADS_ELEMENT_ID, formatBytes, parseDownloads, type ListedDownload } from '../contract/downloads.ts';

/** The valid entries of the page's download list (only files the export wrote); [] when there is none. */
export function readDownloads(doc: Document): ListedDownload[] {
  return parseDownloads(doc.getElementById(DOWNLOADS_ELEMENT_ID)?.textContent);
}

/** What a download's count counts: a PowerPoint file has slides; a picture has no count worth showing. */
const COUNTED: Readonly<Record<string, readonly [string, string] | null>> = {
  pptx: ['slide', 'slides'],
  contact: null,
};

/** "1.2 MB, 17 pages": what a reader weighs before downloading on a phone plan. */
export function downloadDetails(d: ListedDownload, lang: string): string {
  const unit = d.kind in COUNTED ? COUNTED[d.kind] : (['page', 'pages'] as const);
  const pages = d.pages === null || !unit ? '' : `, ${d.pages} ${d.pages === 1 ? unit[0] : unit[1]}`;
  return `${formatBytes(d.bytes, lang)}${pages}`;
}

/** A list of links, each with its size: used by the title slide and the reader's menu. */
export function downloadList(downloads: ListedDownload[], lang: string): HTMLUListElement {
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
export function addTitleSlideDownloads(slide: HTMLElement, downloads: ListedDownload[], lang: string): void {
  const block = document.createElement('div');
  block.className = 'deck-title-downloads';
  block.append(downloadList(downloads, lang));
  slide.insertBefore(block, slide.querySelector(':scope > aside.notes'));
}

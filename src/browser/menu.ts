import type { ListedDownload } from '../contract/downloads.ts';
import { downloadList } from './downloads.ts';
import type { SlideEntry } from './slides.ts';

/** The reader's menu: a dialog with the table of contents and, when exported, the downloads. */
export interface Menu {
  dialog: HTMLDialogElement;
  /** Opens at the contents (focus on the current slide) or at the downloads. */
  open(part: 'contents' | 'downloads', current: number): void;
}

export function createMenu(
  slides: SlideEntry[],
  downloads: ListedDownload[],
  lang: string,
  go: (index: number) => void,
): Menu {
  const dialog = document.createElement('dialog');
  dialog.id = 'deck-contents';
  dialog.className = 'deck-ui deck-dialog';
  dialog.setAttribute('aria-labelledby', 'deck-menu-title');
  dialog.innerHTML = `<div class="deck-dialog-body">
<div class="deck-dialog-head"><h2 id="deck-menu-title">Contents</h2><button type="button" class="deck-close">Close</button></div>
<nav aria-labelledby="deck-menu-title"><ol class="deck-toc"></ol></nav>
</div>`;
  const body = dialog.firstElementChild as HTMLElement;
  const toc = dialog.querySelector('ol') as HTMLOListElement;
  for (const slide of slides) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = slide.id ? `#/${encodeURIComponent(slide.id)}` : `#/${slide.index}`;
    link.dataset.deckGoto = String(slide.index);
    link.innerHTML = `<span class="deck-toc-number" aria-hidden="true">${slide.index + 1}</span><span class="deck-toc-title"></span>`;
    (link.lastElementChild as HTMLElement).textContent = slide.title;
    item.append(link);
    toc.append(item);
  }
  if (downloads.length) {
    const part = document.createElement('section');
    part.className = 'deck-menu-downloads';
    part.setAttribute('aria-labelledby', 'deck-menu-downloads-title');
    part.innerHTML = '<h2 id="deck-menu-downloads-title">Downloads</h2>';
    part.append(downloadList(downloads, lang));
    body.append(part);
  }

  let opener: HTMLElement | null = null;
  let jumped = false;
  dialog.querySelector('.deck-close')?.addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog box itself; its content fills it) closes it.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  toc.addEventListener('click', (e) => {
    const link = (e.target as Element).closest<HTMLAnchorElement>('a[data-deck-goto]');
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    jumped = true;
    const back = opener;
    dialog.close();
    go(Number(link.dataset.deckGoto));
    // Reading mode moves focus to the slide; presenting returns it to the button.
    if (document.activeElement === document.body || !document.activeElement) back?.focus();
  });
  dialog.addEventListener('close', () => {
    if (!jumped && opener?.isConnected) opener.focus();
    jumped = false;
    opener = null;
  });

  return {
    dialog,
    open(part, current) {
      if (dialog.open) return;
      opener =
        document.activeElement instanceof HTMLElement && document.activeElement !== document.body
          ? document.activeElement
          : null;
      for (const link of toc.querySelectorAll('a')) {
        if (Number(link.dataset.deckGoto) === current) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      }
      dialog.showModal();
      const target =
        part === 'downloads'
          ? dialog.querySelector<HTMLElement>('.deck-menu-downloads a')
          : toc.querySelector<HTMLElement>('a[aria-current]');
      target?.focus();
      target?.scrollIntoView({ block: 'nearest' });
    },
  };
}

import type { Page } from 'puppeteer-core';

/**
 * A page that calls `alert()`, `confirm()` or `prompt()` stops: nothing more runs in it, and
 * every evaluation waits, until the dialog is answered; a timeout then never fires. So every
 * page we open answers its dialogs at once (dismissed, as a user pressing Esc would) and keeps
 * a record of them, with the slide whose script or element opened each one.
 */

/** A dialog the page opened, and the slide (data-deck-index) that opened it when that is known. */
export interface PageDialog {
  type: string;
  message: string;
  slide: number | null;
}

/** Runs in the page before its own scripts: notes which slide each dialog comes from, then lets it open. */
const TRACER = `(() => {
  const seen = (window.__deckDialogs = []);
  const slideOf = (node) => {
    const el = node && node.nodeType === 1 ? node : node && node.parentElement;
    const section = el && el.closest ? el.closest('section[data-deck-index]') : null;
    return section ? Number(section.getAttribute('data-deck-index')) : null;
  };
  for (const type of ['alert', 'confirm', 'prompt']) {
    const original = window[type];
    window[type] = function (...args) {
      const from = document.currentScript || (window.event && window.event.target) || null;
      seen.push({ type, message: String(args[0] ?? ''), slide: slideOf(from) });
      return original.apply(this, args);
    };
  }
})();`;

const records = new WeakMap<Page, PageDialog[]>();

/** Makes `page` dismiss every dialog and remember it. Call before the page navigates. */
export async function answerDialogs(page: Page): Promise<void> {
  const list: PageDialog[] = [];
  records.set(page, list);
  page.on('dialog', (dialog) => {
    list.push({ type: dialog.type(), message: dialog.message(), slide: null });
    dialog.dismiss().catch(() => {});
  });
  await page.evaluateOnNewDocument(TRACER);
}

/** The dialogs `page` opened so far, each with its slide when the page could tell (0-based deck index). */
export async function dialogsOf(page: Page): Promise<PageDialog[]> {
  const list = records.get(page) ?? [];
  if (list.length === 0) return [];
  const traced = await page
    .evaluate('window.__deckDialogs || []')
    .then((v) => v as PageDialog[])
    .catch(() => [] as PageDialog[]);
  // The page's own record knows the slide; puppeteer's knows every dialog (even one the tracer missed).
  return list.map((d, i) => {
    const t = traced.find((x, j) => j >= i && x.message === d.message) ?? traced.find((x) => x.message === d.message);
    return { ...d, slide: t?.slide ?? null };
  });
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { SLIDE_INDEX_ATTR } from '../contract/dom.ts';
import type { DeckJson } from '../model.ts';
import { mergeSkiaPdfs, type PdfPart } from './pdf-merge.ts';
import { parseSkiaPdf, type SkiaPdf } from './pdf-repack.ts';
import { openPrintLayout, type PrintedPage, type PrintLayout, type SlideRange } from './print-layout.ts';
import { printSlides } from './print-slides.ts';
import { findSlideCuts, partDocument, type PartDocument, type SlideCuts } from './slide-cuts.ts';

/**
 * Slides per part when a deck is printed in parts. Measured on a 1,000-slide deck on a 2-core
 * machine: one print of the whole deck held about 0.9 GB in Chromium's renderer and took about
 * 20 s; in parts of 200 each renderer held about a third of that and the whole print took under
 * half the time (Chromium's print is slower than linear in the page count).
 */
export const PART_SLIDES = 200;

/** Decks up to this many slides print in one go: below it a part's fixed cost (a tab, reveal's start) outweighs the gain. */
export const PARTS_FROM_SLIDES = 300;

/**
 * The parts a deck of `count` slides is printed in: one run of all of them up to `from` slides,
 * else runs of at most `size`, evened out (301 slides in 2 parts of 151 and 150, not 200 and 101).
 */
export function planParts(count: number, size = PART_SLIDES, from = PARTS_FROM_SLIDES): SlideRange[] {
  if (count <= 0) return [];
  if (count < from || count <= size) return [{ from: 0, to: count }];
  const parts = Math.ceil(count / size);
  const each = Math.ceil(count / parts);
  const ranges: SlideRange[] = [];
  for (let at = 0; at < count; at += each) ranges.push({ from: at, to: Math.min(count, at + each) });
  return ranges;
}

/** What printing in parts gives: the merged PDF, ready for finishPdf, and the layout of every page. */
export interface PrintedInParts {
  pdf: SkiaPdf;
  pages: PrintedPage[];
}

/**
 * Prints the slides in parts, each in a tab of its own that holds only its slides (so Chromium
 * never lays out or paints the whole deck at once), closing each tab before the next opens, and
 * merges the PDFs (pdf-merge.ts). From the second part on, a tab is served a copy of the built
 * page without the other parts' slides (slide-cuts.ts), so that its parser does not read the
 * whole deck again: that took 0.2–0.3 s a part at 1,000 slides, and grew with the deck.
 * `each` runs on every part's layout before it is printed (for its warnings); `run` wraps each
 * step (for deadlines and error messages).
 */
export async function printInParts(
  browser: Browser,
  siteDir: string,
  deck: DeckJson,
  ranges: readonly SlideRange[],
  options: { fragments: boolean; timeoutMs: number; offlineStrict?: boolean },
  hooks: {
    each: (layout: PrintLayout, range: SlideRange, index: number) => Promise<void>;
    run: <T>(label: string, work: () => Promise<T>) => Promise<T>;
  },
): Promise<PrintedInParts> {
  const parts: PdfPart[] = [];
  const pages: PrintedPage[] = [];
  // undefined until read, null when the page is not as the build writes it (every part then loads it whole).
  let cuts: SlideCuts | null | undefined;
  let nextTab: Page | undefined;
  for (const [i, range] of ranges.entries()) {
    const which = `slides ${range.from + 1}–${range.to}`;
    const open = (document?: PartDocument, tab?: Page) =>
      hooks.run(`laying out ${which} for print`, () =>
        openPrintLayout(browser, siteDir, deck, { ...options, only: range, document, tab }),
      );
    const served = cuts ? partDocument(cuts, range) : undefined;
    const tab = nextTab;
    nextTab = undefined;
    let layout = await open(served, tab).catch(async (err: unknown) => {
      await tab?.close().catch(() => {});
      throw err;
    });
    if (served && layout.held !== served.indexes.length) {
      // The browser read the served page otherwise than htmlparser2 did: print this part from the whole page.
      await layout.page.close().catch(() => {});
      layout = await open();
    }
    try {
      // The blank tab Chromium starts with keeps a renderer process of its own (about 0.1 GB
      // resident) for nothing: with a part's tab open, it can go.
      if (i === 0)
        for (const p of await browser.pages()) if (p !== layout.page && p.url() === 'about:blank') await p.close();
      await hooks.each(layout, range, i);
      const printing = hooks.run(`printing ${which}`, () => printSlides(layout, options.timeoutMs));
      // The first part loads the whole page; while Chromium prints it, Node finds the slides in the
      // page's source, so that every later part's tab is given only its own slides to parse.
      if (cuts === undefined) {
        printing.catch(() => {});
        cuts = findSlideCuts(await readFile(path.join(siteDir, 'index.html'), 'utf8'), SLIDE_INDEX_ATTR);
      }
      const raw = await printing;
      parts.push({ pdf: parseSkiaPdf(raw), stubs: new Set(layout.stubs) });
      pages.push(...layout.pages);
      // The next part's tab opens before this one closes: a window left with no tab closes, and
      // each new window brings a renderer of its own for the browser's (unseen) address bar.
      if (i + 1 < ranges.length) nextTab = await browser.newPage();
    } finally {
      await layout.page.close().catch(() => {});
    }
  }
  return { pdf: mergeSkiaPdfs(parts), pages };
}

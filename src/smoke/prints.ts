import path from 'node:path';
import { SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import type { DeckPage } from './deck-page.ts';
import type { Check, CheckContext } from './types.ts';

/**
 * The prints check: reveal's print layout (`?print-pdf`), after its `pdf-ready` event, holds one
 * `.pdf-page` per slide, in order. A slide taller than the page prints on several pages and is
 * named, with a screenshot of its first printed page.
 */
export async function checkPrints(page: DeckPage, ctx: CheckContext, url: string): Promise<void> {
  page.check = 'prints';
  page.where = 'print layout (?print-pdf)';
  const where = page.where;
  const hook = await page.page.evaluateOnNewDocument(() => {
    document.addEventListener(
      'pdf-ready',
      () => ((window as unknown as { deckPdfReady: boolean }).deckPdfReady = true),
      true,
    );
  });
  try {
    const problem = await page.open(`${url}?print-pdf`, ctx.readyTimeoutMs);
    const ready =
      !problem &&
      (await page.page
        .waitForFunction(() => (window as unknown as { deckPdfReady?: boolean }).deckPdfReady === true, {
          timeout: ctx.readyTimeoutMs,
        })
        .then(
          () => true,
          () => false,
        ));
    if (!ready) {
      ctx.fail({
        check: 'prints',
        slide: null,
        where,
        expected: 'reveal to lay out the print version (pdf-ready event)',
        found: problem ?? `no pdf-ready event within ${ctx.readyTimeoutMs / 1000} s`,
      });
      return;
    }
    const printed = await page.page.evaluate(
      ({ slide: selector, attr }: SlideNames) =>
        [...document.querySelectorAll<HTMLElement>('.pdf-page')].map((p) => {
          const sections = p.querySelectorAll(selector);
          const slide = sections[sections.length - 1];
          return {
            index: slide ? Number(slide.getAttribute(attr)) : -1,
            height: p.getBoundingClientRect().height,
          };
        }),
      SLIDE_NAMES,
    );
    const pages = printed.map((p) => p.index);
    // reveal stretches a too-tall slide's page to a multiple of the page height rather than adding
    // pages, so a slide's sheets are its page's height over the usual page height.
    const pageHeight = Math.min(...printed.map((p) => p.height).filter((h) => h > 0));
    const sheets = new Map<number, number>();
    for (const p of printed)
      sheets.set(p.index, (sheets.get(p.index) ?? 0) + Math.max(1, Math.round(p.height / pageHeight)));
    const expected = ctx.deck.slides.length;
    let named = false;
    for (let i = 0; i < expected; i++) {
      const n = sheets.get(i) ?? 0;
      if (n === 1) continue;
      named = true;
      const shot = n > 1 ? await shootPage(page, ctx, i, pages.indexOf(i)) : ctx.slideShot(i);
      ctx.fail({
        check: 'prints',
        slide: ctx.slideRef(i),
        where,
        expected: 'one printed page for the slide',
        found:
          n === 0
            ? 'the slide is missing from the print layout'
            : `${n} pages: the slide is taller than the page (${Math.round(pageHeight)} px), so it continues on another sheet`,
        screenshot: shot,
      });
    }
    const order = pages.filter((p, i) => p !== pages[i - 1]);
    const inOrder = order.every((p, i) => i === 0 || p > order[i - 1]!);
    if (!named && (pages.length !== expected || !inOrder)) {
      ctx.fail({
        check: 'prints',
        slide: null,
        where,
        expected: `${expected} .pdf-page elements, one per slide in order`,
        found: `${pages.length} pages (slides ${pages.map((p) => p + 1).join(', ')})`,
      });
    }
  } finally {
    await page.page.removeScriptToEvaluateOnNewDocument(hook.identifier).catch(() => undefined);
  }
}

async function shootPage(page: DeckPage, ctx: CheckContext, index: number, pageNumber: number): Promise<string | null> {
  const handles = await page.page.$$('.pdf-page');
  const handle = handles[pageNumber];
  if (!handle) return ctx.slideShot(index);
  const file = path.join(ctx.screenshotsDir, `print-${path.basename(ctx.slideShot(index))}`);
  try {
    await handle.screenshot({ path: file as `${string}.png` });
    return file;
  } catch {
    return ctx.slideShot(index);
  } finally {
    await Promise.all(handles.map((h) => h.dispose()));
  }
}

export const prints: Check = {
  name: 'prints',
  description: 'the print layout has one page per slide',
  needs: 'own tab',
  run: (ctx, tab) => checkPrints(tab.page, ctx, tab.url),
};

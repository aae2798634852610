import type { DeckJson } from '../model.ts';
import { firstPageOfSlides, type PrintLayout } from './print-layout.ts';
import { slideOutline, type OutlineNode } from './pdf-outline.ts';

/**
 * The slides PDF straight from Chromium: one print of reveal's print layout, at the CSS page
 * size reveal set (1280×720 px = 960×540 pt, 16:9), backgrounds on, tagged from the
 * accessibility tree. Text stays text, fonts are embedded once, links stay links.
 */
export async function printSlides(layout: PrintLayout, timeoutMs: number): Promise<Uint8Array> {
  return layout.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: timeoutMs });
}

/** The slides PDF's bookmarks: one per slide, at the first page the slide is printed on. */
export function slidesOutline(deck: DeckJson, layout: Pick<PrintLayout, 'pages'>): OutlineNode[] {
  const first = firstPageOfSlides(layout.pages);
  return slideOutline(deck.slides, (s) => {
    const pageIndex = first.get(s.index);
    return pageIndex === undefined ? null : { type: 'page', pageIndex };
  });
}

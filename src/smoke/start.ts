import { SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import type { DeckPage } from './deck-page.ts';
import type { Check, CheckContext } from './types.ts';

/**
 * The start check: the deck starts at `url` (its ready event, never a sleep) and has the slides
 * deck.json lists, in order. Errors and stray requests are reported by the DeckPage itself.
 * Returns false when the deck did not start, so the checks that need it are skipped.
 */
export async function checkStart(page: DeckPage, ctx: CheckContext, url: string, where: string): Promise<boolean> {
  page.check = 'start';
  page.where = 'loading';
  const problem = await page.open(url, ctx.readyTimeoutMs);
  if (problem) {
    ctx.fail({
      check: 'start',
      slide: null,
      where,
      expected: `the deck to start at ${url} (deck:ready)`,
      found: problem,
    });
    return false;
  }
  const found = await page.page.evaluate(
    ({ slide, attr }: SlideNames) => ({
      total: window.Reveal.getTotalSlides(),
      sections: [...document.querySelectorAll(`.reveal .slides ${slide}`)].map((s) => ({
        index: Number(s.getAttribute(attr)),
        id: s.id,
      })),
    }),
    SLIDE_NAMES,
  );
  const expected = ctx.deck.slides.length;
  if (found.total !== expected || found.sections.length !== expected) {
    ctx.fail({
      check: 'start',
      slide: null,
      where,
      expected: `${expected} slides (deck.json)`,
      found: `${found.total} slides (Reveal.getTotalSlides()), ${found.sections.length} sections with data-deck-index`,
    });
    return true;
  }
  found.sections.forEach((section, i) => {
    const slide = ctx.deck.slides[i]!;
    if (section.index !== slide.index || section.id !== slide.id) {
      ctx.fail({
        check: 'start',
        slide: ctx.slideRef(i),
        where,
        expected: `section ${i + 1} to be slide #${slide.id} (deck.json order)`,
        found: `section #${section.id} with data-deck-index ${section.index}`,
      });
    }
  });
  return true;
}

export const start: Check = {
  name: 'start',
  description:
    'starts over http (sub-path) and file://: ready event, slide count, no errors, nothing from another site the deck does not name',
  needs: 'opening',
  run: (ctx, tab) => checkStart(tab.page, ctx, tab.url, tab.where),
};

import type { DeckPage } from './deck-page.ts';
import { readGeometry, settleSlideInPage, type DeckGeometry } from './fit.ts';
import type { CheckContext, Sweep } from './types.ts';

/** The theme's minimum when a deck's CSS does not say (28 px at 1280×720). */
export const DEFAULT_MIN_TEXT_PX = 28;

/** Shows slide `index` with all its fragments (transitions are off during the sweep). */
export async function showSlide(page: DeckPage, ctx: CheckContext, index: number): Promise<void> {
  const slide = ctx.deck.slides[index]!;
  page.slide = index;
  await page.page.evaluate(
    (h: number, v: number, f: number) => window.Reveal.slide(h, v, f >= 0 ? f : undefined),
    slide.h,
    slide.v,
    slide.fragments - 1,
  );
}

/** The viewport at which reveal draws the slide at exactly its own size (scale 1). */
export function deckViewport(geometry: Pick<DeckGeometry, 'width' | 'height' | 'margin'> & { minTextPx?: number }): {
  width: number;
  height: number;
} {
  const keep = 1 - geometry.margin;
  return { width: Math.ceil(geometry.width / keep), height: Math.ceil(geometry.height / keep) };
}

/** Sets the started tab up for the sweep: the deck's own size (scale 1), no transitions. */
export async function startSweep(page: DeckPage, ctx: CheckContext): Promise<Sweep> {
  const geometry = await readGeometry(page, DEFAULT_MIN_TEXT_PX, ctx.fitThresholds);
  await page.page.setViewport(deckViewport(geometry));
  // maxScale 1: at this viewport reveal would otherwise zoom by a hair, and zoom skews measurements.
  await page.page.evaluate(() =>
    window.Reveal.configure({ transition: 'none', backgroundTransition: 'none', maxScale: 1 }),
  );
  return { page, geometry, fitFigures: [] };
}

/** Shows slide `index` as the audience will see it: all fragments, fonts and images loaded, transitions done. */
export async function showSettled(sweep: Sweep, ctx: CheckContext, index: number): Promise<void> {
  await showSlide(sweep.page, ctx, index);
  await sweep.page.page.evaluate(settleSlideInPage, index, 5000);
}

/** Writes the screenshot of the slide shown (`ctx.slideShot(index)`). */
export async function shootSlide(sweep: Sweep, ctx: CheckContext, index: number): Promise<void> {
  await sweep.page.page.screenshot({ path: ctx.slideShot(index) });
}

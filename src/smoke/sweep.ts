import { describeViolation, injectAxe, isFailing, runAxe, type AxeViolation } from './a11y.ts';
import type { DeckPage, DeckWindow } from './deck-page.ts';
import {
  checkSlideFit,
  readGeometry,
  reportFitErrors,
  settleSlideInPage,
  type DeckGeometry,
  type FitThresholds,
  type SlideFit,
} from './fit.ts';
import type { CheckContext } from './types.ts';

/** The theme's minimum when a deck's CSS does not say (28 px at 1280×720). */
export const DEFAULT_MIN_TEXT_PX = 28;

export interface SweepTimes {
  screenshots: number;
  fit: number;
  a11y: number;
  /** What the fit check measured, when it ran: its thresholds and each slide's figures. */
  figures: { thresholds: FitThresholds; slides: SlideFit[] } | null;
}

/** Shows slide `index` with all its fragments (transitions are off during the sweep). */
export async function showSlide(page: DeckPage, ctx: CheckContext, index: number): Promise<void> {
  const slide = ctx.deck.slides[index]!;
  page.slide = index;
  await page.page.evaluate(
    (h: number, v: number, f: number) => (window as unknown as DeckWindow).Reveal.slide(h, v, f >= 0 ? f : undefined),
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

/**
 * Checks 2 and 3, and the screenshots of issue 7: shows every slide at the deck's size (scale 1,
 * all fragments, no transitions), writes its screenshot, measures its fit and runs axe on it.
 */
export async function sweepSlides(page: DeckPage, ctx: CheckContext): Promise<SweepTimes> {
  const fit = ctx.enabled('fit');
  const a11y = ctx.enabled('a11y');
  const geometry = await readGeometry(page, DEFAULT_MIN_TEXT_PX, ctx.fitThresholds);
  const times: SweepTimes = {
    screenshots: 0,
    fit: 0,
    a11y: 0,
    figures: fit ? { thresholds: geometry.fit, slides: [] } : null,
  };
  if (fit) reportFitErrors(ctx, geometry);
  await page.page.setViewport(deckViewport(geometry));
  // maxScale 1: at this viewport reveal would otherwise zoom by a hair, and zoom skews measurements.
  await page.page.evaluate(() =>
    (window as unknown as DeckWindow).Reveal.configure({
      transition: 'none',
      backgroundTransition: 'none',
      maxScale: 1,
    }),
  );
  if (a11y) {
    const t = performance.now();
    await injectAxe(page.page);
    await showSlide(page, ctx, 0);
    page.check = 'a11y';
    // The page around the slides (language, title, reveal's controls); slide nodes are left to the per-slide runs.
    reportAxe(
      ctx,
      (await runAxe(page.page, null))
        .map((v) => ({ ...v, nodes: v.nodes.filter((n) => n.slide === null) }))
        .filter((v) => v.nodes.length),
      null,
    );
    times.a11y += performance.now() - t;
  }
  for (let i = 0; i < ctx.deck.slides.length; i++) {
    page.check = 'fit';
    page.where = `slide ${i + 1}`;
    let t = performance.now();
    await showSlide(page, ctx, i);
    await page.page.evaluate(settleSlideInPage, i, 5000);
    await page.page.screenshot({ path: ctx.slideShot(i) });
    times.screenshots += performance.now() - t;
    if (fit) {
      t = performance.now();
      times.figures?.slides.push(await checkSlideFit(page, ctx, i, geometry));
      times.fit += performance.now() - t;
    }
    if (a11y) {
      page.check = 'a11y';
      t = performance.now();
      reportAxe(ctx, await runAxe(page.page, i), i);
      times.a11y += performance.now() - t;
    }
  }
  return times;
}

function reportAxe(ctx: CheckContext, violations: AxeViolation[], index: number | null): void {
  for (const v of violations) {
    const slide = index === null ? null : ctx.slideRef(index);
    if (isFailing(v)) {
      ctx.fail({
        check: 'a11y',
        slide,
        where: index === null ? 'the page around the slides' : undefined,
        expected: 'no serious or critical axe violation (and no heading-order violation)',
        found: describeViolation(v),
        screenshot: index === null ? ctx.slideShot(0) : ctx.slideShot(index),
      });
    } else {
      ctx.note({ check: 'a11y', slide, message: describeViolation(v) });
    }
  }
}

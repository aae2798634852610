import { measureSlideInPage, type DeckGeometry, type FitProblem } from './fit.ts';
import type { Check } from './types.ts';

const FIT_EXPECTED: Record<FitProblem['kind'], (g: DeckGeometry) => string> = {
  overflow: (g) => `content inside the ${g.width}×${g.height} slide`,
  clipped: () => 'no content cut off or scrolling inside the slide',
  'small-text': (g) => `text at least ${g.minTextPx} px at ${g.width}×${g.height}`,
  image: () => 'every image loaded',
  covered: () => 'no slide content under the deck’s slide number, progress bar, controls or toolbar',
};

/** Every slide fits its box at the deck's size: the measurements themselves are fit.ts's, in the page. */
export const fit: Check = {
  name: 'fit',
  description: 'no overflow or clipping at the deck size, images loaded, no text under the minimum size',
  needs: 'each slide',
  async eachSlide(ctx, { page, geometry }, index) {
    for (const problem of await page.page.evaluate(measureSlideInPage, index, geometry.minTextPx)) {
      ctx.fail({
        check: 'fit',
        slide: ctx.slideRef(index),
        expected: FIT_EXPECTED[problem.kind](geometry),
        found: problem.found,
        screenshot: ctx.slideShot(index),
      });
    }
  },
};

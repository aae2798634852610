import { checkSlideFit, reportFitErrors } from './fit.ts';
import type { Check } from './types.ts';

/**
 * Every slide fits its box at the deck's size, with text as large and content as balanced as
 * the deck asks for: the measurements themselves are fit.ts's, in the page.
 */
export const fit: Check = {
  name: 'fit',
  description: 'no overflow or clipping at the deck size, images loaded, text sizes and balance the deck asks for',
  needs: 'each slide',
  async prepare(ctx, { geometry }) {
    reportFitErrors(ctx, geometry);
  },
  async eachSlide(ctx, sweep, index) {
    sweep.fitFigures.push(await checkSlideFit(sweep.page, ctx, index, sweep.geometry));
  },
};

import type { Check, CheckContext } from './types.ts';

/**
 * Every slide has speaker notes (deck.json's notesWords, as the compiler counted them), when the
 * deck asks for notes: a deck that sets `minutes:` paces its speaker view by its notes. Decks
 * that never asked (most reveal-md decks) are not failed for having none.
 */
export function checkNotes(ctx: CheckContext): void {
  if (ctx.deck.minutes === null) return;
  ctx.deck.slides.forEach((slide, i) => {
    if (slide.notesWords > 0) return;
    ctx.fail({
      check: 'notes',
      slide: ctx.slideRef(i),
      expected: 'speaker notes (a "Note:" block under the slide)',
      found: `no notes (notesWords is 0 in deck.json; source ${slide.source.file}:${slide.source.startLine})`,
      screenshot: ctx.slideShot(i),
    });
  });
}

export const notes: Check = {
  name: 'notes',
  description: 'every slide has speaker notes',
  needs: 'deck',
  run: checkNotes,
};

import type { Check, CheckContext } from './types.ts';

/**
 * Every slide has speaker notes (deck.json's notesWords, as the compiler counted them), when the
 * deck asks for notes. The deck asks by setting `minutes:`: the speaker view then gives each
 * slide its share of the time by the length of its notes, so a slide without notes gets almost
 * none. The key the author already writes for pacing says it, with no second key to keep in step;
 * decks that set no minutes (reveal-md's have no such key) are not failed for slides without notes.
 */
export function checkNotes(ctx: CheckContext): void {
  if (ctx.deck.minutes === null) return;
  ctx.deck.slides.forEach((slide, i) => {
    if (slide.notesWords > 0) return;
    ctx.fail({
      check: 'notes',
      slide: ctx.slideRef(i),
      expected: `speaker notes (a "Note:" block under the slide): the deck sets minutes: ${ctx.deck.minutes}, and the speaker view paces each slide by its notes`,
      found: `no notes (notesWords is 0 in deck.json; source ${slide.source.file}:${slide.source.startLine})`,
      screenshot: ctx.slideShot(i),
    });
  });
}

export const notes: Check = {
  name: 'notes',
  description: 'every slide has speaker notes, when the deck sets minutes: (pacing by notes)',
  needs: 'deck',
  run: checkNotes,
};

import type { Slide } from '../model.ts';
import { escapeAttr } from './escape.ts';

function renderSection(slide: Slide): string {
  const attrs = Object.entries({ id: slide.id, ...slide.attributes })
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`))
    .join('');
  const notes = slide.notesHtml ? `\n<aside class="notes">${slide.notesHtml}</aside>` : '';
  return `<section${attrs} data-deck-index="${slide.index}">\n${slide.html}${notes}\n</section>`;
}

/** Slides → reveal's markup: horizontal sections, with vertical runs wrapped in a stack. */
export function renderSections(slides: Slide[]): string {
  const out: string[] = [];
  for (let i = 0; i < slides.length;) {
    const first = slides[i]!;
    let j = i + 1;
    while (j < slides.length && slides[j]!.h === first.h) j++;
    const run = slides.slice(i, j);
    out.push(
      run.length === 1
        ? renderSection(first)
        : `<section class="deck-stack">\n${run.map(renderSection).join('\n')}\n</section>`,
    );
    i = j;
  }
  return out.join('\n');
}

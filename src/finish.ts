import { slideTitle } from './contract/slides.ts';
import { DeckError } from './errors.ts';
import type { Slide, SourcePos } from './model.ts';
import type { Draft } from './draft.ts';
import { slugify } from './parse/slugify.ts';
import { escapeAttr } from './render/escape.ts';

/** Where in-text citations point until the references slides have their ids. */
export const REFS_HREF = '#/__deck_refs__';

/** The placeholder link of a citation of `key`: it becomes the slide that holds the key's entry. */
export function refsHref(key: string): string {
  return `${REFS_HREF}:${encodeURIComponent(key)}`;
}

const REFS_LINK = /#\/__deck_refs__(?::([^"'\s<>]*))?/g;

/** Assigns reveal indices, unique ids and per-slide timing. */
export function finishSlides(drafts: Draft[], minutes: number | null): Slide[] {
  const taken = new Map<string, SourcePos>();
  for (const d of drafts) {
    const id = d.attributes.id;
    if (id === undefined || d.idPos === null) continue;
    const before = taken.get(id);
    if (before)
      throw new DeckError(
        'DUPLICATE_ID',
        d.idPos,
        `slide id "${id}" is already used at ${before.file}:${before.line}: give each slide its own id`,
      );
    taken.set(id, d.idPos);
  }
  const nextNumber = new Map<string, number>();
  let h = -1;
  let v = 0;
  const slides = drafts.map((d, index): Slide => {
    if (d.kind === 'h' || h < 0) {
      h++;
      v = 0;
    } else v++;
    const title = slideTitle(d.heading, d.text, index);
    let id = d.idPos ? d.attributes.id! : '';
    if (!id) {
      const stem = slugify(title) || `slide-${index + 1}`;
      id = stem;
      // Ids are only ever added, so the search for a stem's next free number resumes where it stopped.
      let n = nextNumber.get(stem) ?? 2;
      for (; taken.has(id); n++) id = `${stem}-${n}`;
      nextNumber.set(stem, n);
      taken.set(id, { file: d.chunk.file, line: d.chunk.startLine, column: 1 });
    }
    const { id: _id, ...attributes } = d.attributes;
    const { notesText } = d;
    return {
      index,
      h,
      v,
      id,
      title,
      html: d.html,
      notesHtml: d.notesHtml,
      notesText,
      notesWords: notesText ? notesText.split(/\s+/).length : 0,
      attributes,
      citations: d.citations,
      fragments: d.fragments,
      source: { file: d.chunk.file, startLine: d.chunk.startLine, endLine: d.chunk.endLine },
    };
  });
  const refSlides = slides.filter((s) => s.attributes.class?.includes('deck-refs-slide'));
  const refsId = refSlides[0]?.id ?? '';
  // A list split over several slides: each citation links to the slide that holds its entry.
  const slideOfKey = new Map<string, string>();
  const slideOf = (key: string): string => {
    let id = slideOfKey.get(key);
    if (id === undefined) {
      id = refSlides.find((s) => s.html.includes(`id="ref-${escapeAttr(key)}"`))?.id ?? refsId;
      slideOfKey.set(key, id);
    }
    return id;
  };
  const decoded = (key: string): string => {
    try {
      return decodeURIComponent(key);
    } catch {
      return key;
    }
  };
  const link = (html: string): string =>
    html.replace(REFS_LINK, (_, key: string | undefined) => `#/${escapeAttr(key ? slideOf(decoded(key)) : refsId)}`);
  const total = slides.reduce((n, s) => n + s.notesWords, 0);
  for (const s of slides) {
    s.html = link(s.html);
    s.notesHtml = link(s.notesHtml);
    if (minutes !== null && s.attributes['data-timing'] === undefined) {
      const share = total > 0 ? s.notesWords / total : 1 / slides.length;
      s.attributes['data-timing'] = String(Math.max(5, Math.round(minutes * 60 * share)));
    }
  }
  return slides;
}

import { Parser } from 'htmlparser2';
import type { SlideRange } from './print-layout.ts';

/** One top-level `<section>` of the built page's `.reveal .slides` (a slide or a vertical stack), as source offsets. */
interface CutSection {
  start: number;
  end: number;
  /** Reading-order indexes (`attr`) of the section and the sections inside it. */
  indexes: number[];
  /** Every `id` in it, its own included. */
  ids: string[];
  /** Every `href` beginning with `#` of a link in it. */
  links: string[];
}

/** The built page's HTML with the places of its slides: the source of a part's own page. */
export interface SlideCuts {
  html: string;
  sections: CutSection[];
}

/** A page that holds some slides only, and what the slides left out held (for links across parts). */
export interface PartDocument {
  html: string;
  /** Slide indexes in the range that this page holds: the page must hold them all. */
  indexes: number[];
  /** Ids of the elements left out, and the `#…` targets of their links. */
  awayIds: string[];
  awayLinks: string[];
}

const hasClass = (attribs: Record<string, string>, name: string): boolean =>
  (attribs.class ?? '').split(/\s+/).includes(name);

/**
 * Finds the top-level sections of `.reveal .slides` in the built page, with htmlparser2 (the
 * offsets are its tokenizer's). Null when the page is not as the build writes it: no slides box,
 * or a section the parser had to close itself (the browser might have closed it elsewhere), so
 * the caller prints from the whole page instead.
 */
export function findSlideCuts(html: string, attr: string): SlideCuts | null {
  const sections: CutSection[] = [];
  const stack: { name: string; reveal: boolean }[] = [];
  let slidesDepth = -1; // depth of `.slides` in `stack`, once met
  let current: CutSection | null = null;
  let broken = false;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (done) return;
        const parent = stack[stack.length - 1];
        if (slidesDepth < 0 && name === 'div' && hasClass(attribs, 'slides') && parent?.reveal)
          slidesDepth = stack.length;
        else if (slidesDepth >= 0 && stack.length === slidesDepth + 1 && name === 'section')
          current = { start: parser.startIndex, end: -1, indexes: [], ids: [], links: [] };
        if (current) {
          const index = attribs[attr];
          if (name === 'section' && index !== undefined && /^\d+$/.test(index)) current.indexes.push(Number(index));
          if (attribs.id) current.ids.push(attribs.id);
          if (name === 'a' && attribs.href?.startsWith('#')) current.links.push(attribs.href);
        }
        stack.push({ name, reveal: name === 'div' && hasClass(attribs, 'reveal') });
      },
      onclosetag(name, isImplied) {
        if (done) return;
        stack.pop();
        if (current && stack.length === slidesDepth + 1) {
          if (isImplied || name !== 'section') broken = true;
          current.end = parser.endIndex + 1;
          sections.push(current);
          current = null;
        } else if (slidesDepth >= 0 && stack.length === slidesDepth) {
          if (isImplied) broken = true;
          done = true; // `.slides` closed: nothing after it is a slide
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  if (broken || !done || sections.length === 0) return null;
  return { html, sections };
}

/**
 * The page for one part: the built page with every top-level section outside the range taken out
 * (a vertical stack that straddles the range stays whole: the page drops its other slides as
 * before), every other byte as built, so its URL, scripts and styles are the deck's own.
 */
export function partDocument(cuts: SlideCuts, range: SlideRange): PartDocument {
  const pieces: string[] = [];
  const indexes: number[] = [];
  const awayIds: string[] = [];
  const awayLinks: string[] = [];
  let at = 0;
  for (const s of cuts.sections) {
    pieces.push(cuts.html.slice(at, s.start));
    at = s.end;
    if (s.indexes.some((i) => i >= range.from && i < range.to)) {
      pieces.push(cuts.html.slice(s.start, s.end));
      indexes.push(...s.indexes.filter((i) => i >= range.from && i < range.to));
    } else {
      awayIds.push(...s.ids);
      awayLinks.push(...s.links);
    }
  }
  pieces.push(cuts.html.slice(at));
  return { html: pieces.join(''), indexes, awayIds, awayLinks };
}

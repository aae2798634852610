import { SLIDE_INDEX_ATTR } from '../contract/dom.ts';

/**
 * Pure helpers that say where something is: whether a URL stays inside the deck's folder, and
 * which slide's <section> an error's line in index.html falls in.
 */

/** Where a request goes, for a page opened at `base`. */
export type RequestKind = 'deck' | 'inline' | 'outside' | 'other-origin';

/** Classifies a URL for a deck opened at `base` (an http sub-path or a file:// folder, ending in "/"). */
export function classifyUrl(url: string, base: string): RequestKind {
  if (/^(data|blob|about):/i.test(url)) return 'inline';
  if (url.startsWith(base)) return 'deck';
  let origin: string;
  let baseOrigin: string;
  try {
    origin = new URL(url).origin;
    baseOrigin = new URL(base).origin;
  } catch {
    return 'other-origin';
  }
  // file: URLs all have the opaque origin "null": outside the folder, but not another site.
  if (url.startsWith('file:') && base.startsWith('file:')) return 'outside';
  return origin === baseOrigin ? 'outside' : 'other-origin';
}

/** Line ranges (1-based) of each slide's `<section>` in the built index.html. */
export interface SectionLines {
  index: number;
  start: number;
  end: number;
}

const SECTION_START = new RegExp(`<section\\b[^>]*\\b${SLIDE_INDEX_ATTR}="(\\d+)"`);

/** Finds each `<section … data-deck-index="N">` and its closing tag, to map a script error's line to a slide. */
export function sectionLines(html: string): SectionLines[] {
  const lines = html.split('\n');
  const out: SectionLines[] = [];
  lines.forEach((line, i) => {
    const m = SECTION_START.exec(line);
    if (!m) return;
    let end = i;
    while (end < lines.length && !lines[end]!.includes('</section>')) end++;
    out.push({ index: Number(m[1]), start: i + 1, end: end + 1 });
  });
  return out;
}

/** The slide whose section holds the first stack frame in the deck's own page (an inline script or handler). */
export function slideFromStack(stack: string, pageUrl: string, sections: readonly SectionLines[]): number | null {
  const doc = pageUrl.replace(/[?#].*$/, '');
  for (const m of stack.matchAll(/((?:https?|file):\/\/[^\s()]+?):(\d+):(\d+)/g)) {
    if (m[1]!.replace(/[?#].*$/, '') !== doc) continue;
    const line = Number(m[2]);
    const hit = sections.find((s) => line >= s.start && line <= s.end);
    if (hit) return hit.index;
  }
  return null;
}

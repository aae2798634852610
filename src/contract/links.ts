/**
 * Links between slides as reveal writes them: `#/slide-id`, `#/3` or `#/3/1` (horizontal and
 * vertical index; reveal may add a fragment step, `#/3/1/2`). One parser for the page (the speaker view), the print layout and the handout.
 */

/** Where a slide link points: a slide's id, or reveal's indices. */
export type SlideLink = { type: 'id'; id: string } | { type: 'indices'; h: number; v: number };

/** Parses `#/…` (a whole href or `location.hash`); null for anything else. */
export function parseSlideHash(hash: string): SlideLink | null {
  if (!hash.startsWith('#/')) return null;
  const target = hash.slice(2);
  const indices = /^(\d+)(?:\/(\d+)(?:\/\d+)?)?$/.exec(target);
  if (indices) return { type: 'indices', h: Number(indices[1]), v: Number(indices[2] ?? 0) };
  if (!target) return null;
  try {
    return { type: 'id', id: decodeURIComponent(target) };
  } catch {
    return { type: 'id', id: target };
  }
}

/**
 * Every `#/…` link that reaches a slide, to that slide's id: `#/h`, `#/h/v`, `#/id`. Plain
 * data, so that code running inside the page (the print layout, the handout) looks links up
 * instead of parsing them again. Links to indices no slide has are left out.
 */
export function slideLinkTable(slides: readonly { id: string; h: number; v: number }[]): Record<string, string> {
  const table: Record<string, string> = {};
  for (const s of slides) {
    table[`#/${s.h}/${s.v}`] = s.id;
    if (s.v === 0) table[`#/${s.h}`] = s.id;
    table[`#/${s.id}`] = s.id;
    table[`#/${encodeURIComponent(s.id)}`] = s.id;
  }
  return table;
}

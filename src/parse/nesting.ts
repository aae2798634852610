import { DeckError } from '../errors.ts';
import { positionAt } from './position.ts';

/**
 * Deepest nesting a slide may have, counting block quotes, lists and HTML elements together.
 * The markdown parser and the DOM recurse once per level and overflow the stack at about two
 * thousand; real slides stay under ten.
 */
export const MAX_NESTING = 100;

// Elements whose end tag is optional or absent: an unclosed <p> or <li> is not nesting.
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp'.split(
    ' ',
  ),
);

const CONTAINER = /^ {0,3}(?:>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$))\s?/;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

function tooDeep(file: string, text: string, offset: number, line: number, column: number, what: string): DeckError {
  return new DeckError(
    'TOO_DEEP',
    positionAt(file, text, offset, line, column),
    `${what} nested more than ${MAX_NESTING} levels deep: flatten the structure (no slide needs that many levels)`,
  );
}

/**
 * Refuses markdown nested deeper than MAX_NESTING, at the first place it goes deeper, before the
 * parsers recurse into it. `text` has code already blanked out and starts at `line`:`column`. Pure.
 */
export function checkNesting(file: string, text: string, line: number, column = 1): void {
  let offset = 0;
  for (const raw of text.split('\n')) {
    // Block quotes and list items on one line ("> > - - x"), plus indentation for nested lists.
    let rest = raw;
    let depth = Math.floor((raw.length - raw.trimStart().length) / 2);
    for (let m = CONTAINER.exec(rest); m && depth <= MAX_NESTING; m = CONTAINER.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
    }
    if (depth > MAX_NESTING) throw tooDeep(file, text, offset, line, column, 'block quotes or lists are');
    offset += raw.length + 1;
  }
  const open: string[] = [];
  for (const m of text.matchAll(TAG)) {
    const name = (m[2] ?? '').toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    if (m[1]) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    open.push(name);
    if (open.length > MAX_NESTING)
      throw tooDeep(file, text, m.index ?? 0, line, column, `HTML elements (<${name}>) are`);
  }
}

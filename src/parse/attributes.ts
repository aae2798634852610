import { DeckError } from '../errors.ts';
import type { SourcePos } from '../model.ts';
import { positionAt } from './position.ts';

/** `<!-- .slide: ... -->` or `<!-- .element: ... -->`, found in a slide's markdown. */
export interface AttributeComment {
  kind: 'slide' | 'element';
  attrs: Record<string, string>;
  pos: SourcePos;
}

const COMMENT = /<!--\s*\.(slide|element)\s*:?([\s\S]*?)-->/g;
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

/** Finds and validates every attribute comment in `text` (which starts at `line`:`column`). Pure. */
export function findAttributeComments(file: string, text: string, line: number, column = 1): AttributeComment[] {
  const found: AttributeComment[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const kind = m[1] === 'slide' ? 'slide' : 'element';
    const body = m[2] ?? '';
    const bodyOffset = (m.index ?? 0) + m[0].indexOf(body, m[0].indexOf(kind) + kind.length);
    const attrs = parseAttributes(body, (o) => positionAt(file, text, bodyOffset + o, line, column));
    found.push({ kind, attrs, pos: positionAt(file, text, m.index ?? 0, line, column) });
  }
  return found;
}

/** Removes `<!-- .slide: -->` comments: they describe the <section>, not its content. */
export function stripSlideComments(text: string): string {
  return text.replace(/<!--\s*\.slide\s*:?[\s\S]*?-->/g, '');
}

/**
 * Parses `class="fragment" data-fragment-index="2" data-auto-animate`: name="value",
 * name='value' or a bare name. Anything else is an error at its position.
 */
export function parseAttributes(body: string, posOf: (offset: number) => SourcePos): Record<string, string> {
  const attrs: Record<string, string> = {};
  let i = 0;
  const fail = (at: number, problem: string): never => {
    throw new DeckError(
      'BAD_ATTRIBUTES',
      posOf(at),
      `${problem}; write attributes as name="value", e.g. <!-- .slide: class="title" -->`,
    );
  };
  while (i < body.length) {
    const rest = body.slice(i);
    const space = rest.match(/^\s+/);
    if (space) {
      i += space[0].length;
      continue;
    }
    const name = rest.match(NAME)?.[0];
    if (!name) fail(i, `unexpected "${rest.trim().slice(0, 20)}" in attributes`);
    i += name!.length;
    if (body[i] !== '=') {
      attrs[name!] = '';
      continue;
    }
    const quote = body[i + 1];
    if (quote !== '"' && quote !== "'") fail(i + 1, `the value of "${name}" must be in quotes`);
    const end = body.indexOf(quote!, i + 2);
    if (end < 0) fail(i + 1, `the value of "${name}" has no closing ${quote}`);
    attrs[name!] = body.slice(i + 2, end);
    i = end + 1;
    if (i < body.length && !/\s/.test(body[i] ?? '')) fail(i, `expected a space after the value of "${name}"`);
  }
  return attrs;
}

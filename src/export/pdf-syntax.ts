import { UnsupportedPdfError } from './pdf-repack.ts';

/**
 * Just enough PDF syntax to edit the structural objects Chromium writes (catalog, page tree, tag
 * tree, named destinations) as text: top-level dictionary entries, array items, and indirect
 * references rewritten everywhere except inside strings, where an author's alt text may well
 * read like "3 0 R".
 */

function fail(why: string): never {
  throw new UnsupportedPdfError(why);
}

const WS = /\s/;
const DELIM = /[\s/<>[\]()%]/;

/** Index just past a literal string `( … )` that starts at `i` (nested parentheses, backslash escapes). */
function skipLiteral(text: string, i: number): number {
  let nest = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '(') nest++;
    else if (c === ')' && --nest === 0) return j + 1;
  }
  return fail('an unterminated string');
}

/** Index just past one PDF object's text starting at `i` (no leading whitespace): a ref counts as one value. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === undefined) return fail('a value is missing');
  if (c === '(') return skipLiteral(text, i);
  if (c === '<' && text[i + 1] === '<') return skipContainer(text, i, '<<', '>>');
  if (c === '<') {
    const end = text.indexOf('>', i);
    return end < 0 ? fail('an unterminated hex string') : end + 1;
  }
  if (c === '[') return skipContainer(text, i, '[', ']');
  let j = i + 1;
  while (j < text.length && !DELIM.test(text[j]!)) j++;
  // `12 0 R` is one value: a whole number followed by another and R.
  if (/^\d+$/.test(text.slice(i, j))) {
    const ref = /^\s+\d+\s+R(?![^\s/<>[\]()%])/.exec(text.slice(j, j + 24));
    if (ref) return j + ref[0].length;
  }
  return j;
}

/** Index just past a `<< … >>` or `[ … ]` starting at `i`. */
function skipContainer(text: string, i: number, open: string, close: string): number {
  let j = i + open.length;
  for (;;) {
    while (j < text.length && WS.test(text[j]!)) j++;
    if (j >= text.length) return fail(`an unterminated ${open}`);
    if (text.startsWith(close, j)) return j + close.length;
    j = skipValue(text, j);
  }
}

/** The items of an array's text `[ … ]`, each as its own text (a ref as `12 0 R`). */
export function arrayItems(text: string): string[] {
  const t = text.trim();
  if (!t.startsWith('[')) return fail('an array was expected');
  const items: string[] = [];
  let j = 1;
  for (;;) {
    while (j < t.length && WS.test(t[j]!)) j++;
    if (j >= t.length) return fail('an unterminated array');
    if (t[j] === ']') return items;
    const end = skipValue(t, j);
    items.push(t.slice(j, end));
    j = end;
  }
}

/** Top-level entries of a dictionary's text `<< … >>`, in order, keys without their slash. */
export function dictEntries(text: string): Map<string, string> {
  const t = text.trim();
  if (!t.startsWith('<<')) return fail('a dictionary was expected');
  const entries = new Map<string, string>();
  let j = 2;
  for (;;) {
    while (j < t.length && WS.test(t[j]!)) j++;
    if (j >= t.length) return fail('an unterminated dictionary');
    if (t.startsWith('>>', j)) return entries;
    if (t[j] !== '/') return fail('a dictionary key was expected');
    let k = j + 1;
    while (k < t.length && !DELIM.test(t[k]!)) k++;
    const key = t.slice(j + 1, k);
    while (k < t.length && WS.test(t[k]!)) k++;
    const end = skipValue(t, k);
    entries.set(key, t.slice(k, end));
    j = end;
  }
}

/** A dictionary's text from its entries. */
export function dictText(entries: ReadonlyMap<string, string>): string {
  return `<<${[...entries].map(([k, v]) => `/${k} ${v}`).join('\n')}>>`;
}

/** The object number of a reference's text `12 0 R`, or null when the text is not one. */
export function refNumber(text: string | undefined): number | null {
  const m = /^\s*(\d+)\s+\d+\s+R\s*$/.exec(text ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Applies `edit` to every stretch of `text` outside strings: literal `( … )` and hex `< … >`
 * strings are copied as they are.
 */
function outsideStrings(text: string, edit: (plain: string) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || (c === '<' && text[i + 1] !== '<' && text[i - 1] !== '<')) {
      out += edit(text.slice(from, i));
      const end = c === '(' ? skipLiteral(text, i) : text.indexOf('>', i) + 1 || fail('an unterminated hex string');
      out += text.slice(i, end);
      from = end;
      i = end - 1;
    }
  }
  return out + edit(text.slice(from));
}

const REF = /(?<![^\s/<>[\]()%])(\d+)(\s+)(\d+)(\s+)R(?![^\s/<>[\]()%])/g;

/** Rewrites the object numbers of every indirect reference in an object's text (a stream's dictionary only). */
export function renumberRefs(body: string, map: (num: number) => number): string {
  const edit = (plain: string) =>
    plain.replace(REF, (_, n: string, a: string, g: string, b: string) => `${map(Number(n))}${a}${g}${b}R`);
  if (!body.endsWith('endstream')) return outsideStrings(body, edit);
  const start = body.indexOf('<<');
  if (start < 0) return body;
  const end = skipContainer(body, start, '<<', '>>');
  return outsideStrings(body.slice(0, end), edit) + body.slice(end);
}

/** Adds `by` to a page's `/StructParents` or an annotation's `/StructParent` (outside strings). */
export function shiftStructParents(body: string, by: number): string {
  if (by === 0 || body.endsWith('endstream')) return body;
  return outsideStrings(body, (plain) =>
    plain.replace(
      /\/(StructParents?)(\s+)(\d+)/g,
      (_, key: string, ws: string, n: string) => `/${key}${ws}${Number(n) + by}`,
    ),
  );
}

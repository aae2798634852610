/**
 * A bracketed citation cluster as written: `[@key]`, `[-@key, p. 12]`, `[@a; @b]`. Group 1 is the
 * inside. The one definition of the syntax: the markdown tokenizer, the raw-HTML pass and the
 * source scan all build their pattern here.
 */
export function citationPattern(flags: '' | 'g' | 'y' = ''): RegExp {
  return new RegExp(String.raw`\[(-?@[^[\]\n]*)\]`, flags);
}

/** One cite inside a `[@…]` cluster. */
export interface CiteRef {
  key: string;
  /** The locator value, e.g. "12", "3–5", "3(a)". */
  locator?: string;
  /** CSL locator label, e.g. "page", "paragraph", "section"; absent means page. */
  label?: string;
  /** Pandoc's `-@key`: leave the author out, e.g. "(12)" after "Miller and Baumeister argue". */
  suppressAuthor?: boolean;
  /** Text after the locator that is not a locator, as written, e.g. ", emphasis added". */
  suffix?: string;
}

// Pandoc's key syntax: starts with a letter, digit or _, may contain single internal
// punctuation characters (so "@doe99." ends the key before the period), or anything in braces.
const KEY = /^(?:\{([^{}]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/u;

/** Locator abbreviations and words (lower case, without the final period) -> CSL 1.0.2 label. */
const LABELS = new Map<string, string>();
for (const [label, names] of Object.entries({
  page: ['p', 'pp', 'page', 'pages', 'pg', 'pgs'],
  paragraph: ['para', 'paras', 'par', 'pars', 'paragraph', 'paragraphs', '¶', '¶¶'],
  section: ['sec', 'secs', 'section', 'sections', '§', '§§'],
  chapter: ['ch', 'chs', 'chap', 'chaps', 'chapter', 'chapters'],
  line: ['l', 'll', 'line', 'lines'],
  volume: ['vol', 'vols', 'volume', 'volumes'],
  figure: ['fig', 'figs', 'figure', 'figures'],
  note: ['n', 'nn', 'note', 'notes'],
  column: ['col', 'cols', 'column', 'columns'],
  book: ['bk', 'bks', 'book', 'books'],
  part: ['pt', 'pts', 'part', 'parts'],
  verse: ['v', 'vv', 'verse', 'verses'],
  issue: ['no', 'nos', 'number', 'numbers', 'issue', 'issues'],
  'article-locator': ['art', 'arts', 'article', 'articles'],
  appendix: ['app', 'apps', 'appendix', 'appendices'],
  folio: ['fol', 'fols', 'folio', 'folios'],
  opus: ['op', 'opp', 'opus', 'opera'],
  'sub-verbo': ['s.v', 's.vv', 'sub verbo'],
  table: ['tbl', 'table', 'tables'],
})) {
  for (const name of names) LABELS.set(name, label);
}

// A label word (with optional period) followed by a value; "§12" needs no space.
const LABELLED = /^(§§?|¶¶?|s\.vv?\.|sub verbo|[a-z]+)\.?\s*(.*)$/i;
// Locator values start with a digit or a roman numeral: "12", "3–5", "3(a)", "xii" (a strict
// numeral, so words such as "civil" or "did" are not taken for one).
const VALUE_START = /^(?:\d|(?=[ivxlcdm])m*(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})\b)/i;

/** Splits "12, 15 and passim, emphasis added" into the locator and a suffix that is not one. */
function splitValue(text: string): { value: string; rest: string } {
  const chunks = text.split(/(?=,)/);
  let value = chunks.shift() ?? '';
  while (chunks[0] !== undefined && VALUE_START.test(chunks[0].slice(1).trim())) value += chunks.shift();
  return { value: value.trim(), rest: chunks.join('') };
}

function parseLocator(text: string): Pick<CiteRef, 'locator' | 'label' | 'suffix'> {
  const m = LABELLED.exec(text);
  const label = m?.[1] !== undefined ? LABELS.get(m[1].toLowerCase().replace(/\.$/, '')) : undefined;
  // A headword after "s.v." is a word, not a number.
  if (m && label && m[2] && (label === 'sub-verbo' || VALUE_START.test(m[2]))) {
    const { value, rest } = splitValue(m[2]);
    return { label, locator: value, ...(rest ? { suffix: rest } : {}) };
  }
  if (VALUE_START.test(text)) {
    const { value, rest } = splitValue(text);
    return { label: 'page', locator: value, ...(rest ? { suffix: rest } : {}) };
  }
  return { suffix: `, ${text}` };
}

function parsePart(part: string): CiteRef | null {
  let s = part.trim();
  const suppressAuthor = s.startsWith('-@');
  if (suppressAuthor) s = s.slice(1);
  if (!s.startsWith('@')) return null;
  const m = KEY.exec(s.slice(1));
  const key = m?.[1] ?? m?.[2];
  if (!m || !key) return null;
  const ref: CiteRef = { key };
  if (suppressAuthor) ref.suppressAuthor = true;
  let rest = s.slice(1 + m[0].length);
  // Pandoc takes the locator after an optional comma; anything else directly after the key
  // (e.g. "@doe99's") means this is not a key we understand.
  if (rest !== '' && !/^[\s,]/.test(rest)) return null;
  rest = rest.replace(/^\s*,?\s*/, '').trimEnd();
  return rest ? { ...ref, ...parseLocator(rest) } : ref;
}

/**
 * Parses the inside of a bracketed citation, pandoc style: "@key, p. 12; -@other".
 * Returns null when it is not a citation (some part does not start with @key). Pure.
 */
export function parseCitation(inner: string): CiteRef[] | null {
  const refs: CiteRef[] = [];
  for (const part of inner.split(';')) {
    const ref = parsePart(part);
    if (!ref) return null;
    refs.push(ref);
  }
  return refs.length > 0 ? refs : null;
}

import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { closest } from 'fastest-levenshtein';
import {
  FRONT_MATTER_KEYS,
  OWN_THEMES,
  REVEAL_MD_KEYS,
  REVEAL_OPTION_KEYS,
  REVEAL_THEMES,
  type FrontMatterKey,
} from '../config.ts';
import { DeckError } from '../errors.ts';
import type { DeckWarning, SourcePos } from '../model.ts';
import { slugify } from './slugify.ts';

/** Front matter as validated values; every key optional. */
export interface FrontMatter {
  title?: string;
  subtitle?: string;
  authors?: string[];
  date?: string;
  lang?: string;
  slug?: string;
  minutes?: number;
  description?: string;
  keywords?: string[];
  url?: string;
  bibliography?: string;
  csl?: string;
  theme?: string;
  css?: string[];
  files?: string[];
  revealOptions?: Record<string, unknown>;
  separator?: string;
  verticalSeparator?: string;
  notesSeparator?: string;
  highlightTheme?: string;
  /** Every warning about this deck stops its build, as `--strict` does. */
  strict?: boolean;
  /** reveal options given at the top level, reveal-md style; `revealOptions` wins over them. */
  topLevelReveal?: Record<string, unknown>;
  /** The deck uses a key only reveal-md decks write (so it gets reveal-md's default theme). */
  revealMd?: boolean;
}

export interface FrontMatterResult {
  data: FrontMatter;
  /** Where each key's value starts, for errors found later (a missing bibliography file, say). */
  positions: Partial<Record<FrontMatterKey, SourcePos>>;
  /** Where each item of a list value starts (`files: [a.md, b.md]`), for errors about one item. */
  itemPositions: Partial<Record<FrontMatterKey, SourcePos[]>>;
  /** The text after the front matter, and the 1-based line it starts on. */
  body: string;
  bodyLine: number;
  /** Keys reveal-md would ignore; the compiler reports them (errors with --strict). */
  warnings: DeckWarning[];
}

const FENCE = /^---\s*$/;
const CLOSE = /^(---|\.\.\.)\s*$/;

/** Splits a front-matter block off the top of a file and validates it. Pure. */
export function extractFrontMatter(file: string, text: string): FrontMatterResult {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '') || !looksLikeFrontMatter(lines)) {
    return { data: {}, positions: {}, itemPositions: {}, body: text, bodyLine: 1, warnings: [] };
  }
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  if (end < 0) {
    throw new DeckError(
      'UNCLOSED_FRONT_MATTER',
      { file, line: 1, column: 1 },
      'front matter is not closed: add a line "---" after the last metadata line',
    );
  }
  const yamlText = indentQuotedContinuations(lines.slice(1, end)).join('\n');
  return { ...parseYaml(file, yamlText, 2), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

/**
 * A file that opens with `---` could also open with a slide separator; it is front matter when
 * the next non-blank line looks like `key:`.
 */
function looksLikeFrontMatter(lines: string[]): boolean {
  const next = lines.slice(1).find((l) => l.trim() !== '');
  return next !== undefined && /^[A-Za-z_][\w-]*\s*:/.test(next);
}

function parseYaml(
  file: string,
  yamlText: string,
  firstLine: number,
): Pick<FrontMatterResult, 'data' | 'positions' | 'itemPositions' | 'warnings'> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number): SourcePos => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line + firstLine - 1, column: p.col };
  };
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new DeckError(
      'BAD_FRONT_MATTER',
      at(yamlError.pos[0]),
      `front matter is not valid YAML (${yamlError.message.split('\n')[0]}); write one "key: value" per line`,
    );
  }
  if (doc.contents === null) return { data: {}, positions: {}, itemPositions: {}, warnings: [] };
  if (!isMap(doc.contents)) {
    throw new DeckError('BAD_FRONT_MATTER', at(0), 'front matter must be "key: value" lines');
  }
  const data: FrontMatter = {};
  const positions: Partial<Record<FrontMatterKey, SourcePos>> = {};
  const itemPositions: Partial<Record<FrontMatterKey, SourcePos[]>> = {};
  const warnings: DeckWarning[] = [];
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const written = isScalar(keyNode) ? String(keyNode.value) : '';
    // reveal-md reads `highlight-theme` as `highlightTheme`.
    const key = written.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const keyPos = at(keyNode?.range?.[0] ?? 0);
    const valueNode = pair.value as YamlNode | null;
    const valuePos = valueNode?.range ? at(valueNode.range[0]) : keyPos;
    const value: unknown = valueNode ? valueNode.toJSON() : null;
    if ((REVEAL_OPTION_KEYS as readonly string[]).includes(key)) {
      data.topLevelReveal = { ...data.topLevelReveal, [key]: value };
      data.revealMd = true;
      continue;
    }
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      const guess = closest(key, [...FRONT_MATTER_KEYS, ...REVEAL_OPTION_KEYS]);
      warnings.push({
        code: 'UNKNOWN_FRONT_MATTER_KEY',
        pos: keyPos,
        message: `unknown front-matter key "${written}" is ignored (did you mean "${guess}"?); known keys: ${FRONT_MATTER_KEYS.join(', ')}, and reveal.js's options`,
      });
      continue;
    }
    if (REVEAL_MD_KEYS.includes(key)) data.revealMd = true;
    positions[key as FrontMatterKey] = valuePos;
    if (isSeq(valueNode))
      itemPositions[key as FrontMatterKey] = valueNode.items.map((item) =>
        (item as YamlNode | null)?.range ? at((item as YamlNode).range![0]) : valuePos,
      );
    applyKey(data, key as FrontMatterKey, value, valuePos);
  }
  return { data, positions, itemPositions, warnings };
}

/**
 * reveal-md's YAML parser accepts a quoted value continued on the next line without indentation;
 * YAML proper wants the continuation indented. Indent it (the line numbers stay the same).
 */
export function indentQuotedContinuations(lines: string[]): string[] {
  let quote: '"' | "'" | null = null;
  return lines.map((line) => {
    if (quote) {
      const out = /^\s/.test(line) || line === '' ? line : `  ${line}`;
      if (closesQuote(line, quote)) quote = null;
      return out;
    }
    const m = /^\s*[\w-]+\s*:\s*(["'])(.*)$/.exec(line);
    if (m?.[1] && !closesQuote(m[2] ?? '', m[1] as '"' | "'")) quote = m[1] as '"' | "'";
    return line;
  });
}

function closesQuote(text: string, quote: '"' | "'"): boolean {
  const body = quote === '"' ? text.replace(/\\./g, '') : text.replace(/''/g, '');
  return body.includes(quote);
}

function typeError(pos: SourcePos, key: string, want: string, got: unknown): DeckError {
  const shown = typeof got === 'string' ? `"${got}"` : typeof got === 'number' ? String(got) : JSON.stringify(got);
  return new DeckError('FRONT_MATTER_TYPE', pos, `front-matter key "${key}" must be ${want}, got ${shown}`);
}

function asString(key: string, v: unknown, pos: SourcePos): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw typeError(pos, key, 'text', v);
}

function asStringList(key: string, v: unknown, pos: SourcePos): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw typeError(pos, key, 'text or a list of texts', v);
}

function asPattern(key: string, v: unknown, pos: SourcePos): string {
  const s = asString(key, v, pos);
  try {
    new RegExp(s);
  } catch {
    throw typeError(pos, key, 'a valid regular expression', s);
  }
  return s;
}

function applyKey(data: FrontMatter, key: FrontMatterKey, v: unknown, pos: SourcePos): void {
  switch (key) {
    case 'title':
    case 'subtitle':
    case 'date':
    case 'description':
    case 'bibliography':
    case 'csl':
      data[key] = asString(key, v, pos);
      return;
    case 'author':
    case 'authors':
      data.authors = [...(data.authors ?? []), ...asStringList(key, v, pos)];
      return;
    case 'keywords':
      data.keywords = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : asStringList(key, v, pos);
      return;
    case 'css':
    case 'files':
      data[key] = asStringList(key, v, pos);
      return;
    case 'minutes':
      // YAML reads ".inf" as Infinity; no talk is longer than a day.
      if (typeof v !== 'number' || !(v > 0) || !(v <= 24 * 60))
        throw typeError(pos, key, 'a positive number of minutes, at most a day (e.g. minutes: 15)', v);
      data.minutes = v;
      return;
    case 'url': {
      // Only the page's own address: it becomes the link preview's absolute image URL.
      const s = asString(key, v, pos).trim();
      let url: URL | null = null;
      try {
        url = new URL(s);
      } catch {
        /* reported below */
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password)
        throw typeError(pos, key, 'the address the deck is published at, such as https://example.org/talk/', s);
      url.search = '';
      url.hash = '';
      // The folder the page is in: "…/talk" and "…/talk/" name it; "…/talk/index.html" names the page in it.
      if (!url.pathname.endsWith('/'))
        url.pathname = /\.[a-z0-9]+$/i.test(url.pathname) ? url.pathname.replace(/[^/]*$/, '') : `${url.pathname}/`;
      data.url = url.href;
      return;
    }
    case 'lang': {
      const s = asString(key, v, pos);
      if (!/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s))
        throw typeError(pos, key, 'a language tag such as "en" or "en-GB"', s);
      data.lang = s;
      return;
    }
    case 'slug': {
      const s = asString(key, v, pos);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s)) {
        throw typeError(pos, key, `lower-case words joined by hyphens (e.g. "${slugify(s) || 'my-talk'}")`, s);
      }
      data.slug = s;
      return;
    }
    case 'theme': {
      const s = asString(key, v, pos);
      const names: readonly string[] = [...OWN_THEMES, ...REVEAL_THEMES];
      if (!names.includes(s) && !/\.css$/i.test(s))
        throw typeError(pos, key, `one of ${names.join(', ')}, or a .css file in the deck's folder`, s);
      data.theme = s;
      return;
    }
    case 'revealOptions':
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw typeError(pos, key, 'a map of reveal.js options', v);
      data.revealOptions = v as Record<string, unknown>;
      return;
    case 'separator':
    case 'verticalSeparator':
    case 'notesSeparator':
      data[key] = asPattern(key, v, pos);
      return;
    case 'highlightTheme': {
      const s = asString(key, v, pos);
      if (!/^[a-z0-9-]+(\/[a-z0-9-]+)?$/i.test(s))
        throw typeError(pos, key, 'a highlight.js style name such as "monokai"', s);
      data.highlightTheme = s;
      return;
    }
    case 'strict':
      if (typeof v !== 'boolean') throw typeError(pos, key, 'true or false', v);
      data.strict = v;
      return;
  }
}

import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { escapeAttr, escapeText } from './escape.ts';
import { HLJS_ALIASES, HLJS_LANGUAGES } from './hljs-languages.ts';

/**
 * Code blocks highlighted at build time with highlight.js, in the markup reveal's highlight
 * plugin makes in the browser (`hljs` classes, its line-number table, one cloned block per step
 * as a fragment), so reveal's own CSS and the highlight.js themes named by `highlightTheme` style
 * them, the page reads right without JavaScript, and no highlighter ships to the browser.
 */

/** reveal's markdown plugin: ```js [12: 1|2-3] → start line 12, steps "1|2-3". */
const LINE_NUMBERS = /\[\s*((\d*):)?\s*([\s\d,|-]*)\]/;

export interface CodeInfo {
  lang: string;
  /** reveal's `data-line-numbers` value ("" for numbers without highlights), or null for none. */
  lineNumbers: string | null;
  startFrom: number;
}

/** Reads a fence's info string the way reveal's markdown plugin does. */
export function parseCodeInfo(info: string): CodeInfo {
  const m = LINE_NUMBERS.exec(info);
  if (!m) return { lang: info.trim().split(/\s+/)[0] ?? '', lineNumbers: null, startFrom: 1 };
  return {
    lang: info.replace(LINE_NUMBERS, '').trim().split(/\s+/)[0] ?? '',
    lineNumbers: (m[3] ?? '').replace(/\s/g, ''),
    startFrom: m[2] ? Number(m[2]) : 1,
  };
}

/** A step is a list of inclusive line ranges; "1|2-3,5" → [[1-1], [2-3, 5-5]]. */
export type HighlightStep = { start: number; end: number }[];

export function parseSteps(value: string): HighlightStep[] {
  if (value.trim() === '') return [];
  return value
    .replace(/\s/g, '')
    .split('|')
    .map((step) =>
      step
        .split(',')
        .filter((part) => /^\d+(-\d+)?$/.test(part))
        .map((part) => {
          const [a = '0', b] = part.split('-');
          return { start: Number(a), end: Number(b ?? a) };
        }),
    );
}

function serializeStep(step: HighlightStep): string {
  return step.map((r) => (r.start === r.end ? String(r.start) : `${r.start}-${r.end}`)).join(',');
}

/*
 * highlight.js's grammars are loaded as a deck's fences name them, not all 190 at start-up (which
 * took longer than highlighting a thousand blocks). A grammar that embeds others (HTML its
 * scripts and styles, Markdown its HTML) brings them along, so every block is coloured exactly
 * as with all of them loaded.
 */
const requireGrammar = createRequire(import.meta.url);
const KNOWN = new Set(HLJS_LANGUAGES);
const ALIASES = new Map(Object.entries(HLJS_ALIASES));

/** The grammars a language embeds (highlight.js's `subLanguage`); '*' when it may be any of them. */
function embedded(root: object): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const sub = (value as { subLanguage?: unknown }).subLanguage;
    if (typeof sub === 'string') found.add(sub);
    else if (Array.isArray(sub)) (sub.length === 0 ? ['*'] : sub).forEach((s) => found.add(String(s)));
    Object.values(value).forEach(walk);
  };
  walk(root);
  return found;
}

/**
 * For a highlight.js instance: a fence's language → highlight.js's name for it (its grammar, and
 * those it embeds, loaded into the instance), or null when highlight.js has no such language.
 */
export function grammarLoader(api: HLJSApi): (lang: string) => string | null {
  const registered = new Set<string>();
  const register = (name: string): void => {
    if (registered.has(name)) return;
    registered.add(name);
    api.registerLanguage(name, requireGrammar(`highlight.js/lib/languages/${name}`) as LanguageFn);
    for (const sub of embedded(api.getLanguage(name) ?? {})) {
      // An empty list lets highlight.js guess among every language it has.
      if (sub === '*') HLJS_LANGUAGES.forEach(register);
      else if (KNOWN.has(sub)) register(sub);
    }
  };
  return (lang) => {
    // Looked up in the table, not in the instance: an alias two languages claim must not
    // depend on which of them a deck happened to load first.
    const key = lang.toLowerCase();
    const name = KNOWN.has(key) ? key : (ALIASES.get(key) ?? null);
    if (name) register(name);
    return name;
  };
}

// Loaded the first time a deck has code in a language: a deck without code does not wait for it.
let highlighter: { api: HLJSApi; grammarFor: (lang: string) => string | null } | undefined;
function hljs(): NonNullable<typeof highlighter> {
  if (!highlighter) {
    const api = requireGrammar('highlight.js/lib/core') as HLJSApi;
    highlighter = { api, grammarFor: grammarLoader(api) };
  }
  return highlighter;
}

/** Highlighted HTML of the code, or escaped text when the language is unknown or not given. */
export function highlightToHtml(code: string, lang: string): { html: string; language: string | null } {
  const grammar = lang ? hljs().grammarFor(lang) : null;
  if (!grammar) return { html: escapeText(code), language: null };
  return { html: hljs().api.highlight(code, { language: grammar, ignoreIllegals: true }).value, language: lang };
}

const TAG = /<span class="([^"]*)">|<\/span>/g;

/**
 * Splits highlight.js output into lines, closing the spans open at each line end and opening
 * them again on the next line, so every line stands alone in its table row.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  let last = 0;
  const text = (s: string) => {
    const parts = s.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        lines.push(line + '</span>'.repeat(open.length));
        line = open.map((c) => `<span class="${c}">`).join('');
      }
      line += part;
    });
  };
  for (const m of html.matchAll(TAG)) {
    text(html.slice(last, m.index));
    if (m[1] !== undefined) open.push(m[1]);
    else open.pop();
    line += m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  text(html.slice(last));
  lines.push(line);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineTable(lines: string[], startFrom: number, step: HighlightStep | undefined): string {
  const rows = lines.map((line, i) => {
    const n = i + startFrom;
    const row = i + 1; // reveal counts rows (nth-child), not the numbers shown
    const lit = step?.some((r) => row >= r.start && row <= r.end) ? ' class="highlight-line"' : '';
    return (
      `<tr${lit}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}">` +
      `<div class="hljs-ln-n" data-line-number="${n}"></div></td>` +
      `<td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${line === '' ? ' ' : line}</td></tr>`
    );
  });
  return `<table class="hljs-ln">${rows.join('')}</table>`;
}

/**
 * One fenced block as reveal's highlight plugin leaves it: `<pre class="code-wrapper">` holding
 * the highlighted `<code>`, and with steps one more `<code class="fragment">` per step after the
 * first. Each block is focusable so a long one can be scrolled from the keyboard.
 */
export function renderCodeBlock(code: string, info: string, wrap: (inner: string) => string = (h) => h): string {
  const { lang, lineNumbers, startFrom } = parseCodeInfo(info);
  const { html, language } = highlightToHtml(code.replace(/\n$/, ''), lang);
  const classes = ['hljs', ...(language ? [`language-${language}`] : lang ? [`language-${lang}`] : [])];
  const codeTag = (extra: string[], attrs: string, body: string) =>
    `<code class="${escapeAttr([...classes, ...extra].join(' '))}"${attrs} tabindex="0">${body}</code>`;
  if (lineNumbers === null) return `<pre class="code-wrapper">${wrap(codeTag([], '', html))}</pre>\n`;

  const lines = splitHighlightedLines(html);
  const steps = parseSteps(lineNumbers);
  const from = startFrom === 1 ? '' : ` data-ln-start-from="${startFrom}"`;
  const block = (step: HighlightStep | undefined, extra: string[]) => {
    const lit = step && step.length > 0 && step.some((r) => r.start <= lines.length) ? ['has-highlights'] : [];
    const value = step ? serializeStep(step) : '';
    return codeTag(
      [...lit, ...extra],
      ` data-line-numbers="${escapeAttr(value)}"${from}`,
      lineTable(lines, startFrom, step),
    );
  };
  const blocks =
    steps.length === 0 ? [block(undefined, [])] : steps.map((s, i) => block(s, i === 0 ? [] : ['fragment']));
  return `<pre class="code-wrapper">${wrap(blocks.join(''))}</pre>\n`;
}

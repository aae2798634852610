import { posix as path } from 'node:path';
import {
  defaultMeta,
  defaultSeparators,
  OWN_HIGHLIGHT,
  OWN_THEMES,
  REVEAL_MD_DEFAULT_HIGHLIGHT,
  REVEAL_MD_DEFAULT_THEME,
  type SeparatorConfig,
} from '../config.ts';
import { DeckError, type WarningList } from '../errors.ts';
import type { CompileHost, SourceFile } from '../host.ts';
import type { DeckMeta, SourcePos } from '../model.ts';
import { extractFrontMatter, type FrontMatterResult } from './frontmatter.ts';
import { closest } from 'fastest-levenshtein';
import { slugify } from './slugify.ts';

/** The deck's metadata: front matter over defaults; stylesheets must exist. */
export function resolveMeta(fm: FrontMatterResult, slidesDir: string, host: CompileHost): DeckMeta {
  const d = fm.data;
  const title = d.title ?? defaultMeta.title;
  const css = (d.css ?? []).map((c) => path.join(slidesDir, c));
  css.forEach((c, i) => {
    if (host.readText(c) === undefined) {
      throw new DeckError(
        'MISSING_ASSET',
        fm.positions.css ?? { file: slidesDir, line: 1, column: 1 },
        `stylesheet "${d.css?.[i]}" not found (looked for ${c}); paths are relative to ${slidesDir}/`,
      );
    }
  });
  const { theme, themeFile } = resolveTheme(fm, slidesDir, host);
  const own = (OWN_THEMES as readonly string[]).includes(theme);
  const highlightTheme =
    d.highlightTheme ?? (own ? OWN_HIGHLIGHT[theme as 'light' | 'dark'] : REVEAL_MD_DEFAULT_HIGHLIGHT);
  const knownStyles = host.highlightThemes?.();
  if (knownStyles && d.highlightTheme && !knownStyles.includes(highlightTheme)) {
    throw new DeckError(
      'FRONT_MATTER_TYPE',
      fm.positions.highlightTheme ?? { file: slidesDir, line: 1, column: 1 },
      `highlightTheme "${highlightTheme}" is not a highlight.js style (did you mean "${closest(highlightTheme, knownStyles)}"?)`,
    );
  }
  return {
    ...defaultMeta,
    title,
    subtitle: d.subtitle ?? '',
    authors: d.authors ?? [],
    date: d.date ?? '',
    lang: d.lang ?? defaultMeta.lang,
    slug: d.slug ?? (d.title ? slugify(d.title) : ''),
    minutes: d.minutes ?? null,
    description: d.description ?? d.subtitle ?? '',
    keywords: d.keywords ?? [],
    csl: d.csl ?? defaultMeta.csl,
    theme,
    themeFile,
    highlightTheme,
    css,
    bibliography: d.bibliography ? path.join(slidesDir, d.bibliography) : null,
    // reveal's layout default (centred slides) for reveal's themes; ours lays slides out from the top.
    revealOptions: { ...(own ? {} : { center: true }), ...d.topLevelReveal, ...d.revealOptions },
  };
}

/**
 * The theme a deck names (ours, one of reveal's, or a CSS file in the deck's folder); a deck that
 * names none gets reveal-md's default when it uses reveal-md's keys, ours otherwise.
 */
function resolveTheme(
  fm: FrontMatterResult,
  slidesDir: string,
  host: CompileHost,
): { theme: string; themeFile: string | null } {
  const named = fm.data.theme ?? (fm.data.revealMd ? REVEAL_MD_DEFAULT_THEME : defaultMeta.theme);
  if (!/\.css$/i.test(named)) return { theme: named, themeFile: null };
  const file = path.join(slidesDir, named);
  const pos = fm.positions.theme ?? { file: slidesDir, line: 1, column: 1 };
  const outside = path.isAbsolute(named) || path.relative(slidesDir, file).startsWith('..');
  if (outside || host.readText(file) === undefined) {
    throw new DeckError(
      'MISSING_ASSET',
      pos,
      `theme "${named}" not found (looked for ${file}); a theme file must be inside ${slidesDir}/`,
    );
  }
  return { theme: 'custom', themeFile: file };
}

/** A line break as reveal-md's patterns write it: `\n`, `\r?\n`, `(\r\n?|\n)`, `\r\n`. */
const NEWLINE_ATOM = String.raw`(?:\\r\??\\n|\\n|\((?:\?:)?\\r\\n\??\|\\n\)|\\r\\n)`;
const LEADING_NEWLINES = new RegExp(`^\\^?(?:${NEWLINE_ATOM})+`);
const TRAILING_NEWLINES = new RegExp(`(?:${NEWLINE_ATOM})+\\$?$`);

/**
 * reveal-md's separators are patterns over the whole text, such as `\r?\n---\r?\n` or
 * `^\r?\n\|\|\|\r?\n$`; we split line by line, so the line breaks around the separator line
 * are dropped. A pattern that is nothing but line breaks (blank-line separators) cannot be a line:
 * that is an error saying so, never a deck that silently becomes one slide.
 */
export function separatorLinePattern(source: string, pos: SourcePos, key: string): RegExp {
  const body = source
    .replace(LEADING_NEWLINES, '')
    .replace(TRAILING_NEWLINES, '')
    .replace(/^\^/, '')
    .replace(/\$$/, '');
  const pattern = new RegExp(`^(?:${body})\\s*$`);
  if (body === '' || /\\n|\\r/.test(body) || pattern.test('')) {
    throw new DeckError(
      'BAD_SEPARATOR',
      pos,
      `${key} "${source}" matches blank lines, which this engine cannot split on: mark slides with a line of their own, e.g. ${key}: "^---$"`,
    );
  }
  return pattern;
}

/** Separator patterns: reveal-md's front-matter overrides, else ours. */
export function separators(fm: FrontMatterResult): SeparatorConfig {
  const at = (key: 'separator' | 'verticalSeparator' | 'notesSeparator'): SourcePos =>
    fm.positions[key] ?? { file: '', line: 1, column: 1 };
  const line = (key: 'separator' | 'verticalSeparator', fallback: RegExp): RegExp => {
    const s = fm.data[key];
    return s === undefined ? fallback : separatorLinePattern(s, at(key), key);
  };
  return {
    horizontal: line('separator', defaultSeparators.horizontal),
    vertical: line('verticalSeparator', defaultSeparators.vertical),
    notes:
      fm.data.notesSeparator === undefined
        ? defaultSeparators.notes
        : new RegExp(`^\\s*(?:${fm.data.notesSeparator.replace(/^\^/, '')})\\s*`, 'i'),
  };
}

/** The files in reading order: the front matter's `files` list, else name order. */
export function orderFiles(
  files: SourceFile[],
  fm: FrontMatterResult,
  slidesDir: string,
  warnings: WarningList,
): { file: string; body: string; line: number }[] {
  const [first, ...rest] = files;
  const bodies = new Map<string, { file: string; body: string; line: number }>();
  bodies.set(first!.path, { file: first!.path, body: fm.body, line: fm.bodyLine });
  for (const f of rest) {
    const own = extractFrontMatter(f.path, f.text);
    if (Object.keys(own.data).length > 0) {
      throw new DeckError(
        'FRONT_MATTER_NOT_FIRST',
        { file: f.path, line: 1, column: 1 },
        `front matter is only read from the first file (${first!.path}): move these keys there`,
      );
    }
    bodies.set(f.path, { file: f.path, body: f.text, line: 1 });
  }
  const order = fm.data.files;
  if (!order) return [...bodies.values()];
  const pos = fm.positions.files ?? { file: first!.path, line: 1, column: 1 };
  const listed = order.map((name) => {
    const found = bodies.get(path.join(slidesDir, name));
    if (!found)
      throw new DeckError(
        'UNKNOWN_FILE',
        pos,
        `"files" lists "${name}", which is not in ${slidesDir}/ (found: ${[...bodies.keys()].map((k) => path.basename(k)).join(', ')})`,
      );
    return found;
  });
  for (const [p] of bodies)
    if (!listed.some((l) => l.file === p) && p !== first!.path)
      warnings.warn('UNLISTED_FILE', pos, `${p} is not in "files" and is left out`);
  return listed.some((l) => l.file === first!.path) ? listed : [bodies.get(first!.path)!, ...listed];
}

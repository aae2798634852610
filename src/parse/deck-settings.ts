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
import { resolveDeckPath, type DeckFolder } from './deck-paths.ts';
import { DeckError, type WarningList } from '../errors.ts';
import type { SourceFile } from '../host.ts';
import type { DeckMeta, SourcePos } from '../model.ts';
import { extractFrontMatter, type FrontMatterResult } from './frontmatter.ts';
import { closest } from 'fastest-levenshtein';
import { slugify } from './slugify.ts';

/** The files the front matter names, resolved inside the deck's folder (project-relative paths). */
export interface DeckFiles {
  css: string[];
  bibliography: string | null;
  /** The .csl file `csl:` names, or null for a built-in style. */
  csl: string | null;
  /** The theme's name (ours, one of reveal's, or "custom" for a CSS file). */
  theme: string;
  /** The theme's CSS file, when `theme:` names one. */
  themeFile: string | null;
}

/** Resolves `css:`, `bibliography:` and a `csl:` file inside the deck's folder; stylesheets must exist. */
export function resolveDeckFiles(fm: FrontMatterResult, deck: DeckFolder, file: string): DeckFiles {
  const d = fm.data;
  const top: SourcePos = { file, line: 1, column: 1 };
  const css = (d.css ?? []).map((c, i) => {
    const pos = fm.itemPositions.css?.[i] ?? fm.positions.css ?? top;
    const p = resolveDeckPath(deck, c, deck.dir, pos);
    if (deck.host.readText(p) === undefined)
      throw new DeckError(
        'MISSING_ASSET',
        pos,
        `stylesheet "${c}" not found (looked for ${p}); paths are relative to ${deck.dir}/`,
      );
    return p;
  });
  const bibliography = d.bibliography
    ? resolveDeckPath(deck, d.bibliography, deck.dir, fm.positions.bibliography ?? top)
    : null;
  const csl = d.csl?.endsWith('.csl') ? resolveDeckPath(deck, d.csl, deck.dir, fm.positions.csl ?? top) : null;
  const { theme, themeFile } = resolveTheme(fm, deck, top);
  const knownStyles = deck.host.highlightThemes?.();
  if (knownStyles && d.highlightTheme && !knownStyles.includes(d.highlightTheme)) {
    throw new DeckError(
      'FRONT_MATTER_TYPE',
      fm.positions.highlightTheme ?? top,
      `highlightTheme "${d.highlightTheme}" is not a highlight.js style (did you mean "${closest(d.highlightTheme, knownStyles)}"?)`,
    );
  }
  return { css, bibliography, csl, theme, themeFile };
}

/**
 * The deck's metadata: the front matter over `defaultMeta`, the one table of defaults. A deck
 * without a title takes its first slide's; the slug follows the title.
 */
export function resolveMeta(fm: FrontMatterResult, files: DeckFiles, firstSlideTitle: string): DeckMeta {
  const d = fm.data;
  const own = (OWN_THEMES as readonly string[]).includes(files.theme);
  const highlightTheme =
    d.highlightTheme ?? (own ? OWN_HIGHLIGHT[files.theme as 'light' | 'dark'] : REVEAL_MD_DEFAULT_HIGHLIGHT);
  return {
    title: d.title ?? (firstSlideTitle || defaultMeta.title),
    subtitle: d.subtitle ?? defaultMeta.subtitle,
    authors: [...(d.authors ?? defaultMeta.authors)],
    date: d.date ?? defaultMeta.date,
    lang: d.lang ?? defaultMeta.lang,
    slug: d.slug ?? (slugify(d.title ?? '') || slugify(firstSlideTitle) || defaultMeta.slug),
    minutes: d.minutes ?? defaultMeta.minutes,
    description: d.description ?? d.subtitle ?? defaultMeta.description,
    keywords: [...(d.keywords ?? defaultMeta.keywords)],
    url: d.url ?? defaultMeta.url,
    csl: d.csl ?? defaultMeta.csl,
    theme: files.theme,
    themeFile: files.themeFile,
    highlightTheme,
    css: files.css,
    bibliography: files.bibliography,
    // reveal's layout default (centred slides) for reveal's themes; ours lays slides out from the top.
    revealOptions: {
      ...(own ? {} : { center: true }),
      ...d.topLevelReveal,
      ...(d.revealOptions ?? defaultMeta.revealOptions),
    },
  };
}

/**
 * The theme a deck names (ours, one of reveal's, or a CSS file in the deck's folder); a deck that
 * names none gets reveal-md's default when it uses reveal-md's keys, ours otherwise.
 */
function resolveTheme(
  fm: FrontMatterResult,
  deck: DeckFolder,
  top: SourcePos,
): { theme: string; themeFile: string | null } {
  const named = fm.data.theme ?? (fm.data.revealMd ? REVEAL_MD_DEFAULT_THEME : defaultMeta.theme);
  if (!/\.css$/i.test(named)) return { theme: named, themeFile: null };
  const pos = fm.positions.theme ?? top;
  const file = resolveDeckPath(deck, named, deck.dir, pos);
  if (deck.host.readText(file) === undefined) {
    throw new DeckError(
      'MISSING_ASSET',
      pos,
      `theme "${named}" not found (looked for ${file}); a theme file must be inside ${deck.dir}/`,
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
  const seen = new Map<string, SourcePos>();
  const listed = order.map((name, i) => {
    const at = fm.itemPositions.files?.[i] ?? pos;
    const key = path.join(slidesDir, name);
    const before = seen.get(key);
    if (before)
      throw new DeckError(
        'DUPLICATE_FILE',
        at,
        `"files" lists "${name}" twice (first at line ${before.line}): list each file once`,
      );
    seen.set(key, at);
    const found = bodies.get(key);
    if (!found)
      throw new DeckError(
        'UNKNOWN_FILE',
        at,
        `"files" lists "${name}", which is not in ${slidesDir}/ (found: ${[...bodies.keys()].map((k) => path.basename(k)).join(', ')})`,
      );
    return found;
  });
  for (const [p] of bodies)
    if (!listed.some((l) => l.file === p) && p !== first!.path)
      warnings.warn('UNLISTED_FILE', pos, `${p} is not in "files" and is left out`);
  return listed.some((l) => l.file === first!.path) ? listed : [bodies.get(first!.path)!, ...listed];
}

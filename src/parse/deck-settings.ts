import { posix as path } from 'node:path';
import { defaultMeta, defaultSeparators, THEMES, type SeparatorConfig } from '../config.ts';
import { resolveDeckPath, type DeckFolder } from './deck-paths.ts';
import { DeckError, type WarningList } from '../errors.ts';
import type { SourceFile } from '../host.ts';
import type { DeckMeta, SourcePos } from '../model.ts';
import { extractFrontMatter, type FrontMatterResult } from './frontmatter.ts';
import { slugify } from './slugify.ts';

/** The files the front matter names, resolved inside the deck's folder (project-relative paths). */
export interface DeckFiles {
  css: string[];
  bibliography: string | null;
  /** The .csl file `csl:` names, or null for a built-in style. */
  csl: string | null;
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
  return { css, bibliography, csl };
}

/**
 * The deck's metadata: the front matter over `defaultMeta`, the one table of defaults. A deck
 * without a title takes its first slide's; the slug follows the title.
 */
export function resolveMeta(fm: FrontMatterResult, files: DeckFiles, firstSlideTitle: string): DeckMeta {
  const d = fm.data;
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
    theme: d.theme !== undefined && Object.hasOwn(THEMES, d.theme) ? THEMES[d.theme]! : defaultMeta.theme,
    css: files.css,
    bibliography: files.bibliography,
    revealOptions: { ...(d.revealOptions ?? defaultMeta.revealOptions) },
  };
}

/** Separator patterns: reveal-md's front-matter overrides, else ours. */
export function separators(fm: FrontMatterResult): SeparatorConfig {
  const line = (s: string | undefined, fallback: RegExp): RegExp =>
    s === undefined ? fallback : new RegExp(`^(?:${s.replace(/^\^|\$$/g, '')})\\s*$`);
  return {
    horizontal: line(fm.data.separator, defaultSeparators.horizontal),
    vertical: line(fm.data.verticalSeparator, defaultSeparators.vertical),
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

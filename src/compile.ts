import { UnprintableError, type Citer, type CiteRef } from './citations/cite.ts';
import { WORDS_PER_MINUTE } from './config.ts';
import { draftSlide, resolveRef } from './draft.ts';
import { DeckError, WarningList } from './errors.ts';
import { finishSlides, refsHref } from './finish.ts';
import type { CompileHost, SourceFile } from './host.ts';
import type { Deck, DeckWarning, Reference, SourcePos } from './model.ts';
import type { DeckFolder } from './parse/deck-paths.ts';
import { orderFiles, resolveDeckFiles, resolveMeta, separators } from './parse/deck-settings.ts';
import { extractFrontMatter } from './parse/frontmatter.ts';
import { bibliographyItemPos, loadBibliography } from './parse/references.ts';
import { splitSlides } from './parse/split.ts';
import { renderSections } from './render/deck.ts';
import { isLocalRef } from './render/escape.ts';
import { createMarkdown, Islands, type DeckUses } from './render/markdown.ts';
import { RenderMemo, type RenderRecords } from './render/memo.ts';
import type { CiterRecord } from './citations/memo-citer.ts';
import { placeReferences } from './works-cited.ts';

export type { CompileHost, SourceFile } from './host.ts';

export interface CompileResult {
  deck: Deck;
  warnings: DeckWarning[];
  /** The slides as reveal.js `<section>` markup. */
  sectionsHtml: string;
  /** Whether any slide has code or math: their CSS ships only then. */
  uses: DeckUses;
  /** What this compile rendered and cited, for the next one to reuse. */
  memo: CompileMemo;
}

/**
 * An earlier compile's slides and citations (render/memo.ts, citations/memo-citer.ts). The
 * caller keeps it between compiles, and gives it only to a compile by the same engine.
 */
export interface CompileMemo {
  renders: RenderRecords;
  citer: CiterRecord | null;
}

export interface CompileOptions {
  /** Every warning becomes an error (the talk builds this way). @default false */
  strict?: boolean;
  /** An earlier compile's memo, by the same engine: what has not changed is not rendered again. */
  memo?: CompileMemo;
}

/** Markdown files in, deck model and section markup out. No file I/O of its own. */
export function compileDeck(
  files: SourceFile[],
  host: CompileHost,
  slidesDir = 'slides',
  options: CompileOptions = {},
): CompileResult {
  const first = files[0];
  if (!first)
    throw new DeckError(
      'NO_SLIDE_FILES',
      { file: slidesDir, line: 1, column: 1 },
      `no markdown files in ${slidesDir}/: add one, e.g. ${slidesDir}/talk.md`,
    );
  const folder: DeckFolder = { dir: slidesDir, host };
  const fm = extractFrontMatter(first.path, first.text);
  // The deck's own `strict: true` is read before any warning is reported, so a typo beside it stops the build too.
  const warnings = new WarningList(
    options.strict ? '--strict' : fm.data.strict ? `"strict: true" in ${first.path}'s front matter` : false,
  );
  for (const w of fm.warnings) warnings.warn(w.code, w.pos, w.message);
  const deckFiles = resolveDeckFiles(fm, folder, first.path);
  checkStylesheetAssets([...deckFiles.css, ...(deckFiles.themeFile ? [deckFiles.themeFile] : [])], folder);
  const seps = separators(fm);
  const chunks = orderFiles(files, fm, slidesDir, warnings).flatMap((f) => splitSlides(f.file, f.body, f.line, seps));
  if (chunks.every((c) => c.content.trim() === '' && c.notes === null)) {
    throw new DeckError(
      'EMPTY_DECK',
      { file: first.path, line: fm.bodyLine, column: 1 },
      'the deck has no slides: write a slide, e.g. "# My talk", below the front matter',
    );
  }
  // Everything but the title fallback, which waits for the first slide.
  const settings = resolveMeta(fm, deckFiles, '');
  const bib = loadBibliography(
    fm,
    { files: deckFiles, csl: settings.csl, lang: settings.lang },
    host,
    options.memo?.citer ?? undefined,
  );
  const { items, citer } = bib;
  const stylePos: SourcePos = fm.positions.csl ?? fm.positions.bibliography ?? { file: first.path, line: 1, column: 1 };
  const guarded = citer && guardCiter(citer, stylePos, fm.data.csl ?? 'the citation style');
  const uses: DeckUses = { code: false, math: false };
  const memo = new RenderMemo(options.memo?.renders ?? {}, uses);
  const cite = (refs: CiteRef[]): string => {
    const html = guarded?.cite(refs) ?? '';
    return memo.noteCite(
      JSON.stringify(refs),
      html ? `<a class="deck-cite" href="${refsHref(refs[0]?.key ?? '')}">${html}</a>` : '',
    );
  };
  const islands = new Islands();
  const ctx = {
    md: createMarkdown({ cite, uses, islands }),
    islands,
    deck: folder,
    known: new Set(items.map((i) => i.id)),
    bibliography: deckFiles.bibliography,
    cite,
    memo,
  };
  const drafts = chunks.map((chunk) => draftSlide(chunk, ctx));
  const cited = [...new Set(drafts.flatMap((d) => d.citations))];
  let references: Reference[] = [];
  if (guarded && cited.length > 0) {
    try {
      references = guarded.bibliography(cited).map((r) => ({ id: r.key, html: r.html, text: r.text }));
    } catch (err) {
      if (!(err instanceof UnprintableError)) throw err;
      const bibFile = deckFiles.bibliography!;
      throw new DeckError('UNPRINTABLE_REFERENCE', bibliographyItemPos(bibFile, bib.text, err.keys[0]!), err.message);
    }
  }
  const referencesHeading = citer?.heading ?? 'References';
  const withRefs = placeReferences(drafts, references, referencesHeading, warnings);
  const citedKeys = new Set(cited);
  for (const item of items)
    if (!citedKeys.has(item.id))
      warnings.warn(
        'UNUSED_REFERENCE',
        fm.positions.bibliography ?? { file: first.path, line: 1, column: 1 },
        `bibliography item "${item.id}" is never cited`,
      );

  const slides = finishSlides(withRefs, settings.minutes);
  const totalWords = slides.reduce((n, s) => n + s.notesWords, 0);
  const deck: Deck = {
    meta: resolveMeta(fm, deckFiles, slides[0]?.title ?? ''),
    slides,
    references,
    referencesHeading,
    estimatedMinutes: Math.round((totalWords / WORDS_PER_MINUTE) * 10) / 10,
  };
  return {
    deck,
    warnings: warnings.items,
    sectionsHtml: renderSections(slides),
    uses,
    memo: { renders: memo.records(), citer: bib.record() },
  };
}

const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;

/**
 * Every local `url()` in the deck's stylesheets must exist and stay inside the deck's folder
 * (Vite bundles them, but leaves a missing one to fail at run time), checked by the same
 * resolver as the slides' assets.
 */
function checkStylesheetAssets(files: string[], folder: DeckFolder): void {
  const { host } = folder;
  const probe: DeckFolder = {
    ...folder,
    host: { ...host, assetUrl: (p) => (host.exists ? (host.exists(p) ? p : null) : host.assetUrl(p)) },
  };
  for (const file of files) {
    const text = host.readText(file) ?? '';
    for (const m of text.matchAll(CSS_URL)) {
      const ref = m[2]?.trim() ?? '';
      if (isLocalRef(ref) && !ref.startsWith('/'))
        resolveRef(ref, { file, content: text, notes: null, contentLine: 1 }, probe);
    }
  }
}

/**
 * The citer, with a CSL style that fails while rendering (a broken layout loads, then throws
 * inside citeproc) turned into a DeckError at the `csl:` line. A cite the style cannot print
 * passes through, for the caller to place.
 */
function guardCiter(citer: Citer, pos: SourcePos, style: string): Citer {
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (err) {
      if (err instanceof UnprintableError || err instanceof DeckError) throw err;
      throw new DeckError(
        'BAD_CITATION_STYLE',
        pos,
        `citation style "${style}" failed while formatting (${err instanceof Error ? err.message : String(err)}): check its <layout>, or use mla, apa, vancouver or harvard1`,
      );
    }
  };
  return {
    heading: citer.heading,
    numeric: citer.numeric,
    cite: (cluster) => guard(() => citer.cite(cluster)),
    bibliography: (keys) => guard(() => citer.bibliography(keys)),
  };
}

import type { CiteRef } from './citations/cite.ts';
import { WORDS_PER_MINUTE } from './config.ts';
import { DeckError, WarningList } from './errors.ts';
import { draftSlide, resolveRef } from './draft.ts';
import { finishSlides, refsHref } from './finish.ts';
import type { CompileHost, SourceFile } from './host.ts';
import type { Deck, DeckWarning } from './model.ts';
import { orderFiles, resolveMeta, separators } from './parse/deck-settings.ts';
import { extractFrontMatter } from './parse/frontmatter.ts';
import { loadBibliography } from './parse/references.ts';
import { slugify } from './parse/slugify.ts';
import { splitSlides } from './parse/split.ts';
import { renderSections } from './render/deck.ts';
import { createMarkdown, Islands, type DeckUses } from './render/markdown.ts';
import { placeReferences } from './render/works-cited.ts';
import { isLocalRef } from './render/slide-dom.ts';

export type { CompileHost, SourceFile } from './host.ts';

export interface CompileResult {
  deck: Deck;
  warnings: DeckWarning[];
  /** The slides as reveal.js `<section>` markup. */
  sectionsHtml: string;
  /** Whether any slide has code or math: their CSS ships only then. */
  uses: DeckUses;
}

export interface CompileOptions {
  /** Every warning becomes an error (the talk builds this way). @default false */
  strict?: boolean;
}

/** Markdown files in, deck model and section markup out. No file I/O of its own. */
export function compileDeck(
  files: SourceFile[],
  host: CompileHost,
  slidesDir = 'slides',
  options: CompileOptions = {},
): CompileResult {
  const warnings = new WarningList(options.strict ?? false);
  const first = files[0];
  if (!first)
    throw new DeckError(
      'NO_SLIDE_FILES',
      { file: slidesDir, line: 1, column: 1 },
      `no markdown files in ${slidesDir}/: add one, e.g. ${slidesDir}/talk.md`,
    );
  const fm = extractFrontMatter(first.path, first.text);
  for (const w of fm.warnings) warnings.warn(w.code, w.pos, w.message);
  const meta = resolveMeta(fm, slidesDir, host);
  checkStylesheetAssets([...meta.css, ...(meta.themeFile ? [meta.themeFile] : [])], host);
  const seps = separators(fm);
  const chunks = orderFiles(files, fm, slidesDir, warnings).flatMap((f) => splitSlides(f.file, f.body, f.line, seps));
  if (chunks.every((c) => c.content.trim() === '' && c.notes === null)) {
    throw new DeckError(
      'EMPTY_DECK',
      { file: first.path, line: fm.bodyLine, column: 1 },
      'the deck has no slides: write a slide, e.g. "# My talk", below the front matter',
    );
  }
  const { items, citer } = loadBibliography(meta, fm, host);
  const cite = (refs: CiteRef[]): string => {
    const html = citer?.cite(refs) ?? '';
    return html ? `<a class="deck-cite" href="${refsHref(refs[0]?.key ?? '')}">${html}</a>` : '';
  };
  const uses: DeckUses = { code: false, math: false };
  const islands = new Islands();
  const ctx = {
    md: createMarkdown({ cite, uses, islands }),
    islands,
    host,
    known: new Set(items.map((i) => i.id)),
    bibliography: meta.bibliography,
    slidesDir,
    cite,
  };
  const drafts = chunks.map((chunk) => draftSlide(chunk, ctx));
  const cited = [...new Set(drafts.flatMap((d) => d.citations))];
  const references =
    citer && cited.length > 0 ? citer.bibliography(cited).map((r) => ({ id: r.key, html: r.html, text: r.text })) : [];
  const referencesHeading = citer?.heading ?? 'References';
  const withRefs = placeReferences(drafts, references, referencesHeading, warnings);
  for (const item of items)
    if (!cited.includes(item.id))
      warnings.warn(
        'UNUSED_REFERENCE',
        fm.positions.bibliography ?? { file: first.path, line: 1, column: 1 },
        `bibliography item "${item.id}" is never cited`,
      );

  const slides = finishSlides(withRefs, meta.minutes);
  const totalWords = slides.reduce((n, s) => n + s.notesWords, 0);
  const deck: Deck = {
    meta: {
      ...meta,
      title: fm.data.title ?? slides[0]?.title ?? meta.title,
      slug: meta.slug || slugify(slides[0]?.title ?? '') || 'deck',
    },
    slides,
    references,
    referencesHeading,
    estimatedMinutes: Math.round((totalWords / WORDS_PER_MINUTE) * 10) / 10,
  };
  return { deck, warnings: warnings.items, sectionsHtml: renderSections(slides), uses };
}

const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;

/**
 * Every local `url()` in the deck's stylesheets must exist (Vite bundles them, but leaves a
 * missing one to fail at run time), checked by the same resolver as the slides' assets.
 */
function checkStylesheetAssets(files: string[], host: CompileHost): void {
  const probe: CompileHost = {
    ...host,
    assetUrl: (p) => (host.exists ? (host.exists(p) ? p : null) : host.assetUrl(p)),
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

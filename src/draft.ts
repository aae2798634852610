import { posix as path } from 'node:path';
import { resolveDeckPath, type DeckFolder } from './parse/deck-paths.ts';
import { DeckError } from './errors.ts';
import type { SourcePos } from './model.ts';
import { findAttributeComments, stripSlideComments } from './parse/attributes.ts';
import { checkCitationKeys, findCitations, maskCode, type CitationUse } from './parse/citations.ts';
import { checkNesting } from './parse/nesting.ts';
import { positionAt } from './parse/position.ts';
import type { SlideChunk } from './parse/split.ts';
import { UnprintableError, type CiteRef } from './citations/cite.ts';
import { dedent } from './parse/dedent.ts';
import { Islands, renderMarkdown, type createMarkdown } from './render/markdown.ts';
import { MathError } from './render/math.ts';
import type { RenderMemo, RenderRecord } from './render/memo.ts';
import { htmlText, processSlideHtml, resolveAssetValue } from './render/slide-dom.ts';

/** A code step after the first (render/highlight.ts): a fragment the slide's DOM never saw. */
const CODE_STEP = /<code class="[^"]*\bfragment\b[^"]*" data-line-numbers=/g;

const SLIDE_ASSET_ATTRS = ['data-background-image', 'data-background-video', 'data-background-iframe'];

/** A slide before ids, indices and timing are known. */
export interface Draft {
  kind: 'h' | 'v';
  chunk: SlideChunk;
  html: string;
  heading: string;
  text: string;
  notesHtml: string;
  /** The notes' text, whitespace collapsed. */
  notesText: string;
  attributes: Record<string, string>;
  idPos: SourcePos | null;
  citations: string[];
  fragments: number;
}

/** What every slide's drafting shares. */
export interface DraftContext {
  md: ReturnType<typeof createMarkdown>;
  /** The deck's folder: every file a slide names must be inside it. */
  deck: DeckFolder;
  /** The markdown's set-aside code and math, put back once a slide's HTML is processed. */
  islands: Islands;
  /** Keys of the bibliography. */
  known: Set<string>;
  bibliography: string | null;
  /** HTML of one in-text citation cluster. */
  cite(refs: CiteRef[]): string;
  /** Slides rendered before, and the log of what each render asks (render/memo.ts). */
  memo: RenderMemo;
}

/** One slide's markdown → HTML, attributes and citations; checks what can point at a line. */
export function draftSlide(chunk: SlideChunk, ctx: DraftContext): Draft {
  const { file } = chunk;
  const { md, known, bibliography } = ctx;
  const comments = [
    ...findAttributeComments(file, chunk.content, chunk.contentLine),
    ...(chunk.notes === null ? [] : findAttributeComments(file, chunk.notes, chunk.notesLine, chunk.notesColumn)),
  ];
  const slideComments = comments.filter((c) => c.kind === 'slide');
  const attributes = Object.assign({}, ...slideComments.map((c) => c.attrs)) as Record<string, string>;
  const content = stripSlideComments(chunk.content);
  const notes = chunk.notes === null ? '' : dedent(stripSlideComments(chunk.notes));
  if (content.trim() === '' && !Object.keys(attributes).some((k) => k.startsWith('data-background'))) {
    const sepLine = Math.max(1, chunk.separatorLine);
    throw new DeckError(
      'EMPTY_SLIDE',
      { file, line: sepLine, column: 1 },
      notes.trim()
        ? 'slide has notes but no content: write the slide above its "Note:" line'
        : 'empty slide: remove the extra separator or write the slide',
    );
  }
  const uses = [
    ...findCitations(file, chunk.content, chunk.contentLine),
    ...(chunk.notes === null ? [] : findCitations(file, chunk.notes, chunk.notesLine, chunk.notesColumn)),
  ];
  checkCitationKeys(uses, known, bibliography);
  checkPrintable(uses, ctx);
  checkNesting(file, maskCode(chunk.content), chunk.contentLine);
  if (chunk.notes !== null) checkNesting(file, maskCode(chunk.notes), chunk.notesLine, chunk.notesColumn);

  const nested = /<section\b/i.exec(chunk.content);
  if (nested) {
    throw new DeckError(
      'NESTED_SECTION',
      positionAt(file, chunk.content, nested.index, chunk.contentLine),
      'a <section> inside a slide would become a slide of its own: start a vertical slide with "--" instead',
    );
  }

  const resolveAsset = (raw: string): string => ctx.memo.noteAsset(raw, resolveRef(raw, chunk, ctx.deck));
  // Backgrounds named in <!-- .slide: --> go through the same resolver as images.
  for (const name of SLIDE_ASSET_ATTRS)
    if (attributes[name]) attributes[name] = resolveAssetValue(name, attributes[name], resolveAsset);
  const answers = { asset: resolveAsset, cite: (cluster: string) => ctx.cite(JSON.parse(cluster) as CiteRef[]) };
  const render = (text: string, line: number, column = 1, isNotes = false): RenderRecord =>
    ctx.memo.render(
      text,
      () => {
        try {
          const dom = processSlideHtml(renderMarkdown(md, text), resolveAsset, ctx.cite);
          const html = ctx.islands.restore(dom.html);
          return {
            html,
            heading: Islands.strip(dom.heading).trim(),
            text: Islands.strip(dom.text).trim(),
            plain: isNotes ? htmlText(html) : '',
            fragments: dom.fragments,
          };
        } catch (err) {
          if (err instanceof MathError) throw mathDeckError(err, file, text, line, column);
          // The nesting check stops the usual ways in; this catches any other that recursion finds.
          if (!(err instanceof RangeError)) throw err;
          throw new DeckError(
            'TOO_DEEP',
            { file, line: chunk.startLine, column: 1 },
            'this slide is nested too deeply to render (lists, quotes or HTML elements): flatten it',
          );
        }
      },
      answers,
    );
  const body = render(content, chunk.contentLine);
  const notesDone = notes.trim() ? render(notes, chunk.notesLine, chunk.notesColumn, true) : null;
  const html = body.html;
  return {
    kind: chunk.kind,
    chunk,
    html,
    heading: body.heading,
    text: body.text,
    notesHtml: notesDone?.html ?? '',
    notesText: notesDone?.plain ?? '',
    attributes,
    idPos: slideComments.find((c) => 'id' in c.attrs)?.pos ?? null,
    citations: [...new Set(uses.flatMap((u) => u.refs.map((r) => r.key)))],
    fragments: body.fragments + (html.match(CODE_STEP) ?? []).length,
  };
}

/** Renders each cluster once at its position, so a cite the style cannot print is an error there. */
function checkPrintable(uses: CitationUse[], ctx: DraftContext): void {
  for (const use of uses) {
    try {
      ctx.cite(use.refs);
    } catch (err) {
      if (!(err instanceof UnprintableError)) throw err;
      throw new DeckError('UNPRINTABLE_REFERENCE', use.pos, err.message);
    }
  }
}

/** Where a reference was written: a slide, or a stylesheet (whose text stands in `content`). */
export type RefOrigin = Pick<SlideChunk, 'file' | 'content' | 'notes' | 'contentLine'>;

/**
 * The one asset resolver of a deck: a local reference (image, media, background, `data-src`,
 * `url()` in its CSS) written in `origin` → the URL the page uses, relative to the file that
 * names it. A root-absolute `/img/x.png` is looked for in the deck's folder, then in `public/`,
 * and bundled like any other asset so that it works from file:// and any sub-path. Every path
 * must stay inside its folder (see resolveDeckPath).
 */
export function resolveRef(raw: string, origin: RefOrigin, deck: DeckFolder): string {
  const [pathPart = '', suffix = ''] = raw.split(/(?=[?#])/, 2);
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    /* keep it encoded: the lookup below reports it missing */
  }
  const text = origin.notes === null ? origin.content : `${origin.content}\n${origin.notes}`;
  const pos = positionAt(origin.file, text, Math.max(0, text.indexOf(raw)), origin.contentLine);
  const rooted = decoded.startsWith('/');
  const candidates = rooted
    ? [
        resolveDeckPath(deck, decoded.slice(1), deck.dir, pos),
        resolveDeckPath({ dir: 'public', host: deck.host }, decoded.slice(1), 'public', pos),
      ]
    : [resolveDeckPath(deck, decoded, path.dirname(origin.file), pos)];
  let url: string | null = null;
  for (const c of candidates) url ??= deck.host.assetUrl(c);
  if (url === null) {
    throw new DeckError(
      'MISSING_ASSET',
      pos,
      rooted
        ? `file "${raw}" not found (looked for ${candidates.join(' or ')}): put it there, or write a path relative to ${origin.file}`
        : `file "${raw}" not found (looked for ${candidates[0]}): check the path, which is relative to ${origin.file}`,
    );
  }
  return url + suffix;
}

/** Points a KaTeX error at the character of the slide's source where TeX went wrong. */
function mathDeckError(err: MathError, file: string, text: string, line: number, column: number): DeckError {
  const start = text.indexOf(err.tex);
  const at = start < 0 ? 0 : start + Math.min(err.offset, err.tex.length);
  const pos = positionAt(file, text, at, line, column);
  return new DeckError(
    'BAD_MATH',
    pos,
    `TeX error: ${err.reason}; fix the formula, or write \\$ for a dollar sign that is not math`,
  );
}

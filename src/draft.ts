import { posix as path } from 'node:path';
import { DeckError } from './errors.ts';
import type { SourcePos } from './model.ts';
import type { CompileHost } from './host.ts';
import { findAttributeComments, stripSlideComments } from './parse/attributes.ts';
import { checkCitationKeys, findCitations } from './parse/citations.ts';
import { dedent } from './parse/dedent.ts';
import { positionAt } from './parse/position.ts';
import type { SlideChunk } from './parse/split.ts';
import type { CiteRef } from './citations/cite.ts';
import { Islands, renderMarkdown, type createMarkdown } from './render/markdown.ts';
import { MathError } from './render/math.ts';
import { processSlideHtml, resolveAssetValue } from './render/slide-dom.ts';

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
  attributes: Record<string, string>;
  idPos: SourcePos | null;
  citations: string[];
  fragments: number;
}

/** What every slide's drafting shares. */
export interface DraftContext {
  md: ReturnType<typeof createMarkdown>;
  /** The markdown's set-aside code and math, put back once a slide's HTML is processed. */
  islands: Islands;
  host: CompileHost;
  /** Keys of the bibliography. */
  known: Set<string>;
  bibliography: string | null;
  /** The slides folder, where root-absolute asset paths are looked for first. */
  slidesDir?: string;
  /** HTML of one in-text citation cluster. */
  cite(refs: CiteRef[]): string;
}

/** One slide's markdown → HTML, attributes and citations; checks what can point at a line. */
export function draftSlide(chunk: SlideChunk, ctx: DraftContext): Draft {
  const { file } = chunk;
  const { md, host, known, bibliography } = ctx;
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

  const nested = /<section\b/i.exec(chunk.content);
  if (nested) {
    throw new DeckError(
      'NESTED_SECTION',
      positionAt(file, chunk.content, nested.index, chunk.contentLine),
      'a <section> inside a slide would become a slide of its own: start a vertical slide with "--" instead',
    );
  }

  const resolveAsset = (raw: string): string => resolveRef(raw, chunk, host, ctx.slidesDir);
  // Backgrounds named in <!-- .slide: --> go through the same resolver as images.
  for (const name of SLIDE_ASSET_ATTRS)
    if (attributes[name]) attributes[name] = resolveAssetValue(name, attributes[name], resolveAsset);
  const render = (text: string, line: number, column = 1): string => {
    try {
      return renderMarkdown(md, text);
    } catch (err) {
      if (err instanceof MathError) throw mathDeckError(err, file, text, line, column);
      throw err;
    }
  };
  const body = processSlideHtml(render(content, chunk.contentLine), resolveAsset, ctx.cite);
  const notesHtml = notes.trim()
    ? ctx.islands.restore(
        processSlideHtml(render(notes, chunk.notesLine, chunk.notesColumn), resolveAsset, ctx.cite).html,
      )
    : '';
  const html = ctx.islands.restore(body.html);
  return {
    kind: chunk.kind,
    chunk,
    html,
    heading: Islands.strip(body.heading).trim(),
    text: Islands.strip(body.text).trim(),
    notesHtml,
    attributes,
    idPos: slideComments.find((c) => 'id' in c.attrs)?.pos ?? null,
    citations: [...new Set(uses.flatMap((u) => u.refs.map((r) => r.key)))],
    fragments: body.fragments + (html.match(CODE_STEP) ?? []).length,
  };
}

/** Where a reference was written: a slide, or a stylesheet (whose text stands in `content`). */
export type RefOrigin = Pick<SlideChunk, 'file' | 'content' | 'notes' | 'contentLine'>;

/**
 * The one resolver for every local asset a deck names (images, media, backgrounds, `data-src`,
 * `url()` in its CSS): relative to the file that names it; a root-absolute `/img/x.png` is looked
 * for in the slides folder, then in `public/`, and bundled like any other asset so that it works
 * from file:// and any sub-path.
 */
export function resolveRef(raw: string, chunk: RefOrigin, host: CompileHost, slidesDir?: string): string {
  const [pathPart = '', suffix = ''] = raw.split(/(?=[?#])/, 2);
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    /* keep it encoded: the lookup below reports it missing */
  }
  const rooted = decoded.startsWith('/');
  const candidates = rooted
    ? [path.join(slidesDir ?? path.dirname(chunk.file), decoded), path.join('public', decoded)]
    : [path.join(path.dirname(chunk.file), decoded)];
  const projectPath = candidates.join(' or ');
  let url: string | null = null;
  for (const c of candidates) url ??= host.assetUrl(c);
  if (url === null) {
    const text = chunk.notes === null ? chunk.content : `${chunk.content}\n${chunk.notes}`;
    const at = Math.max(0, text.indexOf(raw));
    throw new DeckError(
      'MISSING_ASSET',
      positionAt(chunk.file, text, at, chunk.contentLine),
      rooted
        ? `file "${raw}" not found (looked for ${projectPath}): put it there, or write a path relative to ${chunk.file}`
        : `file "${raw}" not found (looked for ${projectPath}): check the path, which is relative to ${chunk.file}`,
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

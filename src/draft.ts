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
import { renderMarkdown, type createMarkdown } from './render/markdown.ts';
import { processSlideHtml } from './render/slide-dom.ts';

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
  /** The deck's folder: every file a slide names must be inside it. */
  deck: DeckFolder;
  /** Keys of the bibliography. */
  known: Set<string>;
  bibliography: string | null;
  /** HTML of one in-text citation cluster. */
  cite(refs: CiteRef[]): string;
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
  const notes = chunk.notes === null ? '' : stripSlideComments(chunk.notes);
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

  const resolveAsset = (raw: string): string => resolveRef(raw, chunk, ctx.deck);
  const render = (text: string) => {
    try {
      return processSlideHtml(renderMarkdown(md, text), resolveAsset, ctx.cite);
    } catch (err) {
      // The nesting check stops the usual ways in; this catches any other that recursion finds.
      if (!(err instanceof RangeError)) throw err;
      throw new DeckError(
        'TOO_DEEP',
        { file, line: chunk.startLine, column: 1 },
        'this slide is nested too deeply to render (lists, quotes or HTML elements): flatten it',
      );
    }
  };
  const body = render(content);
  const notesHtml = notes.trim() ? render(notes).html : '';
  return {
    kind: chunk.kind,
    chunk,
    html: body.html,
    heading: body.heading,
    text: body.text,
    notesHtml,
    attributes,
    idPos: slideComments.find((c) => 'id' in c.attrs)?.pos ?? null,
    citations: [...new Set(uses.flatMap((u) => u.refs.map((r) => r.key)))],
    fragments: body.fragments,
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

/**
 * The asset resolver of a slide: a local reference (image, video, link, background…) written in
 * `chunk` → the URL the page uses. Paths starting with "/" are served from public/ as they are;
 * everything else must be a file inside the deck's folder (see resolveDeckPath).
 */
export function resolveRef(raw: string, chunk: SlideChunk, deck: DeckFolder): string {
  const [pathPart = '', suffix = ''] = raw.split(/(?=[?#])/, 2);
  if (pathPart.startsWith('/')) return raw; // served from public/ as is
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    /* keep it encoded: the lookup below reports it missing */
  }
  const text = chunk.notes === null ? chunk.content : `${chunk.content}\n${chunk.notes}`;
  const pos = positionAt(chunk.file, text, Math.max(0, text.indexOf(raw)), chunk.contentLine);
  const projectPath = resolveDeckPath(deck, decoded, path.dirname(chunk.file), pos);
  const url = deck.host.assetUrl(projectPath);
  if (url === null) {
    throw new DeckError(
      'MISSING_ASSET',
      pos,
      `file "${raw}" not found (looked for ${projectPath}): check the path, which is relative to ${chunk.file}`,
    );
  }
  return url + suffix;
}

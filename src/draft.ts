import { posix as path } from 'node:path';
import { DeckError } from './errors.ts';
import type { SourcePos } from './model.ts';
import type { CompileHost } from './host.ts';
import { findAttributeComments, stripSlideComments } from './parse/attributes.ts';
import { checkCitationKeys, findCitations } from './parse/citations.ts';
import { positionAt } from './parse/position.ts';
import type { SlideChunk } from './parse/split.ts';
import type { CiteRef } from './citations/cite.ts';
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
  host: CompileHost;
  /** Keys of the bibliography. */
  known: Set<string>;
  bibliography: string | null;
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

  const nested = /<section\b/i.exec(chunk.content);
  if (nested) {
    throw new DeckError(
      'NESTED_SECTION',
      positionAt(file, chunk.content, nested.index, chunk.contentLine),
      'a <section> inside a slide would become a slide of its own: start a vertical slide with "--" instead',
    );
  }

  const resolveAsset = (raw: string): string => resolveRef(raw, chunk, host);
  const body = processSlideHtml(renderMarkdown(md, content), resolveAsset, ctx.cite);
  const notesHtml = notes.trim() ? processSlideHtml(renderMarkdown(md, notes), resolveAsset, ctx.cite).html : '';
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

function resolveRef(raw: string, chunk: SlideChunk, host: CompileHost): string {
  const [pathPart = '', suffix = ''] = raw.split(/(?=[?#])/, 2);
  if (pathPart.startsWith('/')) return raw; // served from public/ as is
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    /* keep it encoded: the lookup below reports it missing */
  }
  const projectPath = path.join(path.dirname(chunk.file), decoded);
  const url = host.assetUrl(projectPath);
  if (url === null) {
    const text = chunk.notes === null ? chunk.content : `${chunk.content}\n${chunk.notes}`;
    const at = Math.max(0, text.indexOf(raw));
    throw new DeckError(
      'MISSING_ASSET',
      positionAt(chunk.file, text, at, chunk.contentLine),
      `file "${raw}" not found (looked for ${projectPath}): check the path, which is relative to ${chunk.file}`,
    );
  }
  return url + suffix;
}

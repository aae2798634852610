import { posix as path } from 'node:path';
import { createCiter, type Citer, type CslItem } from './citations/cite';
import { defaultMeta, defaultSeparators, THEMES, WORDS_PER_MINUTE, type SeparatorConfig } from './config';
import { DeckError, WarningList } from './errors';
import type { Deck, DeckMeta, DeckWarning, Reference, Slide, SourcePos } from './model';
import { findAttributeComments, stripSlideComments } from './parse/attributes';
import { checkCitationKeys, findCitations } from './parse/citations';
import { extractFrontMatter, type FrontMatterResult } from './parse/frontmatter';
import { positionAt } from './parse/position';
import { parseBibliography } from './parse/references';
import { slugify } from './parse/slugify';
import { splitSlides, type SlideChunk } from './parse/split';
import { renderSections } from './render/deck';
import { createMarkdown, renderMarkdown } from './render/markdown';
import { htmlText, processSlideHtml } from './render/slide-dom';
import { paginateReferences, referencesHtml, REFS_PLACEHOLDER } from './render/works-cited';

/** A slide file's text; `path` is relative to the project root, e.g. `slides/talk.md`. */
export interface SourceFile {
  path: string;
  text: string;
}

/** The I/O the compiler needs, injected so that the compiler itself stays pure. */
export interface CompileHost {
  /** Text of a project file (bibliography, CSL style, stylesheet), or undefined when it does not exist. */
  readText(projectPath: string): string | undefined;
  /** URL under which the built page loads a local asset, or null when the file does not exist. */
  assetUrl(projectPath: string): string | null;
}

export interface CompileResult {
  deck: Deck;
  warnings: DeckWarning[];
  /** The slides as reveal.js `<section>` markup. */
  sectionsHtml: string;
}

const REFS_HREF = '#/__deck_refs__';

/** Markdown files in, deck model and section markup out. No file I/O of its own. */
export function compileDeck(files: SourceFile[], host: CompileHost, slidesDir = 'slides'): CompileResult {
  const warnings = new WarningList();
  const first = files[0];
  if (!first) throw new DeckError('NO_SLIDE_FILES', { file: slidesDir, line: 1, column: 1 }, `no markdown files in ${slidesDir}/: add one, e.g. ${slidesDir}/talk.md`);
  const fm = extractFrontMatter(first.path, first.text);
  const meta = resolveMeta(fm, slidesDir, host);
  const seps = separators(fm);
  const chunks = orderFiles(files, fm, slidesDir, warnings).flatMap((f) => splitSlides(f.file, f.body, f.line, seps));
  if (chunks.every((c) => c.content.trim() === '' && c.notes === null)) {
    throw new DeckError('EMPTY_DECK', { file: first.path, line: fm.bodyLine, column: 1 }, 'the deck has no slides: write a slide, e.g. "# My talk", below the front matter');
  }
  const { items, citer } = loadBibliography(meta, fm, host);
  const md = createMarkdown({ cite: (refs) => (citer ? `<a class="deck-cite" href="${REFS_HREF}">${citer.cite(refs)}</a>` : '') });
  const known = new Set(items.map((i) => i.id));

  const drafts = chunks.map((chunk) => draftSlide(chunk, md, host, known, meta.bibliography));
  const cited = [...new Set(drafts.flatMap((d) => d.citations))];
  const references = citer && cited.length > 0 ? citer.bibliography(cited).map((r) => ({ id: r.key, html: r.html, text: r.text })) : [];
  const withRefs = placeReferences(drafts, references, citer?.heading ?? 'References', warnings);
  for (const item of items) if (!cited.includes(item.id)) warnings.warn('UNUSED_REFERENCE', fm.positions.bibliography ?? { file: first.path, line: 1, column: 1 }, `bibliography item "${item.id}" is never cited`);

  const slides = finishSlides(withRefs, meta.minutes);
  const totalWords = slides.reduce((n, s) => n + s.notesWords, 0);
  const deck: Deck = {
    meta: { ...meta, title: fm.data.title ?? slides[0]?.title ?? meta.title, slug: meta.slug || slugify(slides[0]?.title ?? '') || 'deck' },
    slides,
    references,
    referencesHeading: citer?.heading ?? 'References',
    estimatedMinutes: Math.round((totalWords / WORDS_PER_MINUTE) * 10) / 10,
  };
  return { deck, warnings: warnings.items, sectionsHtml: renderSections(slides) };
}

/** A slide before ids, indices and timing are known. */
interface Draft {
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

function draftSlide(chunk: SlideChunk, md: ReturnType<typeof createMarkdown>, host: CompileHost, known: Set<string>, bibliography: string | null): Draft {
  const { file } = chunk;
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
    throw new DeckError('EMPTY_SLIDE', { file, line: sepLine, column: 1 }, notes.trim() ? 'slide has notes but no content: write the slide above its "Note:" line' : 'empty slide: remove the extra separator or write the slide');
  }
  const uses = [...findCitations(file, chunk.content, chunk.contentLine), ...(chunk.notes === null ? [] : findCitations(file, chunk.notes, chunk.notesLine, chunk.notesColumn))];
  checkCitationKeys(uses, known, bibliography);

  const resolveAsset = (raw: string): string => resolveRef(raw, chunk, host);
  const body = processSlideHtml(renderMarkdown(md, content), resolveAsset);
  const notesHtml = notes.trim() ? processSlideHtml(renderMarkdown(md, notes), resolveAsset).html : '';
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
    throw new DeckError('MISSING_ASSET', positionAt(chunk.file, text, at, chunk.contentLine), `file "${raw}" not found (looked for ${projectPath}): check the path, which is relative to ${chunk.file}`);
  }
  return url + suffix;
}

/** Fills the author's `<div id="refs"></div>` slide, or appends one, splitting a long list over slides. */
function placeReferences(drafts: Draft[], refs: Reference[], heading: string, warnings: WarningList): Draft[] {
  const at = drafts.findIndex((d) => REFS_PLACEHOLDER.test(d.html));
  if (refs.length === 0) {
    if (at >= 0) warnings.warn('NO_CITATIONS', { file: drafts[at]!.chunk.file, line: drafts[at]!.chunk.startLine, column: 1 }, 'the references slide is empty because nothing is cited');
    return drafts;
  }
  const last = drafts[drafts.length - 1]!;
  const base: Draft =
    at >= 0
      ? drafts[at]!
      : { ...last, kind: 'h', html: `<h2>${heading}</h2>\n<div id="refs"></div>`, heading, text: heading, notesHtml: `<p>${heading}: the sources cited in this deck.</p>`, attributes: {}, idPos: null, citations: [], fragments: 0 };
  const pages = paginateReferences(refs).map((page, i): Draft => {
    const html = base.html.replace(REFS_PLACEHOLDER, referencesHtml(page));
    if (i === 0) return { ...base, html, attributes: { ...base.attributes, class: `${base.attributes.class ?? ''} deck-refs-slide`.trim() } };
    const { id: _id, ...attrs } = base.attributes;
    return {
      ...base,
      kind: 'h',
      html: html.replace(/<\/h([1-6])>/, ' <span class="deck-continued">(continued)</span></h$1>'),
      heading: `${base.heading} (continued)`,
      notesHtml: `<p>${base.heading || heading}, continued.</p>`,
      attributes: { ...attrs, class: `${attrs.class ?? ''} deck-refs-slide`.trim() },
      idPos: null,
      citations: [],
    };
  });
  return at >= 0 ? [...drafts.slice(0, at), ...pages, ...drafts.slice(at + 1)] : [...drafts, ...pages];
}

/** Assigns reveal indices, unique ids and per-slide timing. */
function finishSlides(drafts: Draft[], minutes: number | null): Slide[] {
  const taken = new Map<string, SourcePos>();
  for (const d of drafts) {
    const id = d.attributes.id;
    if (id === undefined || d.idPos === null) continue;
    const before = taken.get(id);
    if (before) throw new DeckError('DUPLICATE_ID', d.idPos, `slide id "${id}" is already used at ${before.file}:${before.line}: give each slide its own id`);
    taken.set(id, d.idPos);
  }
  let h = -1;
  let v = 0;
  const slides = drafts.map((d, index): Slide => {
    if (d.kind === 'h' || h < 0) {
      h++;
      v = 0;
    } else v++;
    const title = d.heading || d.text.slice(0, 60) || `Slide ${index + 1}`;
    let id = d.idPos ? d.attributes.id! : '';
    if (!id) {
      const stem = slugify(title) || `slide-${index + 1}`;
      id = stem;
      for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
      taken.set(id, { file: d.chunk.file, line: d.chunk.startLine, column: 1 });
    }
    const { id: _id, ...attributes } = d.attributes;
    const notesText = d.notesHtml ? htmlText(d.notesHtml) : '';
    return {
      index,
      h,
      v,
      id,
      title,
      html: d.html,
      notesHtml: d.notesHtml,
      notesText,
      notesWords: notesText ? notesText.split(/\s+/).length : 0,
      attributes,
      citations: d.citations,
      fragments: d.fragments,
      source: { file: d.chunk.file, startLine: d.chunk.startLine, endLine: d.chunk.endLine },
    };
  });
  const refsId = slides.find((s) => s.attributes.class?.includes('deck-refs-slide'))?.id ?? '';
  const total = slides.reduce((n, s) => n + s.notesWords, 0);
  for (const s of slides) {
    s.html = s.html.replaceAll(REFS_HREF, `#/${refsId}`);
    s.notesHtml = s.notesHtml.replaceAll(REFS_HREF, `#/${refsId}`);
    if (minutes !== null && s.attributes['data-timing'] === undefined) {
      const share = total > 0 ? s.notesWords / total : 1 / slides.length;
      s.attributes['data-timing'] = String(Math.max(5, Math.round(minutes * 60 * share)));
    }
  }
  return slides;
}

function resolveMeta(fm: FrontMatterResult, slidesDir: string, host: CompileHost): DeckMeta {
  const d = fm.data;
  const title = d.title ?? defaultMeta.title;
  const css = (d.css ?? []).map((c) => path.join(slidesDir, c));
  css.forEach((c, i) => {
    if (host.readText(c) === undefined) {
      throw new DeckError('MISSING_ASSET', fm.positions.css ?? { file: slidesDir, line: 1, column: 1 }, `stylesheet "${d.css?.[i]}" not found (looked for ${c}); paths are relative to ${slidesDir}/`);
    }
  });
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
    theme: THEMES[d.theme ?? 'light'] ?? 'light',
    css,
    bibliography: d.bibliography ? path.join(slidesDir, d.bibliography) : null,
    revealOptions: d.revealOptions ?? {},
  };
}

function separators(fm: FrontMatterResult): SeparatorConfig {
  const line = (s: string | undefined, fallback: RegExp): RegExp => (s === undefined ? fallback : new RegExp(`^(?:${s.replace(/^\^|\$$/g, '')})\\s*$`));
  return {
    horizontal: line(fm.data.separator, defaultSeparators.horizontal),
    vertical: line(fm.data.verticalSeparator, defaultSeparators.vertical),
    notes: fm.data.notesSeparator === undefined ? defaultSeparators.notes : new RegExp(`^\\s*(?:${fm.data.notesSeparator.replace(/^\^/, '')})\\s*`, 'i'),
  };
}

/** The files in reading order: the front matter's `files` list, else name order. */
function orderFiles(files: SourceFile[], fm: FrontMatterResult, slidesDir: string, warnings: WarningList): { file: string; body: string; line: number }[] {
  const [first, ...rest] = files;
  const bodies = new Map<string, { file: string; body: string; line: number }>();
  bodies.set(first!.path, { file: first!.path, body: fm.body, line: fm.bodyLine });
  for (const f of rest) {
    const own = extractFrontMatter(f.path, f.text);
    if (Object.keys(own.data).length > 0) {
      throw new DeckError('FRONT_MATTER_NOT_FIRST', { file: f.path, line: 1, column: 1 }, `front matter is only read from the first file (${first!.path}): move these keys there`);
    }
    bodies.set(f.path, { file: f.path, body: f.text, line: 1 });
  }
  const order = fm.data.files;
  if (!order) return [...bodies.values()];
  const pos = fm.positions.files ?? { file: first!.path, line: 1, column: 1 };
  const listed = order.map((name) => {
    const found = bodies.get(path.join(slidesDir, name));
    if (!found) throw new DeckError('UNKNOWN_FILE', pos, `"files" lists "${name}", which is not in ${slidesDir}/ (found: ${[...bodies.keys()].map((k) => path.basename(k)).join(', ')})`);
    return found;
  });
  for (const [p] of bodies) if (!listed.some((l) => l.file === p) && p !== first!.path) warnings.warn('UNLISTED_FILE', pos, `${p} is not in "files" and is left out`);
  return listed.some((l) => l.file === first!.path) ? listed : [bodies.get(first!.path)!, ...listed];
}

function loadBibliography(meta: DeckMeta, fm: FrontMatterResult, host: CompileHost): { items: CslItem[]; citer: Citer | null } {
  if (!meta.bibliography) return { items: [], citer: null };
  const pos = fm.positions.bibliography!;
  const text = host.readText(meta.bibliography);
  if (text === undefined) throw new DeckError('MISSING_BIBLIOGRAPHY', pos, `bibliography "${fm.data.bibliography}" not found (looked for ${meta.bibliography})`);
  const items = parseBibliography(meta.bibliography, text);
  let style = meta.csl;
  if (style.endsWith('.csl')) {
    const cslPath = path.join(path.dirname(meta.bibliography), style);
    const xml = host.readText(cslPath);
    if (xml === undefined) throw new DeckError('BAD_CITATION_STYLE', fm.positions.csl ?? pos, `CSL style "${style}" not found (looked for ${cslPath})`);
    style = xml;
  }
  try {
    return { items, citer: createCiter(items, style, meta.lang) };
  } catch (err) {
    throw new DeckError('BAD_CITATION_STYLE', fm.positions.csl ?? pos, `citation style "${meta.csl}" could not be loaded (${(err as Error).message}); use mla, apa, vancouver, harvard1 or a .csl file`);
  }
}

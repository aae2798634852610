import { createRequire } from 'node:module';
import type { ParseError } from 'jsonc-parser';
import { createCiter, type Citer, type CslItem } from '../citations/cite.ts';
import { citerKey, memoCiter, type CiterRecord } from '../citations/memo-citer.ts';
import type { CompileHost } from '../host.ts';
import type { DeckFiles } from './deck-settings.ts';
import type { FrontMatterResult } from './frontmatter.ts';
import { DeckError } from '../errors.ts';
import type { SourcePos } from '../model.ts';
import { positionAt } from './position.ts';

/** jsonc-parser, loaded only to say where a bibliography went wrong: a deck that builds never needs it. */
const jsonc = (): typeof import('jsonc-parser') =>
  createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');

function jsonError(file: string, text: string, err: unknown): DeckError {
  const { parseTree, printParseErrorCode } = jsonc();
  // JSON.parse's messages name an offset only sometimes ("Unexpected end of JSON input" does
  // not); jsonc-parser always knows where it stopped.
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const at = first ? first.offset : Number(/position (\d+)/.exec(String(err))?.[1] ?? 0);
  const what = first
    ? printParseErrorCode(first.error)
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
    : '';
  return new DeckError(
    'BAD_BIBLIOGRAPHY',
    positionAt(file, text, Math.min(at, text.length), 1),
    `bibliography is not valid JSON (${what || (err as Error).message}); it must be a CSL-JSON array`,
  );
}

/** Where each item of a CSL-JSON array starts, and where its "id" value is, for errors. */
function itemOffsets(text: string): { item: number; id: number | null }[] {
  const { parseTree, findNodeAtLocation } = jsonc();
  const tree = parseTree(text);
  return (tree?.type === 'array' ? (tree.children ?? []) : []).map((node) => ({
    item: node.offset,
    id: node.type === 'object' ? (findNodeAtLocation(node, ['id'])?.offset ?? null) : null,
  }));
}

/** The position of the bibliography item with this id (its "id" value), or the file's start. */
export function bibliographyItemPos(file: string, text: string, id: string): SourcePos {
  const items = parseBibliography(file, text);
  const i = items.findIndex((item) => item.id === id);
  const at = i >= 0 ? itemOffsets(text)[i] : undefined;
  return positionAt(file, text, at ? (at.id ?? at.item) : 0, 1);
}

/** Parses a CSL-JSON bibliography; errors point into the bibliography file. Pure. */
export function parseBibliography(file: string, text: string): CslItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw jsonError(file, text, err);
  }
  const start: SourcePos = { file, line: 1, column: 1 };
  if (!Array.isArray(data))
    throw new DeckError(
      'BAD_BIBLIOGRAPHY',
      start,
      'bibliography must be a CSL-JSON array of items, e.g. [{"id": "key", "type": "book", …}]',
    );
  const seen = new Set<string>();
  let offsets: { item: number; id: number | null }[] | undefined;
  const posOf = (i: number, field: 'item' | 'id'): SourcePos => {
    offsets ??= itemOffsets(text);
    const at = offsets[i];
    return at ? positionAt(file, text, (field === 'id' ? at.id : null) ?? at.item, 1) : start;
  };
  return data.map((item: unknown, i) => {
    const ok =
      typeof item === 'object' &&
      item !== null &&
      !Array.isArray(item) &&
      typeof (item as { id?: unknown }).id === 'string' &&
      typeof (item as { type?: unknown }).type === 'string';
    if (!ok)
      throw new DeckError(
        'BAD_BIBLIOGRAPHY',
        posOf(i, 'item'),
        `bibliography item ${i + 1} needs a string "id" and "type"`,
      );
    const id = (item as CslItem).id;
    if (seen.has(id))
      throw new DeckError(
        'BAD_BIBLIOGRAPHY',
        posOf(i, 'id'),
        `bibliography key "${id}" appears twice: give each item its own id`,
      );
    seen.add(id);
    return item as CslItem;
  });
}

/** What the bibliography loader needs from the front matter. */
export interface BibliographySettings {
  files: DeckFiles;
  /** `csl:` as written: a built-in style name or a .csl file. */
  csl: string;
  lang: string;
}

/**
 * Reads the bibliography and the CSL style the front matter names, and makes the citer: one
 * that answers from `previous` what an earlier compile asked it (citations/memo-citer.ts).
 */
export function loadBibliography(
  fm: FrontMatterResult,
  settings: BibliographySettings,
  host: CompileHost,
  previous?: CiterRecord,
): { items: CslItem[]; citer: Citer | null; text: string; record: () => CiterRecord | null } {
  const { files } = settings;
  if (!files.bibliography) return { items: [], citer: null, text: '', record: () => null };
  const pos = fm.positions.bibliography!;
  const text = host.readText(files.bibliography);
  if (text === undefined)
    throw new DeckError(
      'MISSING_BIBLIOGRAPHY',
      pos,
      `bibliography "${fm.data.bibliography}" not found (looked for ${files.bibliography})`,
    );
  const items = parseBibliography(files.bibliography, text);
  let style = settings.csl;
  if (files.csl) {
    const xml = host.readText(files.csl);
    if (xml === undefined)
      throw new DeckError(
        'BAD_CITATION_STYLE',
        fm.positions.csl ?? pos,
        `CSL style "${style}" not found (looked for ${files.csl})`,
      );
    style = xml;
  }
  const make = (): Citer => {
    try {
      return createCiter(items, style, settings.lang);
    } catch (err) {
      throw new DeckError(
        'BAD_CITATION_STYLE',
        fm.positions.csl ?? pos,
        `citation style "${settings.csl}" could not be loaded (${(err as Error).message}); use mla, apa, vancouver, harvard1 or a .csl file`,
      );
    }
  };
  const { citer, record } = memoCiter(citerKey(text, style, settings.lang), make, previous);
  return { items, citer, text, record };
}

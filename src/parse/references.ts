import { posix as path } from 'node:path';
import { createCiter, type Citer, type CslItem } from '../citations/cite.ts';
import type { CompileHost } from '../host.ts';
import type { DeckMeta } from '../model.ts';
import type { FrontMatterResult } from './frontmatter.ts';
import { DeckError } from '../errors.ts';
import type { SourcePos } from '../model.ts';
import { positionAt } from './position.ts';

/** Parses a CSL-JSON bibliography; errors point into the bibliography file. Pure. */
export function parseBibliography(file: string, text: string): CslItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = Number(/position (\d+)/.exec(String(err))?.[1] ?? 0);
    throw new DeckError(
      'BAD_BIBLIOGRAPHY',
      positionAt(file, text, at, 1),
      `bibliography is not valid JSON (${(err as Error).message}); it must be a CSL-JSON array`,
    );
  }
  const start: SourcePos = { file, line: 1, column: 1 };
  if (!Array.isArray(data))
    throw new DeckError(
      'BAD_BIBLIOGRAPHY',
      start,
      'bibliography must be a CSL-JSON array of items, e.g. [{"id": "key", "type": "book", …}]',
    );
  const seen = new Set<string>();
  return data.map((item: unknown, i) => {
    const ok =
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { id?: unknown }).id === 'string' &&
      typeof (item as { type?: unknown }).type === 'string';
    const id = ok ? (item as CslItem).id : '';
    const at = ok ? text.indexOf(`"${id}"`) : -1;
    const pos = at >= 0 ? positionAt(file, text, at, 1) : start;
    if (!ok)
      throw new DeckError('BAD_BIBLIOGRAPHY', start, `bibliography item ${i + 1} needs a string "id" and "type"`);
    if (seen.has(id))
      throw new DeckError('BAD_BIBLIOGRAPHY', pos, `bibliography key "${id}" appears twice: give each item its own id`);
    seen.add(id);
    return item as CslItem;
  });
}

/** Reads the bibliography and the CSL style the front matter names, and makes the citer. */
export function loadBibliography(
  meta: DeckMeta,
  fm: FrontMatterResult,
  host: CompileHost,
): { items: CslItem[]; citer: Citer | null } {
  if (!meta.bibliography) return { items: [], citer: null };
  const pos = fm.positions.bibliography!;
  const text = host.readText(meta.bibliography);
  if (text === undefined)
    throw new DeckError(
      'MISSING_BIBLIOGRAPHY',
      pos,
      `bibliography "${fm.data.bibliography}" not found (looked for ${meta.bibliography})`,
    );
  const items = parseBibliography(meta.bibliography, text);
  let style = meta.csl;
  if (style.endsWith('.csl')) {
    const cslPath = path.join(path.dirname(meta.bibliography), style);
    const xml = host.readText(cslPath);
    if (xml === undefined)
      throw new DeckError(
        'BAD_CITATION_STYLE',
        fm.positions.csl ?? pos,
        `CSL style "${style}" not found (looked for ${cslPath})`,
      );
    style = xml;
  }
  try {
    return { items, citer: createCiter(items, style, meta.lang) };
  } catch (err) {
    throw new DeckError(
      'BAD_CITATION_STYLE',
      fm.positions.csl ?? pos,
      `citation style "${meta.csl}" could not be loaded (${(err as Error).message}); use mla, apa, vancouver, harvard1 or a .csl file`,
    );
  }
}

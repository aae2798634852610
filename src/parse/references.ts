import type { CslItem } from '../citations/cite';
import { DeckError } from '../errors';
import type { SourcePos } from '../model';
import { positionAt } from './position';

/** Parses a CSL-JSON bibliography; errors point into the bibliography file. Pure. */
export function parseBibliography(file: string, text: string): CslItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = Number(/position (\d+)/.exec(String(err))?.[1] ?? 0);
    throw new DeckError('BAD_BIBLIOGRAPHY', positionAt(file, text, at, 1), `bibliography is not valid JSON (${(err as Error).message}); it must be a CSL-JSON array`);
  }
  const start: SourcePos = { file, line: 1, column: 1 };
  if (!Array.isArray(data)) throw new DeckError('BAD_BIBLIOGRAPHY', start, 'bibliography must be a CSL-JSON array of items, e.g. [{"id": "key", "type": "book", …}]');
  const seen = new Set<string>();
  return data.map((item: unknown, i) => {
    const ok = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' && typeof (item as { type?: unknown }).type === 'string';
    const id = ok ? (item as CslItem).id : '';
    const at = ok ? text.indexOf(`"${id}"`) : -1;
    const pos = at >= 0 ? positionAt(file, text, at, 1) : start;
    if (!ok) throw new DeckError('BAD_BIBLIOGRAPHY', start, `bibliography item ${i + 1} needs a string "id" and "type"`);
    if (seen.has(id)) throw new DeckError('BAD_BIBLIOGRAPHY', pos, `bibliography key "${id}" appears twice: give each item its own id`);
    seen.add(id);
    return item as CslItem;
  });
}

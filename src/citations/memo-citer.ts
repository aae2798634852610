import { createHash } from 'node:crypto';
import type { Citer, CiteRef } from './cite.ts';

/**
 * The citations an earlier compile made, reused when the bibliography, the style and the language
 * are the same: setting up citeproc with a style costs a third of a second of a build, so a deck
 * whose every citation is known again never loads it. A cite's HTML is a function of those
 * inputs and the cluster (author-date styles register every item up front); in a numeric style
 * also of the items cited before it, which are then part of its key.
 */

/** One bibliography entry as the citer gives it. */
export interface BibliographyEntry {
  key: string;
  html: string;
  text: string;
}

/** What a compile's citer answered, for the next compile. */
export interface CiterRecord {
  /** Digest of the bibliography, the style and the language it was made from. */
  key: string;
  heading: string;
  numeric: boolean;
  /** In-text citations: cluster (with, in a numeric style, the items cited before) as JSON → HTML. */
  cites: Record<string, string>;
  /** Reference lists: the keys asked for (and, in a numeric style, the citation order) as JSON → entries. */
  bibliography: Record<string, BibliographyEntry[]>;
}

/** The key of a citer made from this bibliography text, style (name or CSL text) and language. */
export function citerKey(bibliography: string, style: string, lang: string): string {
  return createHash('sha256')
    .update(JSON.stringify([bibliography, style, lang]))
    .digest('hex');
}

/**
 * A citer that answers from `previous` when it was made from the same inputs (`key`), and makes
 * the real one (`make`) only for a question it has no answer to. Without a usable record the
 * real citer is made at once, as before, so a style that fails to load fails where it did.
 * `record()` gives the answers this compile used or made.
 */
export function memoCiter(
  key: string,
  make: () => Citer,
  previous: CiterRecord | undefined,
): { citer: Citer; record(): CiterRecord } {
  const known = previous?.key === key ? previous : null;
  let real: Citer | null = known ? null : make();
  const heading = known?.heading ?? real!.heading;
  const numeric = known?.numeric ?? real!.numeric;
  const cites: Record<string, string> = {};
  const bibliography: Record<string, BibliographyEntry[]> = {};
  // A numeric style's state: the keys in order of first citation, and the clusters that made it.
  const order: string[] = [];
  const asked: CiteRef[][] = [];

  const theReal = (): Citer => {
    if (real) return real;
    real = make();
    // A citer made late is brought to the state of one that answered every cite so far.
    if (numeric) for (const cluster of asked) real.cite(cluster);
    return real;
  };

  const citer: Citer = {
    heading,
    numeric,
    cite(cluster) {
      const fresh = numeric
        ? cluster.map((r) => r.key).filter((k, i, all) => !order.includes(k) && all.indexOf(k) === i)
        : [];
      const memo = JSON.stringify(numeric ? [[...order, ...fresh], cluster] : cluster);
      const html = cites[memo] ?? known?.cites[memo] ?? theReal().cite(cluster);
      cites[memo] = html;
      if (numeric) {
        order.push(...fresh);
        asked.push(cluster);
      }
      return html;
    },
    bibliography(keys) {
      const memo = JSON.stringify(numeric ? [order, keys] : keys);
      const entries = bibliography[memo] ?? known?.bibliography[memo] ?? theReal().bibliography(keys);
      bibliography[memo] = entries;
      return entries;
    },
  };
  return { citer, record: () => ({ key, heading, numeric, cites: { ...cites }, bibliography: { ...bibliography } }) };
}

/** Whether `value` (read back from a file) has the shape of a citer record. */
export function isCiterRecord(value: unknown): value is CiterRecord {
  const r = value as Partial<CiterRecord> | null;
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  return (
    isObject(r) &&
    typeof r.key === 'string' &&
    typeof r.heading === 'string' &&
    typeof r.numeric === 'boolean' &&
    isObject(r.cites) &&
    Object.values(r.cites).every((v) => typeof v === 'string') &&
    isObject(r.bibliography) &&
    Object.values(r.bibliography).every(
      (list) =>
        Array.isArray(list) &&
        list.every(
          (e: Partial<BibliographyEntry>) =>
            isObject(e) && typeof e.key === 'string' && typeof e.html === 'string' && typeof e.text === 'string',
        ),
    )
  );
}

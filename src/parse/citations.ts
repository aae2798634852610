import { closest } from 'fastest-levenshtein';
import { citationPattern, parseCitation, type CiteRef } from '../citations/cite.ts';
import { DeckError } from '../errors.ts';
import type { SourcePos } from '../model.ts';
import { positionAt } from './position.ts';

/** One `[@…]` cluster and where it stands. */
export interface CitationUse {
  refs: CiteRef[];
  pos: SourcePos;
}

/** Blanks out code (fenced and inline) so `[@x]` in a code sample is not taken for a citation. */
export function maskCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/^ {0,3}(`{3,}|~{3,})[\s\S]*?^ {0,3}\1[^\S\n]*$/gm, blank)
    .replace(/(`+)[^`\n][\s\S]*?\1/g, blank);
}

/**
 * Finds citation clusters in markdown that starts at `line`:`column`; a bracket that opens like a
 * citation but is not one (`[@]`, `[@key;]`, `[-@]`) is an error at its position. Pure.
 */
export function findCitations(file: string, text: string, line: number, column = 1): CitationUse[] {
  const uses: CitationUse[] = [];
  for (const m of maskCode(text).matchAll(citationPattern('g'))) {
    const refs = m[1] ? parseCitation(m[1]) : null;
    const pos = positionAt(file, text, m.index ?? 0, line, column);
    if (!refs)
      throw new DeckError(
        'BAD_CITATION',
        pos,
        `"${m[0].slice(0, 60)}" is not a citation: write [@key], [@key, p. 12], [-@key] or [@a; @b], with keys from the bibliography`,
      );
    uses.push({ refs, pos });
  }
  return uses;
}

/** Throws at the first key the bibliography lacks, suggesting the nearest one. */
export function checkCitationKeys(uses: CitationUse[], known: Set<string>, bibliography: string | null): void {
  for (const use of uses) {
    for (const ref of use.refs) {
      if (known.has(ref.key)) continue;
      const hint =
        known.size === 0
          ? bibliography
            ? `the bibliography ${bibliography} has no entries`
            : 'the deck has no bibliography: add "bibliography: references.json" to the front matter'
          : `did you mean "@${closest(ref.key, [...known])}"? Keys come from ${bibliography}`;
      throw new DeckError('MISSING_REFERENCE', use.pos, `unknown citation key "@${ref.key}" (${hint})`);
    }
  }
}

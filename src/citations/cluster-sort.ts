import type CSL from 'citeproc';
import { requireWhenCited } from './styles.ts';
import type { CiteprocCitationItem, CiteprocEngine } from 'citeproc';

// citeproc-js re-renders every cite's sort key each time it sorts a multi-cite cluster
// (about 0.6 ms a cluster with APA, most of its cite time). The keys depend only on the item,
// so this sorts with keys computed once per item and turns off citeproc's own cluster sort.
// It uses citeproc internals (citation_sort, citation.srt, CSL.getSortKeys); when they are not
// there (another citeproc version) it returns null and citeproc sorts as usual.

interface Internals {
  citation_sort?: { tokens?: unknown[] };
  citation?: { srt?: { compareKeys?: (a: Keyed, b: Keyed) => number } };
  retrieveItem(id: string): object;
}
interface Keyed {
  sortkeys: string[];
  seq: number;
}
type GetSortKeys = (this: unknown, item: object, keyset: string) => string[];

/** Orders a cluster as the style's citation sort would. */
export type ClusterSorter = (items: CiteprocCitationItem[]) => CiteprocCitationItem[];

/** Installs cached cluster sorting on `engine`; null when the style does not sort clusters. */
export function installClusterSort(engine: CiteprocEngine): ClusterSorter | null {
  const state = engine as unknown as Internals;
  const tokens = state.citation_sort?.tokens;
  const compare = state.citation?.srt?.compareKeys;
  const getSortKeys = (requireWhenCited('citeproc') as typeof CSL as unknown as { getSortKeys?: GetSortKeys })
    .getSortKeys;
  if (!state.citation_sort || !tokens || tokens.length === 0 || !compare || !getSortKeys) return null;
  const sortState = state.citation_sort;
  const cache = new Map<string, string[]>();
  const keysOf = (id: string): string[] => {
    let keys = cache.get(id);
    if (!keys) {
      sortState.tokens = tokens;
      try {
        keys = [...getSortKeys.call(engine, state.retrieveItem(id), 'citation_sort')];
      } finally {
        sortState.tokens = [];
      }
      cache.set(id, keys);
    }
    return keys;
  };
  sortState.tokens = [];
  return (items) => {
    if (items.length < 2) return items;
    const keyed = items.map((item, seq) => ({ item, sortkeys: keysOf(item.id), seq }));
    keyed.sort(compare);
    return keyed.map((k) => k.item);
  };
}

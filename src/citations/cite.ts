/**
 * citations/: the CSL processor wrapper and the citation styles (our MLA 9 among them).
 */
import type CSL from 'citeproc';
import type { CiteprocCitationItem, CiteprocEngine } from 'citeproc';
import { installClusterSort } from './cluster-sort.ts';
import { dropUrlSchemes, entryHtml, htmlToText } from './html.ts';
import type { CiteRef } from './parse-citation.ts';
import { sanitizeCslHtml } from './safe-html.ts';
import { shortTitle } from './short-title.ts';
import { localeXml, requireWhenCited, resolveLocale, resolveStyle } from './styles.ts';

export { citationPattern, parseCitation } from './parse-citation.ts';
export type { CiteRef } from './parse-citation.ts';

/** A CSL-JSON item. */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface Citer {
  /** The style's bibliography heading: "Works Cited" for MLA, "Bibliography" for note styles, else "References". */
  readonly heading: string;
  /** Numbers cites in order of first citation: a cite's HTML then depends on the cites before it. */
  readonly numeric: boolean;
  /** In-text citation for one cluster, as inline HTML, e.g. `(Miller and Baumeister 12)`. */
  cite(cluster: CiteRef[]): string;
  /** Entries for these keys in the style's order, each the HTML of one entry and its plain text. */
  bibliography(keys: string[]): { key: string; html: string; text: string }[];
}

/**
 * The style has nothing to print for these items (citeproc writes "[CSL STYLE ERROR: …]" in
 * their place): typically an entry without the fields the style needs.
 */
export class UnprintableError extends Error {
  readonly keys: string[];
  constructor(keys: string[], where: 'citation' | 'bibliography') {
    super(
      `the citation style prints nothing for ${keys.map((k) => `"@${k}"`).join(', ')} in the ${where === 'citation' ? 'in-text citation' : 'reference list'}: give the entry the fields the style needs (a title, an author or a date)`,
    );
    this.name = 'UnprintableError';
    this.keys = keys;
  }
}

const STYLE_ERROR = /\[CSL STYLE ERROR[^\]]*\]/;

// Characters that cannot stand in a URL as written (RFC 3986): encoded, so that the link target
// citeproc copies into href="…" is the address meant and cannot end the attribute.
const NOT_IN_URL = /[\u0000-\u0020"<>\\^`{|}\u007f]/g;

function encodeUrl(url: string): string {
  return url.replace(NOT_IN_URL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Copies an item with what citeproc needs filled in; never mutates the caller's item. */
function prepareItem(item: CslItem): CslItem {
  const out: CslItem = { ...item };
  // MLA and APA cite authorless works by a short title; CSL-JSON rarely has one.
  if (typeof out.title === 'string' && out['title-short'] === undefined) {
    out['title-short'] = typeof out.shortTitle === 'string' ? out.shortTitle : shortTitle(out.title);
  }
  // Styles add the https://doi.org/ prefix themselves.
  if (typeof out.DOI === 'string')
    out.DOI = encodeUrl(out.DOI.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, ''));
  if (typeof out.URL === 'string') out.URL = encodeUrl(out.URL.trim());
  return out;
}

function sortKey(key: string): string {
  return key.normalize('NFC').replace(/^(?:a|an|the)\s+/i, '');
}

function citeprocItem(ref: CiteRef): CiteprocCitationItem {
  const item: CiteprocCitationItem = { id: ref.key };
  if (ref.locator) {
    item.locator = ref.locator;
    item.label = ref.label ?? 'page';
  }
  if (ref.suffix) item.suffix = ref.suffix;
  if (ref.suppressAuthor) item['suppress-author'] = true;
  return item;
}

/**
 * A citation processor for one deck: `items` is the bibliography (CSL-JSON), `style` is
 * "mla" | "apa" | "vancouver" | "harvard1" or the XML text of a .csl file, `lang` a locale tag.
 * Each call builds its own citeproc engines, so citers never share state.
 * Throws a plain Error when the style cannot be loaded.
 */
export function createCiter(items: CslItem[], style: string, lang?: string): Citer {
  const resolved = resolveStyle(style);
  const byId = new Map(items.map((item) => [item.id, prepareItem(item)]));
  const locale = lang ? resolveLocale(lang) : undefined;

  const newEngine = (): CiteprocEngine => {
    let engine: CiteprocEngine;
    try {
      engine = new (requireWhenCited('citeproc') as typeof CSL).Engine(
        {
          retrieveItem: (id) => {
            const item = byId.get(id);
            if (!item) throw new Error(`Unknown citation key "@${id}": it is not in the bibliography`);
            return item;
          },
          retrieveLocale: localeXml,
          // citeproc's only use of this hook is sort keys. Its own leading-article strip runs
          // after spaces became separators and so never matches; do it here, so "The Zed"
          // files under Z as MLA, APA and Chicago all ask.
          normalizeUnicode: sortKey,
        },
        resolved.xml,
        locale,
        locale !== undefined,
      );
    } catch (err) {
      throw new Error(
        `Cannot load the CSL style (is it well-formed CSL 1.0 XML?): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    engine.setOutputFormat('html');
    engine.opt.development_extensions.wrap_url_and_doi = true;
    return engine;
  };

  const check = (key: string): void => {
    if (!byId.has(key)) throw new Error(`Unknown citation key "@${key}": it is not in the bibliography`);
  };

  // In-text engine, built once and reused: citeproc's setup is the slow part.
  // Author-date styles see every item from the start, so disambiguation ("Miller, “Title”")
  // never depends on what was cited before. Numeric styles number in order of first citation.
  const citeEngine = newEngine();
  const citedOrder: string[] = [];
  if (!resolved.isNumeric) citeEngine.updateItems([...byId.keys()]);
  // Numeric styles' sort keys change as items are registered, so only author-date ones.
  const sortCluster = resolved.isNumeric ? null : installClusterSort(citeEngine);
  const cache = new Map<string, string>();

  let bibEngine: CiteprocEngine | undefined;

  return {
    heading: resolved.heading,
    numeric: resolved.isNumeric,

    cite(cluster) {
      const memo = JSON.stringify(cluster);
      const hit = cache.get(memo);
      if (hit !== undefined) return hit;
      for (const ref of cluster) check(ref.key);
      if (resolved.isNumeric) {
        const fresh = cluster.map((r) => r.key).filter((k, i, all) => !citedOrder.includes(k) && all.indexOf(k) === i);
        if (fresh.length > 0) {
          citedOrder.push(...fresh);
          citeEngine.updateItems(citedOrder, true);
          cache.clear();
        }
      }
      const items = cluster.map(citeprocItem);
      const made = citeEngine.makeCitationCluster(sortCluster ? sortCluster(items) : items);
      if (STYLE_ERROR.test(made))
        throw new UnprintableError(
          cluster.map((r) => r.key),
          'citation',
        );
      // citeproc's placeholder when every part is suppressed (`[-@key]` without a locator in MLA).
      const cleaned = made.replace(/\[NO_PRINTED_FORM\]/g, '');
      // An in-text citation is itself a link to the reference list: links inside it are unwrapped.
      const html = /^[\s()[\];,]*$/.test(cleaned.replace(/<[^>]+>/g, ''))
        ? ''
        : sanitizeCslHtml(cleaned, { links: false });
      cache.set(memo, html);
      return html;
    },

    bibliography(keys) {
      const unique = [...new Set(keys)];
      unique.forEach(check);
      if (unique.length === 0) return [];
      // Keys cited in the text first, in citation order, so numeric styles match their cites.
      const ordered = [
        ...citedOrder.filter((k) => unique.includes(k)),
        ...unique.filter((k) => !citedOrder.includes(k)),
      ];
      bibEngine ??= newEngine();
      bibEngine.updateItems(ordered);
      const made = bibEngine.makeBibliography();
      if (!made) return [];
      const [params, entries] = made;
      const unprintable = entries.flatMap((raw, i) => (STYLE_ERROR.test(raw) ? [params.entry_ids[i]?.[0] ?? ''] : []));
      if (unprintable.length > 0) throw new UnprintableError(unprintable, 'bibliography');
      return entries.map((raw, i) => {
        let html = sanitizeCslHtml(entryHtml(raw), { links: true });
        if (resolved.isMla) html = dropUrlSchemes(html);
        return { key: params.entry_ids[i]?.[0] ?? '', html, text: htmlToText(html) };
      });
    },
  };
}

import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import CSL from 'citeproc';
import { describe, expect, it } from 'vitest';
import { createCiter, type CslItem } from '../../src/citations/cite.ts';
import { shortTitle } from '../../src/citations/short-title.ts';
import references from './fixtures/references.json';

// The citer sorts clusters itself with cached keys (see cluster-sort.ts); it must give exactly
// what citeproc's own sort gives.
const items: CslItem[] = references.map((item) => ({ ...item, 'title-short': shortTitle(item.title) }));
const ids = items.map((i) => i.id);

function plainCiteproc(style: string): (cluster: { id: string; locator?: string }[]) => string {
  const config = plugins.config.get('@csl');
  const xml = config?.templates.get(style);
  const locale = config?.locales.get('en-US');
  if (!xml || !locale) throw new Error('citation-js did not load');
  const byId = new Map(items.map((i) => [i.id, i]));
  const engine = new CSL.Engine(
    { retrieveItem: (id) => byId.get(id) ?? {}, retrieveLocale: () => locale },
    xml,
    'en-US',
    true,
  );
  engine.setOutputFormat('html');
  engine.updateItems(ids);
  return (cluster) => engine.makeCitationCluster(cluster);
}

describe('cached cluster sorting', () => {
  it.each(['apa', 'harvard1'])(
    'matches citeproc’s own sort for every pair and a triple (%s)',
    (style) => {
      const citer = createCiter(items, style, 'en-US');
      const plain = plainCiteproc(style);
      for (const a of ids) {
        for (const b of ids) {
          if (a === b) continue;
          expect(citer.cite([{ key: a, locator: '4' }, { key: b }])).toBe(plain([{ id: a, locator: '4' }, { id: b }]));
        }
      }
      const triple = [ids[3] ?? '', ids[0] ?? '', ids[1] ?? ''];
      expect(citer.cite(triple.map((key) => ({ key })))).toBe(plain(triple.map((id) => ({ id }))));
    },
    60_000,
  ); // builds two citeproc engines per style: seconds on a shared, loaded machine
});

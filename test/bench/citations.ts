/**
 * `npm run bench -- citations`: the citation engine's set-up, 1,000 in-text citations and a
 * bibliography, on the talk's test references (the deck's budget is 1 s in all). Printed, never
 * asserted: a timed assertion fails on a busy machine.
 */
import { createCiter, type CslItem } from '../../src/citations/cite.ts';
import references from '../citations/fixtures/references.json';

export async function run(): Promise<void> {
  const items: CslItem[] = references;
  const start = performance.now();
  const citer = createCiter(items, 'mla');
  const setup = performance.now() - start;
  const ids = items.map((i) => i.id);
  for (let n = 0; n < 1000; n++) {
    const a = ids[n % ids.length] ?? '';
    const b = ids[(n * 7 + 3) % ids.length] ?? '';
    citer.cite(n % 3 === 0 ? [{ key: a, locator: String(n) }] : [{ key: a }, { key: b, locator: String(n % 50) }]);
  }
  const cites = performance.now() - start - setup;
  const bibStart = performance.now();
  citer.bibliography(ids);
  const bib = performance.now() - bibStart;
  console.log(
    `createCiter ${setup.toFixed(1)} ms, 1,000 cites ${cites.toFixed(1)} ms (${(cites / 1000).toFixed(3)} ms/cite), bibliography of ${ids.length} ${bib.toFixed(1)} ms; total ${(setup + cites + bib).toFixed(0)} ms (budget 1,000 ms)`,
  );
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCiter, type CslItem } from '../../src/citations/cite.ts';
import { resolveStyle } from '../../src/citations/styles.ts';
import references from './fixtures/references.json';

const items: CslItem[] = references;
const WORKS_CITED = [
  'unodc-covid-smuggling-2020',
  'miller-baumeister-2013',
  'unodc-tip-2020',
  'ec-migrant-smuggling-2016',
];
const MILLER_MLA =
  'Miller, Rebecca, and Sebastian Baumeister. “Managing Migration: Is Border Control Fundamental to Anti-Trafficking and Anti-Smuggling Interventions?” Anti-Trafficking Review, no. 2, 2013, https://doi.org/10.14197/atr.20121321.';

// A minimal hand-written style, to show any CSL XML works and its settings are honoured.
const TINY_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Tiny test style</title><id>urn:test:tiny</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]" delimiter=" | "><text variable="title" form="short"/></layout></citation>
  <bibliography><sort><key variable="title"/></sort><layout><text variable="title" text-case="uppercase"/></layout></bibliography>
</style>`;

const MLA9_CSL = readFileSync(new URL('../../src/citations/mla9.csl', import.meta.url), 'utf8');

describe('the MLA 9 style file', () => {
  it('"mla" is exactly mla9.csl, read from beside the module', () => {
    expect(resolveStyle('mla').xml).toBe(MLA9_CSL);
  });

  it('says it is this project’s own style and is CSL 1.0', () => {
    expect(MLA9_CSL).toMatch(/this project's own CSL 1\.0\.2 style/);
    expect(MLA9_CSL).toContain('xmlns="http://purl.org/net/xbiblio/csl"');
    expect(MLA9_CSL).not.toContain('modern-language-association.csl"');
  });

  it('works when passed as XML, like a .csl file the engine read', () => {
    const citer = createCiter(items, MLA9_CSL);
    expect(citer.heading).toBe('Works Cited');
    expect(citer.bibliography(['miller-baumeister-2013'])[0]?.text).toBe(MILLER_MLA);
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '12' }])).toBe('(Miller and Baumeister 12)');
  });
});

describe('APA (citation-js built-in)', () => {
  const citer = createCiter(items, 'apa', 'en-US');

  it('is headed "References"', () => {
    expect(citer.heading).toBe('References');
  });

  it('renders author-date cites', () => {
    expect(citer.cite([{ key: 'miller-baumeister-2013' }])).toBe('(Miller &#38; Baumeister, 2013)');
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '12', label: 'page' }])).toBe(
      '(Miller &#38; Baumeister, 2013, p. 12)',
    );
  });

  it('sorts a cluster as APA does and groups one author’s years', () => {
    expect(citer.cite([{ key: 'miller-baumeister-2013' }, { key: 'ec-migrant-smuggling-2016', locator: '2' }])).toBe(
      '(<i>Migrant Smuggling</i>, 2016, p. 2; Miller &#38; Baumeister, 2013)',
    );
    const later: CslItem = {
      ...items[1],
      id: 'miller-baumeister-2015',
      title: 'Later Work',
      issued: { 'date-parts': [[2015]] },
    } as CslItem;
    const two = createCiter([...items, later], 'apa');
    const cluster = [{ key: 'miller-baumeister-2015' }, { key: 'unodc-tip-2020' }, { key: 'miller-baumeister-2013' }];
    expect(two.cite(cluster)).toBe(
      '(<i>Impact of the COVID-19 Pandemic</i>, 2020; Miller &#38; Baumeister, 2013, 2015)',
    );
  });

  it('renders a different, APA-shaped reference list', () => {
    const entries = citer.bibliography(WORKS_CITED);
    const miller = entries.find((e) => e.key === 'miller-baumeister-2013');
    expect(miller?.text).toContain('Miller, R., & Baumeister, S. (2013).');
    expect(miller?.text).not.toBe(MILLER_MLA);
    // APA keeps the scheme in the visible link.
    expect(entries.find((e) => e.key === 'unodc-covid-smuggling-2020')?.text).toContain('https://www.unodc.org/');
  });
});

describe('other styles', () => {
  it('vancouver numbers cites in order of first citation, and its list matches', () => {
    const citer = createCiter(items, 'vancouver');
    expect(citer.cite([{ key: 'unodc-tip-2020' }])).toBe('(1)');
    expect(citer.cite([{ key: 'miller-baumeister-2013' }, { key: 'unodc-tip-2020' }])).toBe('(1,2)');
    expect(citer.cite([{ key: 'unodc-tip-2020' }])).toBe('(1)');
    const entries = citer.bibliography(['miller-baumeister-2013', 'unodc-tip-2020', 'ec-migrant-smuggling-2016']);
    expect(entries.map((e) => e.key)).toEqual([
      'unodc-tip-2020',
      'miller-baumeister-2013',
      'ec-migrant-smuggling-2016',
    ]);
    expect(entries[0]?.text).toMatch(/^1\. Impact of the COVID-19 Pandemic/);
    for (const e of entries) expect(e.html).not.toMatch(/<div|\n/);
  });

  it('harvard1 loads', () => {
    const citer = createCiter(items, 'harvard1');
    expect(citer.heading).toBe('References');
    expect(citer.cite([{ key: 'miller-baumeister-2013' }])).toMatch(/Miller/);
  });

  it('honours any CSL XML string', () => {
    const citer = createCiter(items, TINY_CSL);
    expect(citer.heading).toBe('References');
    expect(citer.cite([{ key: 'ec-migrant-smuggling-2016' }, { key: 'unodc-tip-2020' }])).toBe(
      '[Migrant Smuggling | Impact of the COVID-19 Pandemic]',
    );
    expect(citer.bibliography(['ec-migrant-smuggling-2016', 'unodc-tip-2020']).map((e) => e.text)).toEqual([
      'IMPACT OF THE COVID-19 PANDEMIC ON TRAFFICKING IN PERSONS: PRELIMINARY FINDINGS AND MESSAGING BASED ON RAPID STOCKTAKING',
      'MIGRANT SMUGGLING',
    ]);
  });

  it('accepts the style name in any case', () => {
    expect(createCiter(items, 'MLA').heading).toBe('Works Cited');
  });
});

describe('errors', () => {
  it('throws a plain Error naming the accepted styles for an unknown style name', () => {
    expect(() => createCiter(items, 'chicago')).toThrow(Error);
    expect(() => createCiter(items, 'chicago')).toThrow(
      /Unknown citation style "chicago".*mla, apa, vancouver, harvard1/,
    );
    expect(() => createCiter(items, 'styles/mla.csl')).toThrow(/XML text of a .csl file/);
  });

  it('throws for XML that is not a usable CSL style', () => {
    expect(() => createCiter(items, '<?xml version="1.0"?><html></html>')).toThrow(/CSL/);
    expect(() =>
      createCiter(items, '<style xmlns="http://purl.org/net/xbiblio/csl"><citation><layout><text</style>'),
    ).toThrow(/CSL style/);
    const dependent = `<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>X</title><id>x</id><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/><updated>2026-01-01T00:00:00+00:00</updated></info></style>`;
    expect(() => createCiter(items, dependent)).toThrow(/dependent style/);
  });
});

describe('independence and determinism', () => {
  it('citers with different styles or data do not affect each other', () => {
    const mla = createCiter(items, 'mla');
    const apa = createCiter(items, 'apa');
    const tiny = createCiter(items, TINY_CSL);
    const other = createCiter(
      [{ id: 'miller-baumeister-2013', type: 'book', title: 'Different', author: [{ family: 'Zed' }] }],
      'mla',
    );
    const ref = [{ key: 'miller-baumeister-2013' }];
    expect([mla.cite(ref), apa.cite(ref), tiny.cite(ref), other.cite(ref), mla.cite(ref)]).toEqual([
      '(Miller and Baumeister)',
      '(Miller &#38; Baumeister, 2013)',
      '[Managing Migration]',
      '(Zed)',
      '(Miller and Baumeister)',
    ]);
    expect(mla.bibliography(['miller-baumeister-2013'])[0]?.text).toBe(MILLER_MLA);
  });

  it('does not change the caller’s items', () => {
    const copy = structuredClone(items);
    createCiter(copy, 'mla').bibliography(copy.map((i) => i.id));
    expect(copy).toEqual(items);
  });

  it('files titles under the word after a leading article', () => {
    const extra: CslItem[] = [
      { id: 'zed', type: 'book', title: 'The Zed Report', publisher: 'P', issued: { 'date-parts': [[2020]] } },
      { id: 'an', type: 'book', title: 'An Atlas', publisher: 'P', issued: { 'date-parts': [[2020]] } },
    ];
    const keys = citerKeys(createCiter([...items, ...extra], 'mla'), [
      'zed',
      'an',
      'miller-baumeister-2013',
      'unodc-tip-2020',
    ]);
    expect(keys).toEqual(['an', 'unodc-tip-2020', 'miller-baumeister-2013', 'zed']);
  });
});

function citerKeys(citer: ReturnType<typeof createCiter>, keys: string[]): string[] {
  return citer.bibliography(keys).map((e) => e.key);
}

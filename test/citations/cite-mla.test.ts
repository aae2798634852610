import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createCiter, type CslItem } from '../../src/citations/cite.ts';
import references from './fixtures/references.json';

const items: CslItem[] = references;
const WORKS_CITED = [
  'unodc-covid-smuggling-2020',
  'miller-baumeister-2013',
  'unodc-tip-2020',
  'ec-migrant-smuggling-2016',
];

function fragment(html: string): HTMLElement {
  const { document } = parseHTML(`<!doctype html><html><body><p>${html}</p></body></html>`);
  const p = document.querySelector('p');
  if (!p) throw new Error('no <p>');
  return p as unknown as HTMLElement;
}

describe('MLA 9 Works Cited', () => {
  const citer = createCiter(items, 'mla', 'en');
  const entries = citer.bibliography(WORKS_CITED);

  it('is headed "Works Cited"', () => {
    expect(citer.heading).toBe('Works Cited');
  });

  it('matches the verified MLA 9 text, in alphabetical order', () => {
    expect(entries.map((e) => e.key)).toEqual([
      'unodc-covid-smuggling-2020',
      'unodc-tip-2020',
      'ec-migrant-smuggling-2016',
      'miller-baumeister-2013',
    ]);
    expect(entries.map((e) => e.text)).toEqual([
      '“Impact of the COVID Crisis on Migrant Smuggling.” United Nations Office on Drugs and Crime, 10 Sept. 2020, www.unodc.org/unodc/en/frontpage/2020/September/impact-of-the-covid-crisis-on-the-crime-of-migrant-smuggling.html.',
      'Impact of the COVID-19 Pandemic on Trafficking in Persons: Preliminary Findings and Messaging Based on Rapid Stocktaking. United Nations Office on Drugs and Crime, 2020.',
      '“Migrant Smuggling.” Migration and Home Affairs, European Commission, 6 Dec. 2016, ec.europa.eu/home-affairs/what-we-do/policies/irregular-migration-return-policy/facilitation-irregular-migration_en.',
      'Miller, Rebecca, and Sebastian Baumeister. “Managing Migration: Is Border Control Fundamental to Anti-Trafficking and Anti-Smuggling Interventions?” Anti-Trafficking Review, no. 2, 2013, https://doi.org/10.14197/atr.20121321.',
    ]);
  });

  it('sorts the same whatever order the keys come in', () => {
    expect(citer.bibliography([...WORKS_CITED].reverse()).map((e) => e.text)).toEqual(entries.map((e) => e.text));
  });

  it('italicises containers and standalone titles, not article titles', () => {
    const italics = entries.map((e) => [...fragment(e.html).querySelectorAll('i')].map((i) => i.textContent));
    expect(italics).toEqual([
      ['United Nations Office on Drugs and Crime'],
      [expect.stringMatching(/^Impact of the COVID-19 Pandemic on Trafficking in Persons: .* Rapid Stocktaking\.?$/)],
      ['Migration and Home Affairs'],
      ['Anti-Trafficking Review'],
    ]);
  });

  it('links URLs and DOIs with full https targets, showing MLA’s scheme-less URL', () => {
    const links = entries.map((e) =>
      [...fragment(e.html).querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]),
    );
    expect(links).toEqual([
      [
        [
          'https://www.unodc.org/unodc/en/frontpage/2020/September/impact-of-the-covid-crisis-on-the-crime-of-migrant-smuggling.html',
          'www.unodc.org/unodc/en/frontpage/2020/September/impact-of-the-covid-crisis-on-the-crime-of-migrant-smuggling.html',
        ],
      ],
      [],
      [
        [
          'https://ec.europa.eu/home-affairs/what-we-do/policies/irregular-migration-return-policy/facilitation-irregular-migration_en',
          'ec.europa.eu/home-affairs/what-we-do/policies/irregular-migration-return-policy/facilitation-irregular-migration_en',
        ],
      ],
      [['https://doi.org/10.14197/atr.20121321', 'https://doi.org/10.14197/atr.20121321']],
    ]);
  });

  it('prints the DOI rather than the URL when both exist', () => {
    const miller = entries.find((e) => e.key === 'miller-baumeister-2013');
    expect(miller?.html).not.toContain('antitraffickingreview.org');
  });

  it('gives one entry per key, without a wrapping list or div', () => {
    expect(entries).toHaveLength(4);
    for (const e of entries) expect(e.html).not.toMatch(/<(?:div|ul|ol|li|p)\b/);
  });

  it('renders the two context items sensibly', () => {
    const [plan, protocol] = citer.bibliography(['eu-action-plan-2015', 'un-smuggling-protocol-2000']);
    for (const e of [plan, protocol]) {
      expect(e?.text).not.toMatch(/undefined|\(\s*\)|,\s*,|\.\./);
    }
    expect(plan?.key).toBe('eu-action-plan-2015');
    expect(plan?.text).toContain('EU Action Plan against Migrant Smuggling (2015–2020)');
    expect(plan?.text).toContain('COM(2015) 285 final');
    expect(plan?.text).toContain('27 May 2015');
    expect(plan?.text).toBe(
      'EU Action Plan against Migrant Smuggling (2015–2020). COM(2015) 285 final, European Commission, 27 May 2015, eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A52015DC0285.',
    );
    expect(protocol?.key).toBe('un-smuggling-protocol-2000');
    expect(protocol?.text).toBe(
      'Protocol against the Smuggling of Migrants by Land, Sea and Air, Supplementing the United Nations Convention against Transnational Organized Crime. General Assembly resolution 55/25, annex III, United Nations, 15 Nov. 2000.',
    );
  });

  it('falls back sensibly for books, chapters, edited works and undated pages', () => {
    const more: CslItem[] = [
      {
        id: 'ch',
        type: 'chapter',
        title: 'Borders and Bodies',
        author: [{ family: 'Ng', given: 'Ann' }],
        editor: [
          { family: 'Roe', given: 'Jan' },
          { family: 'Poe', given: 'Kim' },
        ],
        'container-title': 'Migration Studies Reader',
        publisher: 'Routledge',
        issued: { 'date-parts': [[2018]] },
        page: '115-129',
        edition: '2',
      },
      {
        id: 'bk',
        type: 'book',
        title: 'The Smuggling Economy: A History',
        author: [{ family: 'Lee', given: 'Sam' }],
        translator: [{ family: 'Ito', given: 'Mai' }],
        publisher: 'Verso',
        issued: { 'date-parts': [[2019]] },
      },
      {
        id: 'ed',
        type: 'book',
        title: 'Edited Volume',
        editor: [{ family: 'Roe', given: 'Jan' }],
        publisher: 'Polity',
        issued: { 'date-parts': [[2020]] },
      },
      {
        id: 'wp',
        type: 'webpage',
        title: 'Undated Page',
        'container-title': 'Some Site',
        URL: 'http://example.org/a?b=1&c=2',
        accessed: { 'date-parts': [[2024, 6, 3]] },
      },
      {
        id: 'aj',
        type: 'article-journal',
        title: 'Full Article',
        author: [{ family: 'Doe', given: 'J.' }],
        'container-title': 'Journal',
        volume: '12',
        issue: '3',
        page: '101-112',
        issued: { 'date-parts': [[2021, 3]] },
        DOI: 'https://doi.org/10.1/xyz',
      },
    ];
    const c = createCiter(more, 'mla');
    expect(c.bibliography(more.map((i) => i.id)).map((e) => e.text)).toEqual([
      'Doe, J. “Full Article.” Journal, vol. 12, no. 3, Mar. 2021, pp. 101–12, https://doi.org/10.1/xyz.',
      'Lee, Sam. The Smuggling Economy: A History. Translated by Mai Ito, Verso, 2019.',
      'Ng, Ann. “Borders and Bodies.” Migration Studies Reader, edited by Jan Roe and Kim Poe, 2nd ed., Routledge, 2018, pp. 115–29.',
      'Roe, Jan, editor. Edited Volume. Polity, 2020.',
      '“Undated Page.” Some Site, example.org/a?b=1&c=2. Accessed 3 June 2024.',
    ]);
    expect(c.cite([{ key: 'ed', locator: '5' }])).toBe('(Roe 5)');
  });

  it('returns nothing for no keys and throws for an unknown key', () => {
    expect(citer.bibliography([])).toEqual([]);
    expect(() => citer.bibliography(['nope'])).toThrow(/nope/);
  });
});

describe('MLA 9 in-text citations', () => {
  const citer = createCiter(items, 'mla');

  it('cites authors by surname', () => {
    expect(citer.cite([{ key: 'miller-baumeister-2013' }])).toBe('(Miller and Baumeister)');
  });

  it('cites authorless articles and pages by a quoted short title', () => {
    expect(citer.cite([{ key: 'unodc-covid-smuggling-2020' }])).toBe('(“Impact of the COVID Crisis”)');
    expect(citer.cite([{ key: 'ec-migrant-smuggling-2016' }])).toBe('(“Migrant Smuggling”)');
  });

  it('cites an authorless report by its italic short title', () => {
    expect(citer.cite([{ key: 'unodc-tip-2020' }])).toBe('(<i>Impact of the COVID-19 Pandemic</i>)');
  });

  it('appends a page number bare and other locators with their abbreviation', () => {
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '12', label: 'page' }])).toBe(
      '(Miller and Baumeister 12)',
    );
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '12' }])).toBe('(Miller and Baumeister 12)');
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '3–5', label: 'page' }])).toBe(
      '(Miller and Baumeister 3–5)',
    );
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '4', label: 'paragraph' }])).toBe(
      '(Miller and Baumeister, par. 4)',
    );
    expect(citer.cite([{ key: 'un-smuggling-protocol-2000', locator: '3', label: 'article-locator' }])).toBe(
      '(Protocol against the Smuggling of Migrants, art. 3)',
    );
  });

  it('joins a cluster with semicolons, in the order written', () => {
    expect(citer.cite([{ key: 'ec-migrant-smuggling-2016' }, { key: 'miller-baumeister-2013', locator: '20' }])).toBe(
      '(“Migrant Smuggling”; Miller and Baumeister 20)',
    );
  });

  it('drops the author for pandoc’s -@key', () => {
    expect(citer.cite([{ key: 'miller-baumeister-2013', locator: '12', suppressAuthor: true }])).toBe('(12)');
  });

  it('uses "et al." for three or more authors and adds the title for two works by one author', () => {
    const more: CslItem[] = [
      ...items,
      {
        id: 'three',
        type: 'book',
        title: 'Borders',
        author: [
          { family: 'Ames', given: 'A.' },
          { family: 'Bell', given: 'B.' },
          { family: 'Cole', given: 'C.' },
        ],
        issued: { 'date-parts': [[2019]] },
      },
      {
        id: 'miller-2',
        type: 'book',
        title: 'Another Book: On Borders',
        author: [{ family: 'Miller', given: 'Rebecca' }],
        issued: { 'date-parts': [[2015]] },
      },
      {
        id: 'miller-3',
        type: 'book',
        title: 'A Third Book',
        author: [{ family: 'Miller', given: 'Rebecca' }],
        issued: { 'date-parts': [[2016]] },
      },
    ];
    const c = createCiter(more, 'mla');
    expect(c.cite([{ key: 'three', locator: '9' }])).toBe('(Ames et al. 9)');
    expect(c.cite([{ key: 'miller-2', locator: '9' }])).toBe('(Miller, <i>Another Book</i> 9)');
    const texts = c.bibliography(['miller-2', 'miller-3', 'three']).map((e) => e.text);
    expect(texts).toEqual([
      'Ames, A., et al. Borders. 2019.',
      'Miller, Rebecca. Another Book: On Borders. 2015.',
      '---. A Third Book. 2016.',
    ]);
  });

  it('renders the same cite the same way every time, whatever was cited before', () => {
    const first = citer.cite([{ key: 'unodc-tip-2020', locator: '7' }]);
    citer.cite([{ key: 'miller-baumeister-2013' }]);
    citer.bibliography(WORKS_CITED);
    expect(citer.cite([{ key: 'unodc-tip-2020', locator: '7' }])).toBe(first);
    expect(createCiter(items, 'mla').cite([{ key: 'unodc-tip-2020', locator: '7' }])).toBe(first);
  });

  it('throws for an unknown key', () => {
    expect(() => citer.cite([{ key: 'nope' }])).toThrow(/"@nope"/);
  });
});

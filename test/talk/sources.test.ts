/**
 * The talk against its sources: citations, the Works Cited list, the corrections that
 * sources.md asks for, and the text artifacts of the article that must not survive.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/load-deck.ts';
import type { Slide } from '../../src/model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await loadDeck('slides', { root });
const bibliography = JSON.parse(readFileSync(new URL('../../slides/references.json', import.meta.url), 'utf8')) as {
  id: string;
}[];

function dom(html: string): Element {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${html}</div></body></html>`);
  const el = document.getElementById('root');
  if (!el) throw new Error('linkedom lost the root');
  return el as unknown as Element;
}

function text(html: string): string {
  return (dom(html).textContent ?? '').replace(/\s+/g, ' ').trim();
}

function slide(id: string): Slide {
  const s = deck.slides.find((x) => x.id === id);
  if (!s) throw new Error(`no slide with id "${id}"`);
  return s;
}

/** Slide text and notes text of one slide, in one string. */
function allText(s: Slide): string {
  return `${text(s.html)} ${s.notesText}`;
}

/** The four works the article cites (its Works Cited, corrected), with their MLA 9 entries. */
const WORKS_CITED: Record<string, string> = {
  'unodc-covid-smuggling-2020':
    '“Impact of the COVID Crisis on Migrant Smuggling.” United Nations Office on Drugs and Crime, 10 Sept. 2020, www.unodc.org/unodc/en/frontpage/2020/September/impact-of-the-covid-crisis-on-the-crime-of-migrant-smuggling.html.',
  'miller-baumeister-2013':
    'Miller, Rebecca, and Sebastian Baumeister. “Managing Migration: Is Border Control Fundamental to Anti-Trafficking and Anti-Smuggling Interventions?” Anti-Trafficking Review, no. 2, 2013, https://doi.org/10.14197/atr.20121321.',
  'unodc-tip-2020':
    'Impact of the COVID-19 Pandemic on Trafficking in Persons: Preliminary Findings and Messaging Based on Rapid Stocktaking. United Nations Office on Drugs and Crime, 2020.',
  'ec-migrant-smuggling-2016':
    '“Migrant Smuggling.” Migration and Home Affairs, European Commission, 6 Dec. 2016, ec.europa.eu/home-affairs/what-we-do/policies/irregular-migration-return-policy/facilitation-irregular-migration_en.',
};

/** Context items the talk names (not in the article’s Works Cited) and what their entry must show. */
const CONTEXT: Record<string, string> = {
  'eu-action-plan-2015': 'EU Action Plan against Migrant Smuggling (2015–2020).',
  'un-smuggling-protocol-2000': 'Protocol against the Smuggling of Migrants by Land, Sea and Air',
};

const citedKeys = new Set(deck.slides.flatMap((s) => s.citations));

describe('citations', () => {
  it('cites only keys of slides/references.json', () => {
    const known = new Set(bibliography.map((i) => i.id));
    for (const key of citedKeys) expect(known.has(key), key).toBe(true);
  });

  it('cites all four works of the article and both context items', () => {
    expect([...citedKeys].sort()).toEqual([...Object.keys(WORKS_CITED), ...Object.keys(CONTEXT)].sort());
  });

  it('carries a citation on every body slide and in its notes', () => {
    const body = deck.slides.filter(
      (s) => !['title', 'roadmap', 'discussion'].includes(s.id) && !s.id.startsWith('works-cited'),
    );
    expect(body.length).toBeGreaterThanOrEqual(10);
    for (const s of body) {
      expect(dom(s.html).querySelector('.deck-cite'), `citation on slide "${s.id}"`).not.toBeNull();
      expect(dom(s.notesHtml).querySelector('.deck-cite'), `citation in notes of "${s.id}"`).not.toBeNull();
    }
  });

  it('renders every citation (none left as raw [@key], e.g. inside an HTML block)', () => {
    for (const s of deck.slides) {
      expect(text(s.html), s.id).not.toMatch(/\[-?@/);
      expect(s.notesText, s.id).not.toMatch(/\[-?@|NO_PRINTED_FORM/);
      expect(text(s.html), s.id).not.toMatch(/NO_PRINTED_FORM/);
    }
  });

  it('backs the discussion questions with cited sources in the notes', () => {
    expect(slide('discussion').citations.length).toBeGreaterThanOrEqual(2);
  });

  it('cites each claim’s own source where sources.md traces it', () => {
    // Paragraph 1 paraphrases Miller and Baumeister; identification follows the UNODC brief;
    // the COVID-19 chain follows the UNODC story; the EU priorities come from the EC page.
    expect(slide('globalization').citations).toContain('miller-baumeister-2013');
    expect(slide('unidentified').citations).toContain('unodc-tip-2020');
    expect(slide('riskier-routes').citations).toContain('unodc-covid-smuggling-2020');
    expect(slide('eu-action-plan').citations).toEqual(
      expect.arrayContaining(['eu-action-plan-2015', 'ec-migrant-smuggling-2016']),
    );
    expect(slide('protection').citations).toEqual(
      expect.arrayContaining(['unodc-covid-smuggling-2020', 'un-smuggling-protocol-2000']),
    );
  });
});

describe('Works Cited', () => {
  it('lists exactly the cited works', () => {
    expect(deck.references.map((r) => r.id).sort()).toEqual([...citedKeys].sort());
  });

  it('gives the four works of the article in MLA 9, exactly', () => {
    for (const [id, mla] of Object.entries(WORKS_CITED)) {
      expect(deck.references.find((r) => r.id === id)?.text, id).toBe(mla);
    }
  });

  it('gives the context items their official names', () => {
    for (const [id, start] of Object.entries(CONTEXT)) {
      expect(deck.references.find((r) => r.id === id)?.text, id).toContain(start);
    }
  });

  it('sorts the article’s four works as MLA does', () => {
    const order = deck.references.map((r) => r.id).filter((id) => id in WORKS_CITED);
    expect(order).toEqual([
      'unodc-covid-smuggling-2020',
      'unodc-tip-2020',
      'ec-migrant-smuggling-2016',
      'miller-baumeister-2013',
    ]);
  });

  it('shows every entry on a Works Cited slide', () => {
    const listed = deck.slides
      .filter((s) => s.id.startsWith('works-cited'))
      .flatMap((s) =>
        [...dom(s.html).querySelectorAll('.deck-refs li')].map((li) =>
          (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      );
    expect(listed).toEqual(deck.references.map((r) => r.text));
  });
});

describe('faithful to the sources (sources.md sections 2 and 3)', () => {
  /** Text artifacts and errors of the article (sources.md section 3) that must not reach the deck. */
  const ARTIFACTS = [
    'top of page',
    'bottom of page',
    'views0 comments',
    '73 views',
    'migrantsincluding',
    'childrenare',
    'Rebbeca',
    'View of Managing',
    'Anti- Smuggling',
    ',,',
    '%20',
    ':~:text',
    'United Nations: Office',
    'Anonymous',
    'Migration and Home Affairs - European',
    'third-world',
    'third world',
    'Working Group on Migrant Smuggling',
    'UN Protocol on Migrant Smuggling',
    'related to trafficking',
    'The border penetration',
    'border penetration',
    'higher in demand',
    '“Trafficking in Persons.”',
    'European Union 2015-2020',
    '2015-2020',
  ];

  /** Everything the compiled deck shows or says: slides, notes, references, metadata. */
  const everything: { where: string; text: string; html: string }[] = [
    ...deck.slides.flatMap((s) => [
      { where: `slide "${s.id}"`, text: text(s.html), html: s.html },
      { where: `notes of "${s.id}"`, text: s.notesText, html: s.notesHtml },
    ]),
    ...deck.references.map((r) => ({ where: `reference "${r.id}"`, text: r.text, html: r.html })),
    {
      where: 'metadata',
      text: [
        deck.meta.title,
        deck.meta.subtitle,
        deck.meta.description,
        ...deck.meta.keywords,
        ...deck.meta.authors,
      ].join(' | '),
      html: '',
    },
  ];

  it('lets none of the article’s text artifacts survive', () => {
    for (const e of everything) {
      for (const a of ARTIFACTS) {
        expect(e.text.toLowerCase().includes(a.toLowerCase()), `“${a}” in ${e.where}`).toBe(false);
        expect(e.html.toLowerCase().includes(a.toLowerCase()), `“${a}” in the HTML of ${e.where}`).toBe(false);
      }
    }
  });

  it('says “COVID-19”, keeping “COVID crisis” only in the cited title', () => {
    for (const e of everything) {
      const t = e.text.replaceAll('Impact of the COVID Crisis', '');
      expect(t, e.where).not.toMatch(/covid crisis/i);
      expect(t, e.where).not.toMatch(/\bCOVID\b(?!-19)/);
    }
  });

  it('uses no straight quotes in slides, notes or references', () => {
    for (const e of everything) expect(e.text, e.where).not.toMatch(/["']/);
  });

  it('uses the corrected names', () => {
    const deckText = deck.slides.map(allText).join(' ');
    expect(deckText).toContain('Working Group on the Smuggling of Migrants');
    expect(deckText).toContain('Protocol against the Smuggling of Migrants by Land, Sea and Air');
    expect(deckText).toContain('EU Action Plan against Migrant Smuggling');
    expect(text(slide('eu-action-plan').html)).toContain('third countries');
  });

  it('explains “third countries” in the notes', () => {
    expect(slide('eu-action-plan').notesText).toMatch(
      /“third country” is simply any country outside the European Union/,
    );
  });

  it('gives the working group’s focus as migrant smuggling', () => {
    const p = slide('protection');
    expect(text(p.html)).toMatch(/Focus: migrant smuggling/);
    expect(p.notesText).toMatch(/current issues in migrant smuggling, not trafficking/);
  });

  it('presents the paragraph-2 border claims as the article’s, with the tension noted', () => {
    const s = slide('weak-borders');
    expect(s.title).toMatch(/article’s argument/);
    expect(s.notesText).toMatch(/2008 UNODC toolkit/);
    expect(s.notesText).toMatch(/does not cite/);
    expect(s.notesText).toMatch(/tightening and regularisation of borders/);
    expect(s.citations).toContain('miller-baumeister-2013');
  });

  it('presents the COVID-era protection measures as reported by the article', () => {
    const s = slide('protection');
    expect(text(s.html)).toContain('Reported by the article');
    expect(s.notesText).toMatch(/as the article’s report: we could not confirm/);
  });

  it('says in the notes that the four distinctions are UNODC’s standard framing', () => {
    const s = slide('four-differences');
    expect(s.notesText).toMatch(/UNODC’s standard framing/);
    expect(s.notesText).toMatch(/article does not cite it/);
  });

  it('quotes UNODC’s near-verbatim wording in quotation marks', () => {
    const notes = slide('covid-19').notesText;
    expect(notes).toMatch(/“continue to thrive”/);
    expect(notes).toMatch(/In UNODC’s words, “migrants—including/);
  });

  it('uses person-first language, not sensational labels', () => {
    for (const e of everything) {
      // “Illegal entry” is the Protocol’s term for an act; no person is called illegal.
      expect(e.text, e.where).not.toMatch(
        /\b(illegals|illegal (im)?migrants?|illegal aliens?|aliens?|slaves?|human cargo|the trafficked)\b/i,
      );
    }
    const all = deck.slides.map(allText).join(' ');
    expect(all).toContain('people who are trafficked');
  });

  it('invents no URLs: every link in slides and notes is one of the bibliography’s', () => {
    const allowed = new Set(
      deck.references.flatMap((r) =>
        [...dom(r.html).querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
      ),
    );
    for (const s of deck.slides) {
      for (const a of [...dom(s.html).querySelectorAll('a[href]'), ...dom(s.notesHtml).querySelectorAll('a[href]')]) {
        const href = a.getAttribute('href') ?? '';
        if (href.startsWith('#')) continue;
        expect(allowed.has(href), `${href} on "${s.id}"`).toBe(true);
      }
      // Addresses appear only in the engine’s bibliography list, never typed into slides or notes.
      const body = dom(s.html);
      for (const refs of body.querySelectorAll('.deck-refs')) refs.remove();
      expect(`${body.textContent ?? ''} ${s.notesText}`, s.id).not.toMatch(/https?:\/\/|www\.|\.(org|com|eu|int)\b/);
    }
  });
});

describe('the project stands alone', () => {
  it('keeps the article as five clean paragraphs in slides/article.txt', () => {
    const article = readFileSync(new URL('../../slides/article.txt', import.meta.url), 'utf8');
    const paragraphs = article.trim().split(/\n\s*\n/);
    expect(paragraphs).toHaveLength(5);
    for (const p of paragraphs) expect(p).not.toMatch(/\n/);
    for (const a of [
      'top of page',
      'bottom of page',
      'views0',
      'Works Cited',
      'Written by',
      'migrantsincluding',
      'childrenare',
      '2015-2020',
      "'",
    ]) {
      expect(article.includes(a), a).toBe(false);
    }
    expect(article).toContain('migrants—including pregnant women and children—are');
  });

  it('ships the bibliography with the four works and two context items', () => {
    expect(bibliography.map((i) => i.id).sort()).toEqual([...Object.keys(WORKS_CITED), ...Object.keys(CONTEXT)].sort());
  });
});

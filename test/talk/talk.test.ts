/**
 * The talk in slides/: structure, notes and timing, slide density, visuals and typography.
 * These check the content, not the engine: they would fail if the talk were edited badly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/load-deck.ts';
import type { Slide } from '../../src/model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck, warnings } = await loadDeck('slides', { root, strict: true });
const byId = new Map(deck.slides.map((s) => [s.id, s]));

function slide(id: string): Slide {
  const s = byId.get(id);
  if (!s) throw new Error(`no slide with id "${id}"`);
  return s;
}

function dom(html: string): Element {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${html}</div></body></html>`);
  const el = document.getElementById('root');
  if (!el) throw new Error('linkedom lost the root');
  return el as unknown as Element;
}

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Words of a string: runs of letters/digits, so "children—abandoned" is two words and "—" none. */
function words(s: string): string[] {
  return s.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? [];
}

/** Text of an element without its in-text citations (“(Miller and Baumeister)”). */
function textWithoutCitations(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const c of copy.querySelectorAll('.deck-cite')) c.remove();
  return text(copy);
}

/** True when `el` is, or sits inside, one of the talk’s own visuals (a `talk-` class). */
function inVisual(el: Element): boolean {
  for (let n: Element | null = el; n; n = n.parentElement) {
    if ([...n.classList].some((c) => c.startsWith('talk-'))) return true;
  }
  return false;
}

/**
 * The slide’s bullets: items of plain lists (ul/ol) that are not nested in another list, not
 * part of a `talk-` visual (a diagram, grid or table with its own layout and size check) and not
 * the engine’s bibliography list. This is what the audience reads as “the bullets of the slide”.
 */
function bullets(s: Slide): Element[] {
  const r = dom(s.html);
  return [...r.querySelectorAll('li')].filter((li) => {
    const list = li.parentElement;
    if (!list || !/^(UL|OL)$/.test(list.tagName)) return false;
    if (list.closest('li')) return false;
    if (list.closest('.deck-refs')) return false;
    return !inVisual(list);
  });
}

const BODY = [
  'globalization',
  'two-crimes',
  'four-differences',
  'weak-borders',
  'unidentified',
  'covid-19',
  'riskier-routes',
  'eu-action-plan',
  'protection',
  'why-smuggling-pays',
  'countering',
  'conclusion',
];

describe('deck structure', () => {
  it('builds without warnings other than none', () => {
    expect(warnings.map((w) => `${w.code}: ${w.message}`)).toEqual([]);
  });

  it('has 14–18 slides with unique kebab-case ids', () => {
    expect(deck.slides.length).toBeGreaterThanOrEqual(14);
    expect(deck.slides.length).toBeLessThanOrEqual(18);
    const ids = deck.slides.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('runs title, roadmap, body, conclusion, discussion, Works Cited in that order', () => {
    const ids = deck.slides.map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual(['title', 'roadmap']);
    expect(ids.slice(2, 2 + BODY.length)).toEqual(BODY);
    expect(ids[2 + BODY.length]).toBe('discussion');
    expect(ids.at(-1)).toMatch(/^works-cited/);
  });

  it('sets the talk’s front matter', () => {
    expect(deck.meta.title).toBe('Human Trafficking and Border Control');
    expect(deck.meta.minutes).toBe(15);
    expect(deck.meta.lang).toBe('en');
    expect(deck.meta.slug).toBe('human-trafficking-and-border-control');
    expect(deck.meta.description.length).toBeGreaterThan(40);
  });

  it('credits the article on the title slide and carries a content note', () => {
    const t = text(dom(slide('title').html));
    expect(t).toContain('Human Trafficking and Border Control');
    expect(t).toContain('Based on the article by Manya Malhotra, edited by Nidhi Deshmukh');
    expect(t).toMatch(/Content note: this talk discusses exploitation and abuse/);
  });

  it('has a roadmap of the five parts of the talk', () => {
    expect(bullets(slide('roadmap'))).toHaveLength(5);
  });

  it('ends the body with the article’s closing message', () => {
    const quote = text(dom(slide('conclusion').html).querySelector('blockquote'));
    expect(quote).toContain(
      'Together, by acknowledging and addressing migrant smuggling head-on, we can reduce this devastating crime and save lives.',
    );
  });

  it('asks 3–5 open-ended discussion questions', () => {
    const qs = bullets(slide('discussion')).map((li) => text(li));
    expect(qs.length).toBeGreaterThanOrEqual(3);
    expect(qs.length).toBeLessThanOrEqual(5);
    for (const q of qs) {
      expect(q).toMatch(/\?$/);
      // Open-ended: not a yes/no question.
      expect(q).not.toMatch(/^(Is|Are|Do|Does|Did|Can|Should|Was|Were|Will|Would|Has|Have)\b/);
    }
  });

  it('has a Works Cited slide filled by the engine', () => {
    const wc = deck.slides.filter((s) => s.id.startsWith('works-cited'));
    expect(wc.length).toBeGreaterThanOrEqual(1);
    for (const s of wc) {
      expect(s.title).toMatch(/^Works Cited( \(continued\))?$/);
      expect(dom(s.html).querySelectorAll('.deck-refs li').length).toBeGreaterThan(0);
    }
  });
});

describe('speaker notes and timing', () => {
  /** Slides the author wrote (the engine adds “Works Cited (continued)” pages with notes of its own). */
  const authored = deck.slides.filter((s) => !/^works-cited-continued/.test(s.id));

  it('gives every slide notes, and every authored slide notes in full sentences', () => {
    for (const s of deck.slides) expect(s.notesWords, `notes of slide "${s.id}"`).toBeGreaterThan(0);
    expect(authored.length).toBeGreaterThanOrEqual(deck.slides.length - 1);
    for (const s of authored) {
      expect(s.notesWords, `notes of slide "${s.id}"`).toBeGreaterThanOrEqual(40);
      expect(s.notesText, `notes of slide "${s.id}" end with a sentence`).toMatch(/[.?!”]$/);
      expect(s.notesText.split(/(?<=[.?!])\s+/).length, `notes of slide "${s.id}"`).toBeGreaterThanOrEqual(3);
    }
  });

  it('ends each slide’s notes with a real sentence, not a fragment or bare citation', () => {
    // The last sentence of a slide’s notes is its transition to the next.
    for (const s of authored) {
      const last = s.notesText.split(/(?<=[.?!])\s+/).at(-1) ?? '';
      expect(words(last).length, `last sentence of notes of "${s.id}"`).toBeGreaterThanOrEqual(3);
    }
  });

  it('has 1,600–2,000 words of notes for a 15-minute talk', () => {
    const total = deck.slides.reduce((n, s) => n + s.notesWords, 0);
    expect(total).toBeGreaterThanOrEqual(1600);
    expect(total).toBeLessThanOrEqual(2000);
    expect(deck.estimatedMinutes).toBeGreaterThanOrEqual(12);
    expect(deck.estimatedMinutes).toBeLessThanOrEqual(16);
  });

  it('leaves data-timing to the engine', () => {
    const src = readFileSync(new URL('../../slides/talk.md', import.meta.url), 'utf8');
    expect(src).not.toMatch(/data-timing/);
  });

  it('does not lean on a single slide: no slide has more than 12% of the notes', () => {
    const total = deck.slides.reduce((n, s) => n + s.notesWords, 0);
    for (const s of deck.slides) expect(s.notesWords / total, s.id).toBeLessThanOrEqual(0.12);
  });
});

describe('slide density', () => {
  it('has at most 5 bullets per slide', () => {
    for (const s of deck.slides) expect(bullets(s).length, `bullets on "${s.id}"`).toBeLessThanOrEqual(5);
  });

  it('keeps every list item (bullets and visuals) to about 12 words, citations aside', () => {
    for (const s of deck.slides) {
      for (const li of dom(s.html).querySelectorAll('li')) {
        if (li.closest('.deck-refs')) continue;
        const t = textWithoutCitations(li);
        expect(words(t).length, `“${t}” on "${s.id}"`).toBeLessThanOrEqual(12);
      }
    }
  });

  it('keeps slide text short: at most 60 words on a slide, citations aside', () => {
    for (const s of deck.slides) {
      if (s.id.startsWith('works-cited')) continue;
      const t = textWithoutCitations(dom(s.html));
      expect(words(t).length, `words on "${s.id}"`).toBeLessThanOrEqual(60);
    }
  });

  it('uses fragments sparingly (at most 2 steps in the whole talk)', () => {
    expect(deck.slides.reduce((n, s) => n + s.fragments, 0)).toBeLessThanOrEqual(2);
  });
});

describe('visuals', () => {
  const visuals: Record<string, string> = {
    globalization: '.talk-forces',
    'four-differences': 'table.talk-compare',
    'riskier-routes': 'ol.talk-flow',
    'eu-action-plan': 'ol.talk-grid',
    protection: '.talk-panels',
    countering: '.talk-hub',
  };

  it('makes at least three points with a built visual', () => {
    const present = Object.entries(visuals).filter(([id, sel]) => dom(slide(id).html).querySelector(sel));
    expect(present.map(([id]) => id)).toEqual(Object.keys(visuals));
    expect(present.length).toBeGreaterThanOrEqual(3);
  });

  it('compares smuggling and trafficking across UNODC’s four distinctions in a real table', () => {
    const table = dom(slide('four-differences').html).querySelector('table.talk-compare');
    const cols = [...(table?.querySelectorAll('thead th[scope="col"]') ?? [])].map((th) => text(th));
    expect(cols).toEqual(['Difference', 'Migrant smuggling', 'Human trafficking']);
    const rows = [...(table?.querySelectorAll('tbody th[scope="row"]') ?? [])].map((th) => text(th));
    expect(rows).toEqual(['Consent', 'Exploitation', 'Border', 'Profit']);
    for (const tr of table?.querySelectorAll('tbody tr') ?? []) expect(tr.querySelectorAll('td')).toHaveLength(2);
  });

  it('draws the chain from closed borders to harm as an ordered list with a label', () => {
    const flow = dom(slide('riskier-routes').html).querySelector('ol.talk-flow');
    expect(flow?.getAttribute('aria-label')).toBeTruthy();
    const steps = [...(flow?.querySelectorAll(':scope > li') ?? [])].map((li) => text(li));
    expect(steps).toHaveLength(4);
    expect(steps[0]).toMatch(/restrictions/i);
    expect(steps[1]).toMatch(/dangerous routes/);
    expect(steps[3]).toMatch(/abuse, violence/);
  });

  it('lists the EU Action Plan’s priorities in official wording and order', () => {
    const grid = dom(slide('eu-action-plan').html).querySelector('ol.talk-grid');
    expect(grid?.getAttribute('aria-label')).toMatch(/official order/);
    const items = [...(grid?.querySelectorAll(':scope > li') ?? [])].map((li) => {
      const copy = li.cloneNode(true) as Element;
      for (const g of copy.querySelectorAll('.talk-gloss')) g.remove();
      return text(copy);
    });
    expect(items).toEqual([
      'Enhanced police and judicial response',
      'Improved gathering and sharing of information',
      'Enhanced prevention of smuggling and assistance to vulnerable migrants',
      'Stronger cooperation with third countries',
    ]);
  });

  it('gives every SVG an accessible name and hides decorative arrows', () => {
    for (const s of deck.slides) {
      const r = dom(s.html);
      for (const svg of r.querySelectorAll('svg')) {
        const named =
          svg.getAttribute('aria-hidden') === 'true' ||
          (svg.getAttribute('role') === 'img' && (svg.getAttribute('aria-label') || svg.querySelector('title')));
        expect(named, `svg on "${s.id}"`).toBeTruthy();
      }
      for (const el of r.querySelectorAll('*')) {
        if (/^[→↓⟶]$/.test(text(el)) && el.children.length === 0)
          expect(el.getAttribute('aria-hidden'), `arrow on "${s.id}"`).toBe('true');
      }
    }
  });

  it('nests no <section> in a slide (reveal.js would take it for a slide of its own)', () => {
    for (const s of deck.slides) expect(dom(s.html).querySelectorAll('section').length, s.id).toBe(0);
  });

  it('shows no images (no pictures of people who are trafficked)', () => {
    for (const s of deck.slides) expect(dom(s.html).querySelectorAll('img, picture, video').length, s.id).toBe(0);
  });
});

describe('typography', () => {
  const prose = deck.slides.map((s) => ({ id: s.id, slide: text(dom(s.html)), notes: s.notesText }));

  it('uses curly quotes and apostrophes, never straight ones, in slides and notes', () => {
    for (const p of prose) {
      expect(p.slide, `slide "${p.id}"`).not.toMatch(/["']/);
      expect(p.notes, `notes of "${p.id}"`).not.toMatch(/["']/);
    }
  });

  it('writes real typography in the markdown itself, not only after smartypants', () => {
    // The engine curls quotes in markdown, but not in raw HTML, and a reader of talk.md sees the source.
    const src = readFileSync(new URL('../../slides/talk.md', import.meta.url), 'utf8');
    const body = src.replace(/^---\n[\s\S]*?\n---\n/, '');
    const prose = body
      .split('\n')
      .filter((line) => !/^(---|--)\s*$/.test(line))
      .join('\n')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]*>/g, '');
    expect(prose).not.toMatch(/["']/);
    expect(prose).not.toMatch(/ - |--/);
    expect(prose).not.toMatch(/\b(19|20)\d\d-(19|20)?\d\d\b/);
  });

  it('balances its curly double quotes', () => {
    for (const p of prose) {
      for (const t of [p.slide, p.notes]) {
        expect((t.match(/“/g) ?? []).length, p.id).toBe((t.match(/”/g) ?? []).length);
      }
    }
  });

  it('uses an en dash for year ranges and no hyphen or double hyphen as a dash', () => {
    for (const p of prose) {
      for (const t of [p.slide, p.notes]) {
        expect(t, p.id).not.toMatch(/\b(19|20)\d\d-(19|20)?\d\d\b/);
        expect(t, p.id).not.toMatch(/ - | -- |--/);
      }
    }
    expect(text(dom(slide('eu-action-plan').html))).toContain('2015–2020');
  });

  it('restores the em dashes the article lost', () => {
    expect(slide('covid-19').notesText).toContain('migrants—including pregnant women and children—are being abandoned');
  });

  it('keeps the last two words of long headings together', () => {
    for (const s of deck.slides) {
      const h = dom(s.html).querySelector('h1, h2');
      const t = h?.textContent ?? '';
      if (words(t).length >= 4) expect(t, `heading of "${s.id}"`).toMatch(/\u00a0\S+$/);
    }
  });
});

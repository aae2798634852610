import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost } from '../src/compile.ts';
import { DeckError } from '../src/errors.ts';

const refs = JSON.stringify(
  Array.from({ length: 12 }, (_, i) => ({
    id: `ref-${i}`,
    type: 'article-journal',
    title: `A Fairly Long Article Title Number ${i} About Borders, Crime and the Protection of People`,
    author: [{ family: `Author${i}`, given: 'Sam' }],
    'container-title': 'Journal of Long Titles',
    issue: String(i + 1),
    issued: { 'date-parts': [[2000 + i]] },
    URL: `https://example.org/articles/${i}/a-long-path-that-takes-up-space`,
  })),
);

const host: CompileHost = {
  readText: (p) => (p === 'slides/refs.json' ? refs : undefined),
  assetUrl: (p) => (p.endsWith('.png') ? `./assets/${p.split('/').pop()}` : null),
};

const compile = (text: string) => compileDeck([{ path: 'slides/talk.md', text }], host);

describe('compileDeck', () => {
  it('splits on CRLF-free text, keeps ~~~ fences whole and nests vertical slides', () => {
    const { deck } = compile('# A\n\n~~~\n---\n~~~\n\nNote: a\n\n--\n\n## B\n\nNote: b\n\n---\n\n## C\n\nNote: c\n');
    expect(deck.slides.map((s) => [s.h, s.v, s.title])).toEqual([
      [0, 0, 'A'],
      [0, 1, 'B'],
      [1, 0, 'C'],
    ]);
    expect(deck.slides[0]?.html).toMatch(/<code[^>]*>---/);
  });

  it('gives every slide a unique id, keeping explicit ones', () => {
    const { deck } = compile(
      '## Same\n\n---\n\n## Same\n\n---\n\n<!-- .slide: id="same-2" -->\n## Other\n\n---\n\nNo heading here, just text.\n',
    );
    expect(deck.slides.map((s) => s.id)).toEqual(['same', 'same-3', 'same-2', 'no-heading-here-just-text']);
    expect(deck.slides[3]?.title).toBe('No heading here, just text.');
  });

  it('numbers many slides of one title in order, around the ids written by hand', () => {
    const slides = Array.from({ length: 300 }, (_, i) =>
      i === 7 ? '<!-- .slide: id="demo-4" -->\n## Other' : '## Demo',
    );
    const { deck } = compile(`${slides.join('\n\n---\n\n')}\n`);
    const ids = deck.slides.map((s) => s.id);
    expect(ids.slice(0, 9)).toEqual([
      'demo',
      'demo-2',
      'demo-3',
      'demo-5',
      'demo-6',
      'demo-7',
      'demo-8',
      'demo-4',
      'demo-9',
    ]);
    expect(ids.at(-1)).toBe('demo-300');
    expect(new Set(ids).size).toBe(300);
  });

  it('derives data-timing from each slide’s share of the notes and the target minutes', () => {
    const { deck } = compile(
      '---\nminutes: 2\n---\n\n# A\n\nNote: one two three\n\n---\n\n## B\n\nNote: one\n\n---\n\n<!-- .slide: data-timing="42" -->\n## C\n\nNote: one two three four five six seven eight\n',
    );
    const timing = deck.slides.map((s) => s.attributes['data-timing']);
    expect(timing).toEqual([String(Math.round((120 * 3) / 12)), String(Math.round((120 * 1) / 12)), '42']);
    expect(deck.estimatedMinutes).toBe(Math.round((12 / 130) * 10) / 10);
  });

  it('applies .element comments as reveal does: previous element, else the parent', () => {
    const { deck } = compile(
      '## T\n\n- one <!-- .element: class="fragment" data-fragment-index="1" -->\n- two <!-- .element: class="fragment" data-fragment-index="1" -->\n\n![pic](img/a.png)<!-- .element: class="wide" -->\n\nNote: n\n',
    );
    const { document } = parseHTML(`<div>${deck.slides[0]!.html}</div>`);
    expect([...document.querySelectorAll('li.fragment')]).toHaveLength(2);
    expect(document.querySelector('img')?.getAttribute('class')).toBe('wide');
    expect(document.querySelector('img')?.getAttribute('src')).toBe('./assets/a.png');
    expect(deck.slides[0]?.fragments).toBe(1); // two elements, one shared step
  });

  it('splits a long reference list over slides and appends one when no slide asks for it', () => {
    const cites = Array.from({ length: 12 }, (_, i) => `[@ref-${i}]`).join(' ');
    const { deck } = compile(`---\nbibliography: refs.json\n---\n\n## Claims\n\n${cites}\n\nNote: n\n`);
    const refSlides = deck.slides.filter((s) => s.attributes.class?.includes('deck-refs-slide'));
    expect(refSlides.length).toBeGreaterThan(1);
    expect(refSlides[0]?.title).toBe('Works Cited');
    expect(refSlides[1]?.title).toBe('Works Cited (continued)');
    const listed = refSlides.flatMap((s) =>
      [...parseHTML(`<div>${s.html}</div>`).document.querySelectorAll('.deck-ref')].map((li) => li.getAttribute('id')),
    );
    expect(listed).toEqual(deck.references.map((r) => `ref-${r.id}`));
    expect(new Set(listed).size).toBe(12);
    for (const s of refSlides) expect(s.notesText).not.toBe('');
    // In-text citations link to the first list slide.
    expect(deck.slides[0]?.html).toContain(`href="#/${refSlides[0]?.id}"`);
  });

  it('links each citation to the list slide that holds its entry', () => {
    const cites = Array.from({ length: 12 }, (_, i) => `[@ref-${i}]`).join(' ');
    const { deck } = compile(`---\nbibliography: refs.json\n---\n\n## Claims\n\n${cites}\n\nNote: n\n`);
    const refSlides = deck.slides.filter((s) => s.attributes.class?.includes('deck-refs-slide'));
    const { document } = parseHTML(`<div>${deck.slides[0]?.html}</div>`);
    const links = [...document.querySelectorAll('a.deck-cite')].map((a) => a.getAttribute('href'));
    expect(links).toHaveLength(12);
    deck.references.forEach((ref) => {
      const holder = refSlides.find((s) => s.html.includes(`id="ref-${ref.id}"`));
      const cited = Number(ref.id.replace('ref-', ''));
      expect(links[cited]).toBe(`#/${holder?.id}`);
    });
    expect(new Set(links).size).toBe(refSlides.length);
  });

  it('does not take [@x] inside code for a citation', () => {
    const { deck } = compile('## Code\n\n`[@not-a-key]`\n\n```\n[@nor-this]\n```\n\nNote: n\n');
    expect(deck.slides[0]?.citations).toEqual([]);
  });

  it('reports a citation with no bibliography at its position', () => {
    expect(() => compile('# A\n\nSee [@who].\n')).toThrowError(DeckError);
    try {
      compile('# A\n\nSee [@who].\n');
    } catch (err) {
      expect((err as DeckError).message).toBe(
        'slides/talk.md:3:5: unknown citation key "@who" (the deck has no bibliography: add "bibliography: references.json" to the front matter)',
      );
    }
  });

  it("keeps reveal's theme names, with reveal's centred layout, and keeps revealOptions", () => {
    const { deck } = compile('---\ntheme: night\nrevealOptions:\n  controls: false\n---\n\n# A\n');
    expect(deck.meta.theme).toBe('night');
    expect(deck.meta.revealOptions).toEqual({ center: true, controls: false });
  });

  it("gives reveal-md's default theme to a deck that names none but uses reveal-md's keys, ours otherwise", () => {
    expect(compile('---\nhighlightTheme: monokai\n---\n\n# A\n').deck.meta).toMatchObject({
      theme: 'black',
      highlightTheme: 'monokai',
    });
    expect(compile('---\nprogress: false\n---\n\n# A\n').deck.meta.theme).toBe('black');
    expect(compile('---\ntitle: T\n---\n\n# A\n').deck.meta).toMatchObject({ theme: 'light', revealOptions: {} });
  });

  it('honours reveal-md separators from front matter', () => {
    const { deck } = compile(
      '---\nseparator: "^\\\\*\\\\*\\\\*$"\nnotesSeparator: "speaker:"\n---\n\n# A\n\nspeaker: said\n\n***\n\n## B\n',
    );
    expect(deck.slides.map((s) => s.title)).toEqual(['A', 'B']);
    expect(deck.slides[0]?.notesText).toBe('said');
  });
});

describe('citations in raw HTML and suppressed authors', () => {
  const bib = JSON.stringify([
    {
      id: 'doe',
      type: 'book',
      title: 'Things',
      author: [{ family: 'Doe', given: 'J' }],
      issued: { 'date-parts': [[2020]] },
    },
  ]);
  const bibHost: CompileHost = { readText: (p) => (p === 'slides/b.json' ? bib : undefined), assetUrl: () => null };
  const run = (body: string) =>
    compileDeck([{ path: 'slides/talk.md', text: `---\nbibliography: b.json\n---\n\n${body}` }], bibHost).deck;

  it('renders [@key] typed inside a raw HTML block, but not inside its code', () => {
    const deck = run(
      '## T\n\n<div class="box">\n<p>A claim & more [@doe, p. 3]</p>\n<code>[@doe]</code>\n</div>\n\nNote: n\n',
    );
    const { document } = parseHTML(`<div>${deck.slides[0]!.html}</div>`);
    expect(document.querySelector('.box p a.deck-cite')?.textContent).toBe('(Doe 3)');
    expect(document.querySelector('.box p')?.textContent).toBe('A claim & more (Doe 3)');
    expect(document.querySelector('.box code')?.textContent).toBe('[@doe]');
  });

  it('prints nothing for [-@key] without a locator, and the page for [-@key, p. 4]', () => {
    const deck = run('## T\n\nDoe says so [-@doe]. Doe again [-@doe, p. 4].\n\nNote: n\n');
    const html = deck.slides[0]!.html;
    expect(html).not.toContain('NO_PRINTED_FORM');
    expect(parseHTML(`<div>${html}</div>`).document.querySelector('p')?.textContent).toBe(
      'Doe says so . Doe again (4).',
    );
  });

  it('refuses a raw <section> inside a slide, which reveal would take for a slide', () => {
    expect(() => run('## T\n\n<section>inner</section>\n')).toThrowError(/talk\.md:7:1: a <section> inside a slide/);
  });
});

describe('bibliography text is data', () => {
  it('a name that reads like a citation stays text inside the in-text citation', () => {
    const bib = JSON.stringify([{ id: 'k', type: 'book', title: 'T', author: [{ family: '[@k]' }] }]);
    const bibHost: CompileHost = { readText: (p) => (p === 'slides/b.json' ? bib : undefined), assetUrl: () => null };
    const { deck } = compileDeck(
      [{ path: 'slides/talk.md', text: '---\nbibliography: b.json\n---\n\n# T\n\nA claim [@k].\n' }],
      bibHost,
    );
    const { document } = parseHTML(`<div>${deck.slides[0]!.html}</div>`);
    expect(document.querySelectorAll('a.deck-cite')).toHaveLength(1);
    expect(document.querySelectorAll('a.deck-cite a')).toHaveLength(0);
    expect(document.querySelector('a.deck-cite')?.textContent).toContain('[@k]');
  });
});

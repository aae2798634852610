import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost, type CompileMemo, type CompileResult } from '../../src/compile.ts';
import { DeckError } from '../../src/errors.ts';

/**
 * A compile given an earlier compile's memo renders again only what changed, and its result is
 * always the one a compile without the memo gives: these tests compare the two after edits that
 * a stale memo would get wrong, and alter a memo to see that it is really used.
 */

const REFS = JSON.stringify([
  {
    id: 'doe',
    type: 'book',
    title: 'A Book of Things',
    author: [{ family: 'Doe', given: 'Jane' }],
    issued: { 'date-parts': [[2020]] },
  },
  {
    id: 'roe',
    type: 'book',
    title: 'Another Book',
    author: [{ family: 'Roe', given: 'Rick' }],
    issued: { 'date-parts': [[2019]] },
  },
  {
    id: 'poe',
    type: 'book',
    title: 'A Third Book',
    author: [{ family: 'Poe', given: 'Ann' }],
    issued: { 'date-parts': [[2018]] },
  },
]);

function hostWith(files: Record<string, string>): CompileHost {
  return {
    readText: (p) => files[p],
    assetUrl: (p) => (p in files ? `./assets/${p.split('/').pop()}` : null),
    exists: (p) => p in files,
  };
}

const compile = (text: string, host: CompileHost, memo?: CompileMemo): CompileResult =>
  compileDeck([{ path: 'slides/talk.md', text }], host, 'slides', memo ? { memo } : {});

/** Everything a compile gives but the memo, as text to compare. */
const output = (r: CompileResult) =>
  JSON.stringify({ deck: r.deck, warnings: r.warnings, html: r.sectionsHtml, uses: r.uses });

/** Compiles `before`, then `after` with and without its memo; the two must agree, memo included. */
function agree(before: string, after: string, host: CompileHost): CompileResult {
  const first = compile(before, host);
  const fresh = compile(after, host);
  const reused = compile(after, host, JSON.parse(JSON.stringify(first.memo)) as CompileMemo);
  expect(output(reused)).toBe(output(fresh));
  expect(JSON.stringify(reused.memo)).toBe(JSON.stringify(fresh.memo));
  return reused;
}

const front = (style = 'mla') => `---\ntitle: Memo\nbibliography: refs.json\ncsl: ${style}\n---\n\n`;

describe('a compile with the memo of an earlier one', () => {
  const host = hostWith({ 'slides/refs.json': REFS, 'slides/img/a.svg': '<svg/>', 'slides/img/b.svg': '<svg/>' });
  const deck = (first = 'A first slide [@doe, p. 3].') =>
    `${front()}# One\n\n${first}\n\nNote:\nWords to say.\n\n---\n\n## Two\n\n![A](img/a.svg)\n\n- a [@roe]\n- b <!-- .element: class="fragment" -->\n\n---\n\n## Code\n\n\`\`\`js\nlet a = 1;\n\`\`\`\n\n$e^{i\\pi}$\n\n---\n\n## Works Cited\n\n<div id="refs"></div>\n`;

  it('reuses the slides that did not change (an altered record shows through)', () => {
    const first = compile(deck(), host);
    const memo = JSON.parse(JSON.stringify(first.memo)) as CompileMemo;
    const key = Object.keys(memo.renders).find((k) => memo.renders[k]!.html.includes('img'))!;
    memo.renders[key]!.html = memo.renders[key]!.html.replace('<h2', '<h2 data-from-memo=""');
    const second = compile(deck('A first slide, edited [@doe, p. 3].'), host, memo);
    expect(second.sectionsHtml).toContain('data-from-memo');
    expect(second.deck.slides[0]!.html).toContain('edited');
  });

  it('gives what a compile without it gives, after edits of text, order, notes and slides', () => {
    const base = deck();
    agree(base, deck('Another first slide [@doe, p. 4].'), host);
    agree(base, base.replace('Words to say.', 'Other words.'), host);
    agree(base, base.replace('# One\n\n', '# One\n\nA new line above.\n\n'), host);
    agree(base, base.replace('---\n\n## Two', '---\n\n## New\n\nInserted.\n\n---\n\n## Two'), host);
    agree(base, base.replace('- a [@roe]', '- a [@roe]\n- c [@poe, p. 9]'), host);
  });

  it('keeps code and math known on a slide it reuses (their CSS ships)', () => {
    const r = agree(deck(), deck('Changed.'), host);
    expect(r.uses).toEqual({ code: true, math: true });
  });

  it('renders a slide again when an image it names is found elsewhere', () => {
    const moved: CompileHost = { ...host, assetUrl: (p) => (p.endsWith('a.svg') ? './assets/moved.svg' : null) };
    const first = compile(deck(), host);
    const second = compile(deck(), moved, first.memo);
    expect(second.sectionsHtml).toContain('./assets/moved.svg');
    expect(output(second)).toBe(output(compile(deck(), moved)));
  });

  it('stops at an image that went missing from a reused slide, at its line', () => {
    const first = compile(deck(), host);
    const gone = hostWith({ 'slides/refs.json': REFS });
    const err = (() => {
      try {
        compile(deck(), gone, first.memo);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DeckError);
    expect((err as DeckError).code).toBe('MISSING_ASSET');
    expect((err as DeckError).pos.line).toBe(
      deck()
        .split('\n')
        .findIndex((l) => l.includes('img/a.svg')) + 1,
    );
  });
});

describe('citations from the memo', () => {
  const host = hostWith({ 'slides/refs.json': REFS });
  const numbered = (extra = '') =>
    `${front('vancouver')}# One\n\n${extra}First [@doe].\n\n---\n\n## Two\n\nSecond [@roe].\n\n---\n\n## Three\n\nThird [@poe] and [@doe].\n\n---\n\n## References\n\n<div id="refs"></div>\n`;

  it('are answered without the citation processor when every one is known (an altered answer shows through)', () => {
    const first = compile(numbered(), host);
    const memo = JSON.parse(JSON.stringify(first.memo)) as CompileMemo;
    const cites = memo.citer!.cites;
    for (const k of Object.keys(cites)) cites[k] = cites[k]!.replace(/\d+/, '99');
    const second = compile(numbered(), host, memo);
    expect(second.deck.slides[0]!.html).toContain('99');
  });

  it('in a numeric style, renumber the later slides when an earlier one cites a new source first', () => {
    const r = agree(numbered(), numbered('Before all [@poe]. '), host);
    expect(r.deck.slides[1]!.html).toMatch(/deck-cite[^>]*>\(?\[?3/);
  });

  it('follow a change of style or bibliography', () => {
    const first = compile(numbered(), host);
    const apa = numbered().replace('csl: vancouver', 'csl: apa');
    expect(output(compile(apa, host, first.memo))).toBe(output(compile(apa, host)));
    const other = hostWith({ 'slides/refs.json': REFS.replace('A Book of Things', 'A Book of Other Things') });
    expect(output(compile(numbered(), other, first.memo))).toBe(output(compile(numbered(), other)));
  });

  it('still report a style that fails to load when nothing in the memo fits', () => {
    const first = compile(numbered(), host);
    const broken = numbered().replace('csl: vancouver', 'csl: no-such-style');
    expect(() => compile(broken, host, first.memo)).toThrow(/citation style "no-such-style"/);
  });
});

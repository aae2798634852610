import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { DeckError } from '../../src/errors.ts';
import { dedent } from '../../src/parse/dedent.ts';
import { extractFrontMatter } from '../../src/parse/frontmatter.ts';

const host: CompileHost = { readText: () => undefined, assetUrl: () => null };
const compile = (text: string, strict = false) =>
  compileDeck([{ path: 'slides/README.md', text }], host, 'slides', { strict });
const errorOf = (fn: () => unknown): DeckError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DeckError) return err;
    throw err;
  }
  throw new Error('expected a DeckError');
};

describe('front matter as reveal-md accepts it', () => {
  it('warns about an unknown key with the nearest known one, and builds', () => {
    const { deck, warnings } = compile('---\ntitel: T\n---\n\n# A\n');
    expect(deck.slides).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FRONT_MATTER_KEY',
        pos: { file: 'slides/README.md', line: 2, column: 1 },
        message: expect.stringContaining('did you mean "title"'),
      }),
    ]);
  });

  it('turns the warning into an error at its position with strict', () => {
    const err = errorOf(() => compile('---\ntitle: T\ntheem: black\n---\n\n# A\n', true));
    expect(err.code).toBe('STRICT_WARNING');
    expect(err.message).toMatch(/^slides\/README\.md:3:1: unknown front-matter key "theem" .*did you mean "theme"/);
  });

  it('applies reveal options given at the top level, with revealOptions winning', () => {
    const { deck, warnings } = compile(
      '---\nprogress: false\ncontrols: false\ntransition: none\nrevealOptions:\n  transition: fade\n---\n\n# A\n',
    );
    expect(warnings).toEqual([]);
    expect(deck.meta.revealOptions).toEqual({ center: true, progress: false, controls: false, transition: 'fade' });
    expect(deck.meta.theme).toBe('black');
  });

  it('understands hyphenated spellings', () => {
    const { deck, warnings } = compile('---\nhighlight-theme: monokai\n---\n\n# A\n');
    expect(warnings).toEqual([]);
    expect(deck.meta.highlightTheme).toBe('monokai');
  });

  it('accepts a quoted value continued on the next line without indentation', () => {
    const fm = extractFrontMatter('slides/t.md', '---\ntitle: "A title\nthat goes on"\nlang: en\n---\n\n# A\n');
    expect(fm.data.title).toBe('A title that goes on');
    expect(fm.data.lang).toBe('en');
    expect(fm.bodyLine).toBe(6);
  });

  it('accepts a theme file inside the deck folder and refuses one outside it', () => {
    const withFile: CompileHost = { ...host, readText: (p) => (p.endsWith('.css') ? 'x{}' : undefined) };
    const ok = compileDeck([{ path: 'slides/t.md', text: '---\ntheme: look/mine.css\n---\n\n# A\n' }], withFile);
    expect(ok.deck.meta).toMatchObject({ theme: 'custom', themeFile: 'slides/look/mine.css' });
    const err = errorOf(() =>
      compileDeck([{ path: 'slides/t.md', text: '---\ntheme: ../outside.css\n---\n\n# A\n' }], withFile),
    );
    expect(err.code).toBe('OUTSIDE_DECK');
    expect(err.pos.line).toBe(2);
  });
});

describe('separators as reveal-md writes them', () => {
  it.each([
    ['\\r?\\n---\\r?\\n', '---'],
    ['^\\r?\\n\\|\\|\\|\\r?\\n$', '|||'],
    ['^(\\r\\n?|\\n)---(\\r\\n?|\\n)$', '---'],
  ])('splits on %s', (pattern, line) => {
    const { deck } = compile(`---\nseparator: '${pattern}'\n---\n\n# A\n\n${line}\n\n## B\n\n${line}\n\n## C\n`);
    expect(deck.slides.map((s) => s.title)).toEqual(['A', 'B', 'C']);
  });

  it('fails clearly on a blank-line separator instead of making one slide', () => {
    const err = errorOf(() => compile("---\nseparator: '\\n\\n\\n'\n---\n\n# A\n\n\n\n## B\n"));
    expect(err.code).toBe('BAD_SEPARATOR');
    expect(err.pos).toEqual({ file: 'slides/README.md', line: 2, column: 12 });
  });
});

describe('notes', () => {
  it('dedents indented notes as reveal does, so they are not a code block', () => {
    expect(dedent('\n    one\n      two\n    three')).toBe('\none\n  two\nthree');
    const { deck } = compile('# A\n\nNote:\n    Say this.\n    And this.\n');
    expect(deck.slides[0]?.notesHtml).not.toContain('<code');
    expect(deck.slides[0]?.notesText).toBe('Say this. And this.');
  });
});

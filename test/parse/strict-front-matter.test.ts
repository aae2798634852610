import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { DeckError } from '../../src/errors.ts';

const host: CompileHost = { readText: () => undefined, assetUrl: () => null };
const compile = (text: string, strict = false) =>
  compileDeck(
    [
      { path: 'slides/a.md', text },
      { path: 'slides/b.md', text: '# B\n' },
    ],
    host,
    'slides',
    { strict },
  );

function errorOf(fn: () => unknown): DeckError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DeckError) return err;
    throw err;
  }
  throw new Error('expected a DeckError');
}

describe('strict: true in the front matter', () => {
  // b.md left out of `files`: a warning, like an unknown key, that strict turns into an error.
  const deck = (strict: string) => `---\ntitle: T\n${strict}files: [a.md]\n---\n\n# A\n`;

  it('without it, a deck with warnings builds and lists them', () => {
    const { warnings } = compile(deck(''));
    expect(warnings.map((w) => w.code)).toEqual(['UNLISTED_FILE']);
    expect(compile(deck('strict: false\n')).warnings).toHaveLength(1);
  });

  it('makes every warning an error at its position, saying the front matter asked for it', () => {
    const err = errorOf(() => compile(deck('strict: true\n')));
    expect(err.code).toBe('STRICT_WARNING');
    expect(err.message).toMatch(/^slides\/a\.md:4:8: slides\/b\.md is not in "files"/);
    expect(err.message).toContain('(an error because of "strict: true" in slides/a.md\'s front matter)');
  });

  it('a typo next to it is an error too, whichever comes first', () => {
    const err = errorOf(() => compile('---\ntitel: T\nstrict: true\n---\n\n# A\n'));
    expect(err.code).toBe('STRICT_WARNING');
    expect(err.pos).toEqual({ file: 'slides/a.md', line: 2, column: 1 });
  });

  it('the --strict option says so, with or without the key', () => {
    expect(errorOf(() => compile(deck('strict: false\n'), true)).message).toContain('(an error because of --strict)');
  });

  it('takes only true or false', () => {
    const err = errorOf(() => compile('---\nstrict: 1\n---\n\n# A\n'));
    expect(err.code).toBe('FRONT_MATTER_TYPE');
    expect(err.message).toMatch(/^slides\/a\.md:2:9: front-matter key "strict" must be true or false, got 1/);
  });
});

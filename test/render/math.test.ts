import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { DeckError } from '../../src/errors.ts';
import { createMarkdown, Islands, renderMarkdown, type DeckUses } from '../../src/render/markdown.ts';

const render = (text: string) => {
  const uses: DeckUses = { code: false, math: false };
  const islands = new Islands();
  return { html: islands.restore(renderMarkdown(createMarkdown({ cite: () => '', uses, islands }), text)), uses };
};
const host: CompileHost = { readText: () => undefined, assetUrl: () => null };

describe('math at build time', () => {
  it.each([
    ['$x^2$', false],
    ['\\(x^2\\)', false],
    ['$$x^2$$', true],
    ['\\[x^2\\]', true],
  ])('renders %s with KaTeX, with MathML for screen readers', (tex, display) => {
    const { html, uses } = render(`Here: ${tex}`);
    expect(html).toContain('class="katex"');
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
    expect(html).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
    expect(html.includes('katex-display')).toBe(display);
    expect(uses.math).toBe(true);
  });

  it('renders a $$ block on its own lines as a display formula', () => {
    const { html } = render('$$\n\\frac{a}{b}\n$$\n');
    expect(html).toMatch(/^<p class="deck-math"><span class="katex-display">/);
    expect(html).toContain('<mfrac>');
  });

  it.each(['Tickets cost $5 and $10.', 'From $ 3 to $4', 'Pay $20, or $30 later'])('leaves money alone: %s', (text) => {
    const { html, uses } = render(text);
    expect(html).not.toContain('katex');
    expect(html).toContain('$');
    expect(uses.math).toBe(false);
  });

  it('reports bad TeX as a deck error at its file, line and column', () => {
    let caught: unknown;
    try {
      compileDeck([{ path: 'slides/m.md', text: '# Math\n\nFine $a$ and broken $\\frac{1}{$ here\n' }], host);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DeckError);
    const err = caught as DeckError;
    expect(err.code).toBe('BAD_MATH');
    expect(err.pos.file).toBe('slides/m.md');
    expect(err.pos.line).toBe(3);
    expect(err.pos.column).toBeGreaterThan(20);
    expect(err.message).toMatch(/^slides\/m\.md:3:\d+: TeX error: /);
  });
});

describe('a formula met again', () => {
  it('is rendered by KaTeX once per compile, and shows on every slide that has it', async () => {
    // The compiler loads KaTeX when a deck first has math, through require(): spy on that instance.
    const katex = createRequire(import.meta.url)('katex') as typeof import('katex').default;
    const spy = vi.spyOn(katex, 'renderToString');
    try {
      const { deck } = compileDeck(
        [{ path: 'slides/talk.md', text: '# A\n\n$e^{i\\pi}$ and $$e^{i\\pi}$$\n\n---\n\n# B\n\n$e^{i\\pi}$\n' }],
        host,
      );
      expect(spy.mock.calls.map((c) => c[0])).toEqual(['e^{i\\pi}', 'e^{i\\pi}']); // inline once, display once
      const inline = deck.slides[1]!.html.match(/<span class="katex">[\s\S]*<\/span>/)?.[0];
      expect(inline).toContain('<mi>e</mi>');
      expect(deck.slides[0]!.html).toContain(inline);
    } finally {
      spy.mockRestore();
    }
  });
});

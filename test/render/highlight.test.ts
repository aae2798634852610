import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { parseCodeInfo, parseSteps, renderCodeBlock, splitHighlightedLines } from '../../src/render/highlight.ts';

const host: CompileHost = { readText: () => undefined, assetUrl: () => null };
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

describe('code info strings, as reveal’s markdown plugin reads them', () => {
  it('reads the language, the steps and the first line number', () => {
    expect(parseCodeInfo('python [1|2-3|4-6]')).toEqual({ lang: 'python', lineNumbers: '1|2-3|4-6', startFrom: 1 });
    expect(parseCodeInfo('js [12: 1,3]')).toEqual({ lang: 'js', lineNumbers: '1,3', startFrom: 12 });
    expect(parseCodeInfo('js []')).toEqual({ lang: 'js', lineNumbers: '', startFrom: 1 });
    expect(parseCodeInfo('ts')).toEqual({ lang: 'ts', lineNumbers: null, startFrom: 1 });
    expect(parseSteps('1|2-3,5')).toEqual([
      [{ start: 1, end: 1 }],
      [
        { start: 2, end: 3 },
        { start: 5, end: 5 },
      ],
    ]);
  });
});

describe('highlighted code', () => {
  it('colours tokens at build time, with no highlighter left for the browser', () => {
    const doc = dom(renderCodeBlock('def f(x):\n    return x\n', 'python'));
    expect(doc.querySelector('pre.code-wrapper > code.hljs.language-python')?.getAttribute('tabindex')).toBe('0');
    expect(doc.querySelector('.hljs-keyword')?.textContent).toBe('def');
    expect(doc.querySelector('.hljs-title')?.textContent).toBe('f');
  });

  it('keeps a span that crosses lines whole on every line of the line-number table', () => {
    const lines = splitHighlightedLines('<span class="hljs-comment">/* a\nb */</span> x');
    expect(lines).toEqual(['<span class="hljs-comment">/* a</span>', '<span class="hljs-comment">b */</span> x']);
  });

  it('escapes code in an unknown language instead of guessing', () => {
    const doc = dom(renderCodeBlock('<script>alert(1)</script>\n', 'no-such-language'));
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('code')?.textContent).toBe('<script>alert(1)</script>');
  });

  it('makes each step after the first a fragment, with reveal’s highlighted rows', () => {
    const doc = dom(renderCodeBlock('a\nb\nc\nd\n', 'text [1|2-3|4]'));
    const blocks = [...doc.querySelectorAll('pre > code')];
    expect(blocks.map((b) => b.getAttribute('data-line-numbers'))).toEqual(['1', '2-3', '4']);
    expect(blocks.map((b) => b.classList.contains('fragment'))).toEqual([false, true, true]);
    const lit = (b: Element) =>
      [...b.querySelectorAll('tr.highlight-line td.hljs-ln-code')].map((td) => td.getAttribute('data-line-number'));
    expect(blocks.map(lit)).toEqual([['1'], ['2', '3'], ['4']]);
    expect(blocks.every((b) => b.classList.contains('has-highlights'))).toBe(true);
  });

  it('numbers lines from the given start without highlighting when the brackets are empty', () => {
    const doc = dom(renderCodeBlock('x\ny\n', 'js [5: ]'));
    const numbers = [...doc.querySelectorAll('td.hljs-ln-numbers')].map((td) => td.getAttribute('data-line-number'));
    expect(numbers).toEqual(['5', '6']);
    expect(doc.querySelector('.has-highlights')).toBeNull();
  });

  it('counts the steps as the slide’s fragments and flags the deck as using code', () => {
    const { deck, uses } = compileDeck(
      [{ path: 'slides/t.md', text: '# Code\n\n```python [1|2|3]\na = 1\nb = 2\nc = 3\n```\n' }],
      host,
    );
    expect(deck.slides[0]?.fragments).toBe(2);
    expect(uses).toEqual({ code: true, math: false });
    expect(compileDeck([{ path: 'slides/t.md', text: '# Plain\n\ntext\n' }], host).uses).toEqual({
      code: false,
      math: false,
    });
  });

  it('shows a block met again on another slide as that slide asks (its own steps, the same code)', () => {
    const code = 'a = 1\nb = 2\n';
    const { deck } = compileDeck(
      [
        {
          path: 'slides/t.md',
          text: `# A\n\n\`\`\`python [1|2]\n${code}\`\`\`\n\n---\n\n# B\n\n\`\`\`python [2]\n${code}\`\`\`\n\n---\n\n# C\n\n\`\`\`python [1|2]\n${code}\`\`\`\n`,
        },
      ],
      host,
    );
    const [a, b, c] = deck.slides.map((s) => dom(s.html));
    expect(a!.querySelectorAll('code')).toHaveLength(2);
    expect(b!.querySelectorAll('code')).toHaveLength(1);
    expect(b!.querySelector('tr.highlight-line td.hljs-ln-code')?.textContent).toBe('b = 2');
    expect(deck.slides[2]!.html).toBe(deck.slides[0]!.html.replace('<h1>A</h1>', '<h1>C</h1>'));
    expect(c!.querySelector('.hljs-number')?.textContent).toBe('1');
  });
});

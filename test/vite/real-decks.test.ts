import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/load-deck.ts';
import { buildDeck, buildFixture } from '../helpers/build-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Decks written the way reveal-md and reveal.js decks are, built unchanged. */
const realDir = path.resolve(import.meta.dirname, '../fixtures/real');

interface Built {
  distDir: string;
  doc: Document;
  css: string;
  assets: string[];
  deckJson: { slides: { title: string; fragments: number }[] };
}

async function build(name: string): Promise<Built> {
  const { distDir } = await buildFixture(path.join(realDir, name));
  const assets = readdirSync(path.join(distDir, 'assets'));
  const css = assets
    .filter((f) => f.endsWith('.css'))
    .map((f) => readFileSync(path.join(distDir, 'assets', f), 'utf8'))
    .join('\n');
  const { document } = parseHTML(readFileSync(path.join(distDir, 'index.html'), 'utf8'));
  const deckJson = JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as Built['deckJson'];
  return { distDir, doc: document as unknown as Document, css, assets, deckJson };
}

/** Every file a URL in the built page names exists in dist/. */
function expectBundled(distDir: string, url: string | null | undefined): void {
  expect(url).toMatch(/^\.\/assets\//);
  expect(existsSync(path.join(distDir, url ?? ''))).toBe(true);
}

describe('a reveal-md deck on the black theme with code steps and fragments', () => {
  let b: Built;
  beforeAll(async () => {
    b = await build('reveal-md-code');
  }, 60_000);

  it('has its slides, with the code steps counted as fragments', () => {
    expect(b.deckJson.slides.map((s) => s.fragments)).toEqual([0, 2, 3, 0, 0]);
  });

  it('ships highlighted code, its steps as fragments, and the monokai colours', () => {
    const steps = [...b.doc.querySelectorAll('section pre.code-wrapper')][0]?.querySelectorAll('code') ?? [];
    expect([...steps].map((c) => c.getAttribute('data-line-numbers'))).toEqual(['1-2', '4-6', '8']);
    expect([...steps].map((c) => c.classList.contains('fragment'))).toEqual([false, true, true]);
    expect(b.doc.querySelector('.hljs-keyword')?.textContent).toBe('import');
    expect(b.css).toContain('#272822'); // monokai's background
    expect(b.css).toContain('hljs-ln-n');
  });

  it('uses reveal’s black theme, lean: no embedded or remote fonts, no math', () => {
    expect(b.doc.documentElement.getAttribute('data-deck-theme')).toBe('black');
    expect(b.css).toContain('--r-background-color:#191919');
    expect(b.css).not.toMatch(/data:font|fonts\.googleapis|@import/);
    expect(b.css).not.toContain('katex');
    expect(b.assets.filter((f) => f.startsWith('KaTeX'))).toEqual([]);
  });

  it('numbers lines from where the fence says', () => {
    const numbers = [...b.doc.querySelectorAll('td.hljs-ln-numbers')].map((td) => td.getAttribute('data-line-number'));
    expect(numbers).toContain('5');
    expect(numbers).toContain('7');
  });
});

describe('a lecture with math, tables and custom separators', () => {
  let b: Built;
  beforeAll(async () => {
    b = await build('lecture-math');
  }, 60_000);

  it('splits on its own separators', () => {
    expect(b.deckJson.slides.map((s) => s.title)).toEqual(['Least Squares', 'The problem', 'Inline forms', 'Results']);
  });

  it('renders every formula with KaTeX and MathML, and leaves prices as text', () => {
    expect(b.doc.querySelectorAll('.katex').length).toBe(7);
    expect(b.doc.querySelectorAll('.katex math').length).toBe(7);
    expect(b.doc.querySelectorAll('.katex-display').length).toBe(2);
    expect(b.doc.body.textContent).toContain('Tickets cost $5 and $10 at the door.');
  });

  it('ships KaTeX’s CSS with woff2 fonts only', () => {
    expect(b.css).toContain('.katex');
    const fonts = b.assets.filter((f) => f.startsWith('KaTeX'));
    expect(fonts.length).toBeGreaterThan(10);
    expect(fonts.every((f) => f.endsWith('.woff2'))).toBe(true);
    expect(b.css).not.toMatch(/KaTeX[^)]*\.(woff|ttf)\)/);
  });

  it('keeps the table’s column alignment and the dedented notes', () => {
    expect([...b.doc.querySelectorAll('th')].map((th) => th.getAttribute('align'))).toEqual([
      'left',
      'center',
      'right',
    ]);
    expect(b.doc.querySelector('aside.notes code')).toBeNull();
  });
});

describe('a reveal.js deck with background images, videos, iframes and lazy media', () => {
  let b: Built;
  beforeAll(async () => {
    b = await build('plugin-backgrounds');
  }, 60_000);

  it('bundles every asset named in slide attributes, data-src, <source>, a rooted path and CSS', () => {
    const sections = [...b.doc.querySelectorAll('section')];
    expectBundled(b.distDir, sections[0]?.getAttribute('data-background-image'));
    expectBundled(b.distDir, sections[1]?.getAttribute('data-background-video'));
    expectBundled(b.distDir, sections[2]?.getAttribute('data-background-iframe'));
    expectBundled(b.distDir, b.doc.querySelector('img[data-src]')?.getAttribute('data-src'));
    expectBundled(b.distDir, b.doc.querySelector('img[alt="The logo"]')?.getAttribute('src'));
    expectBundled(b.distDir, b.doc.querySelector('source')?.getAttribute('src'));
    expect(b.assets.some((f) => /^pattern-.*\.svg$/.test(f))).toBe(true);
    expect(b.deckJson.slides).toHaveLength(4);
  });

  it('fails the build at the line of a background that does not exist', async () => {
    const projectDir = tempDir('deck-real-');
    cpSync(path.join(realDir, 'plugin-backgrounds'), path.join(projectDir, 'slides'), { recursive: true });
    const file = path.join(projectDir, 'slides/index.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('img/sky.svg', 'img/nope.svg'));
    await expect(buildDeck({ projectDir, outDir: path.join(projectDir, 'dist') })).rejects.toThrow(
      /slides\/index\.md:7:\d+: file "img\/nope\.svg" not found/,
    );
  }, 60_000);
});

describe('a deck kept in README.md with reveal-md keys', () => {
  it('is read like any deck file, with its top-level reveal options and a warning for what reveal-md ignores', () => {
    const { deck, warnings } = loadDeck(path.join(realDir, 'readme-deck'), { root: realDir });
    expect(deck.meta.title).toBe("Kept in the repository's README");
    expect(deck.meta).toMatchObject({ theme: 'black', highlightTheme: 'github' });
    expect(deck.meta.revealOptions).toMatchObject({ controls: false, progress: true, transition: 'none' });
    expect(warnings.map((w) => [w.code, w.pos.line])).toEqual([['UNKNOWN_FRONT_MATTER_KEY', 8]]);
    expect(deck.slides[1]?.notesText).toBe('Indented notes, dedented as reveal does.');
  });

  it('stops with --strict', () => {
    expect(() => loadDeck(path.join(realDir, 'readme-deck'), { root: realDir, strict: true })).toThrow(
      /README\.md:8:1: unknown front-matter key "defaultTemplate"/,
    );
  });
});

describe('a deck with remote assets', () => {
  it('builds, leaving the remote URLs as the author wrote them', async () => {
    const b = await build('remote-assets');
    expect(b.doc.querySelector('img')?.getAttribute('src')).toBe('https://example.invalid/picture.png');
    expect([...b.doc.querySelectorAll('section')][1]?.getAttribute('data-background-image')).toBe(
      'https://example.invalid/bg.jpg',
    );
    expect(b.doc.documentElement.getAttribute('data-deck-theme')).toBe('light');
  }, 60_000);
});

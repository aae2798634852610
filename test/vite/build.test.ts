import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/load-deck.ts';
import type { DeckJson } from '../../src/model.ts';
import { deckViteConfig } from '../../src/vite/config.ts';
import { buildDeck, buildFixture } from '../helpers/build-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/decks');

describe('vite build of a fixture deck', () => {
  let distDir = '';
  let projectDir = '';
  beforeAll(async () => {
    ({ projectDir, distDir } = await buildFixture(path.join(fixtures, 'citations')));
  }, 60_000);

  it('prerenders every slide with its notes into index.html', () => {
    const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
    const { document } = parseHTML(html);
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('title')?.textContent).toBe('Citing');
    const sections = document.querySelectorAll('.reveal .slides section[data-deck-index]');
    expect(sections.length).toBe(2);
    expect(sections[0]?.querySelector('aside.notes')?.textContent).toContain('As Roe shows');
    // Citations are rendered at build time and link to the list.
    expect(sections[0]?.querySelector('a.deck-cite')?.getAttribute('href')).toBe('#/works-cited');
    expect(document.querySelectorAll('#works-cited .deck-ref').length).toBe(2);
  });

  it('loads its code as a classic script with relative URLs (file:// and any sub-path)', () => {
    const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
    const { document } = parseHTML(html);
    const scripts = [...document.querySelectorAll('script[src]')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.getAttribute('type')).toBeNull();
    expect(scripts[0]?.hasAttribute('crossorigin')).toBe(false);
    for (const el of document.querySelectorAll('[src], link[href]')) {
      const url = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
      expect(url.startsWith('./') || url.startsWith('data:'), url).toBe(true);
    }
    const src = scripts[0]!.getAttribute('src')!;
    expect(existsSync(path.join(distDir, src))).toBe(true);
  });

  it('writes deck.json from the model', () => {
    const json = JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson;
    expect(json.title).toBe('Citing');
    expect(json.slides.map((s) => [s.h, s.v, s.id, s.title])).toEqual([
      [0, 0, 'claims', 'Claims'],
      [1, 0, 'works-cited', 'Works Cited'],
    ]);
    expect(json.slides[0]?.citations).toEqual(['doe-2020', 'roe-2019']);
    expect(json.references.map((r) => r.id)).toEqual(['doe-2020', 'roe-2019']);
    expect(json.estimatedMinutes).toBeGreaterThan(0);
  });

  it('bundles images relative to the markdown file', async () => {
    const { distDir: imagesDist } = await buildFixture(path.join(fixtures, 'images'));
    const { document } = parseHTML(readFileSync(path.join(imagesDist, 'index.html'), 'utf8'));
    const src = document.querySelector('img')?.getAttribute('src') ?? '';
    expect(src).toMatch(/^\.\/assets\/dot-[0-9a-f]{8}\.svg$/);
    expect(readFileSync(path.join(imagesDist, src), 'utf8')).toContain('<svg');
    expect(document.querySelector('a')?.getAttribute('href')).toBe(src);
  }, 60_000);

  it('leaves the earlier dist/ untouched when the deck has an error', async () => {
    const before = readFileSync(path.join(distDir, 'index.html'), 'utf8');
    writeFileSync(path.join(projectDir, 'slides/talk.md'), '---\ntitel: Broken\n---\n\n# Slide\n');
    await expect(buildDeck({ projectDir, outDir: distDir, strict: true })).rejects.toThrow(
      /slides\/talk\.md:2:1: unknown front-matter key "titel" is ignored \(did you mean "title"\?\)/,
    );
    expect(readFileSync(path.join(distDir, 'index.html'), 'utf8')).toBe(before);
    expect(existsSync(path.join(distDir, 'deck.json'))).toBe(true);
  }, 60_000);
});

describe("the slides' way through Vite's HTML step", () => {
  const build = async (markdown: string) => {
    const projectDir = tempDir('deck-html-step-');
    mkdirSync(path.join(projectDir, 'slides'));
    writeFileSync(path.join(projectDir, 'slides/talk.md'), markdown);
    const distDir = await buildDeck({ projectDir, outDir: path.join(projectDir, 'dist') });
    const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
    const js = readdirSync(path.join(distDir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(distDir, 'assets', f), 'utf8'))
      .join('\n');
    const { sectionsHtml } = loadDeck(path.join(projectDir, 'slides'), { root: projectDir, assetUrl: (p) => p });
    rmSync(projectDir, { recursive: true, force: true });
    return { html, js, sectionsHtml };
  };

  it('puts code and math slides into the page exactly as compiled', async () => {
    const { html, sectionsHtml } = await build(
      '# Code\n\n```python [1|2]\nx = "<b>"\ny = 2\n```\n\n---\n\n# Math\n\n$$\n\\frac{a}{b}\n$$\n\nSo $e^{i\\pi}$.\n',
    );
    expect(sectionsHtml).toContain('hljs-string');
    expect(sectionsHtml).toContain('class="katex"');
    expect(html).toContain(sectionsHtml);
    expect(html.split('<section').length - 1).toBe(2);
    expect(html).not.toContain('<!--deck:sections-->');
  }, 60_000);

  it('still lets Vite bundle a module script written in a slide', async () => {
    const { html, js } = await build('# Script\n\n<script type="module">window.deckProbe = 40 + 2;</script>\n');
    expect(html).not.toContain('deckProbe');
    expect(js).toContain('deckProbe');
  }, 60_000);
});

describe('dev server', () => {
  const projectDir = tempDir('deck-dev-');
  let server: Awaited<ReturnType<typeof createServer>>;
  let base = '';
  beforeAll(async () => {
    cpSync(path.join(fixtures, 'basic'), path.join(projectDir, 'slides'), { recursive: true });
    server = await createServer({
      configFile: false,
      logLevel: 'silent',
      ...deckViteConfig({ projectDir }),
      server: { port: 0, host: '127.0.0.1', fs: { allow: [projectDir, path.resolve(import.meta.dirname, '../..')] } },
    });
    await server.listen();
    const address = server.httpServer?.address();
    base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/` : '';
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('serves the compiled deck, shows a deck error in the overlay and keeps serving', async () => {
    const ok = await fetch(base);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<h2>Fences</h2>');

    const file = path.join(projectDir, 'slides/talk.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('minutes: 2', 'minutes: two'));
    const bad = await fetch(base);
    const page = await bad.text();
    expect(page).toContain('ErrorOverlay');
    expect(page).toContain('slides/talk.md:7:10');

    writeFileSync(file, good);
    await expect.poll(async () => (await fetch(base)).status, { timeout: 10_000 }).toBe(200);
  });
});

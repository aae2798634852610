import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pageCharacters, subsetWoff2 } from '../../src/export/font-subset.ts';
import { CUT_FONTS_ABOVE_BYTES, worthCutting, writeOfflinePage } from '../../src/export/offline-page.ts';
import {
  escapeInlineScript,
  inlineCssUrls,
  inlineSite,
  isSiteRef,
  MissingAssetError,
  resolveSitePath,
} from '../../src/export/offline-html.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const files: Record<string, string> = {
  'assets/index-abc.js':
    'var s="</script><!-- x";document.documentElement.dataset.ran="1";\n//# sourceMappingURL=index-abc.js.map\n',
  'assets/style-def.css':
    '@font-face{src:url(./font-1.woff2) format("woff2")}.a{background:url("img/dot.svg")}.b{background:url(data:image/gif;base64,R0lG)}.c{background:url(https://example.org/x.png)}',
  'assets/font-1.woff2': 'wOF2',
  'assets/img/dot.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/pic-1.png': 'PNG',
  'favicon.svg': '<svg/>',
};
const read = (p: string) => (p in files ? new TextEncoder().encode(files[p]) : null);

const page = `<!doctype html>
<html lang="en">
  <head>
    <link rel="icon" href="./favicon.svg" type="image/svg+xml" />
    <script defer src="./assets/index-abc.js"></script>
    <link rel="stylesheet" href="./assets/style-def.css">
  </head>
  <body>
    <div class="reveal"><div class="slides">
<section data-background-image="./assets/pic-1.png"><img src="./assets/pic-1.png" alt="a picture"><a href="./assets/notes.pdf">notes</a><a href="https://example.org">web</a><video src="./assets/clip.mp4"></video></section>
    </div></div>
    <script type="application/json" id="deck-downloads">[]</script>
  </body>
</html>
`;

describe('offline page', () => {
  it('inlines the bundle as a classic script at the very end of <body>, safely escaped', () => {
    const html = inlineSite(page, read);
    const { document } = parseHTML(html);
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts.some((s) => s.getAttribute('src'))).toBe(false);
    const last = scripts.at(-1)!;
    expect(last.textContent).toContain('dataset.ran="1"');
    expect(last.textContent).not.toMatch(/<\/script|<!--/i);
    expect(last.textContent).not.toContain('sourceMappingURL');
    expect(html.lastIndexOf('deck-downloads')).toBeLessThan(html.lastIndexOf('dataset.ran'));
  });

  it('turns the stylesheet into <style> with fonts and images as data: URIs', () => {
    const html = inlineSite(page, read);
    expect(html).not.toContain('rel="stylesheet"');
    expect(html).toContain(`url(data:font/woff2;base64,${Buffer.from('wOF2').toString('base64')})`);
    expect(html).toContain('url(data:image/svg+xml;base64,');
    expect(html).toContain('url(data:image/gif;base64,R0lG)');
    expect(html).toContain('url(https://example.org/x.png)');
  });

  it('inlines images and icons, and keeps links to other files and the web', () => {
    const { document } = parseHTML(inlineSite(page, read));
    expect(document.querySelector('img')!.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(document.querySelector('section')!.getAttribute('data-background-image')).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(document.querySelector('link[rel=icon]')!.getAttribute('href')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      './assets/notes.pdf',
      'https://example.org',
    ]);
    expect(document.querySelector('video')!.getAttribute('src')).toBe('./assets/clip.mp4');
  });

  it('fails on a missing script or image, and drops a missing icon', () => {
    expect(() => inlineSite(page, (p) => (p.endsWith('.js') ? null : read(p)))).toThrow(MissingAssetError);
    expect(() => inlineSite(page, (p) => (p.endsWith('.png') ? null : read(p)))).toThrow(/assets\/pic-1.png/);
    expect(inlineSite(page, (p) => (p === 'favicon.svg' ? null : read(p)))).not.toContain('rel="icon"');
  });

  it('resolves paths the way a browser would', () => {
    expect(resolveSitePath('./assets/a%20b.svg?x#y')).toBe('assets/a b.svg');
    expect(resolveSitePath('../favicon.svg', 'assets/style.css')).toBe('favicon.svg');
    expect(resolveSitePath('font.woff2', 'assets/style.css')).toBe('assets/font.woff2');
    expect(isSiteRef('#/2')).toBe(false);
    expect(isSiteRef('data:x')).toBe(false);
    expect(isSiteRef('//cdn.example/x.js')).toBe(false);
    expect(isSiteRef('img/x.png')).toBe(true);
    expect(() => inlineCssUrls('a{b:url(gone.woff2)}', 'assets/s.css', () => null)).toThrow(/assets\/gone.woff2/);
  });

  it('escapes what would end or confuse an inline script, meaning the same in JS', () => {
    const js = 'var a = "</SCRIPT>", b = /<!--/, c = `<script>`;';
    const escaped = escapeInlineScript(js);
    expect(escaped).not.toMatch(/<\/?script|<!--/i);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const values = new Function(`${escaped}; return [a, b.source, c];`)() as string[];
    expect(values).toEqual(['</SCRIPT>', '\\x3C!--', '<script>']);
  });
});

describe('font subsetting for the offline file', () => {
  it('keeps the characters the page shows and makes the font smaller', async () => {
    const font = readFileSync(
      createRequire(import.meta.url).resolve(
        '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff2',
      ),
    );
    const characters = pageCharacters('<p>Migrants—“safe”</p>', 'label: "Contents"');
    expect(characters).toBe([...new Set('<p>Migrants—“safe”</p>label: "Contents"')].sort().join(''));
    const small = await subsetWoff2(font, characters);
    expect(Buffer.from(small.subarray(0, 4)).toString('latin1')).toBe('wOF2');
    expect(small.length).toBeLessThan(font.length / 2);
  });
});

describe('which fonts the offline file cuts down', () => {
  const require = createRequire(import.meta.url);
  const atkinson = ['400-normal', '700-normal', '400-italic'].map((face) =>
    require.resolve(`@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${face}.woff2`),
  );
  const katexDir = path.join(path.dirname(require.resolve('katex/package.json')), 'dist/fonts');
  const katex = readdirSync(katexDir)
    .filter((f) => f.endsWith('.woff2'))
    .map((f) => path.join(katexDir, f));

  /** A built site whose stylesheet names `fonts`; its offline page, and each font's bytes in it. */
  async function offlineFonts(fonts: string[]): Promise<{ original: Buffer; inlined: Buffer }[]> {
    const site = tempDir('deck-offline-fonts-');
    try {
      mkdirSync(path.join(site, 'assets'));
      const names = fonts.map((_, i) => `font-${i}.woff2`);
      fonts.forEach((f, i) => writeFileSync(path.join(site, 'assets', names[i]!), readFileSync(f)));
      const css = names.map((n, i) => `@font-face{font-family:f${i};src:url(./${n}) format("woff2")}`).join('');
      writeFileSync(path.join(site, 'assets/style.css'), css);
      writeFileSync(
        path.join(site, 'index.html'),
        '<!doctype html><html><head><link rel="stylesheet" href="./assets/style.css"></head><body><p>Border control</p></body></html>',
      );
      await writeOfflinePage(site, path.join(site, 'offline.html'));
      const html = readFileSync(path.join(site, 'offline.html'), 'utf8');
      const inlined = [...html.matchAll(/url\(data:font\/woff2;base64,([^)]+)\)/g)].map((m) =>
        Buffer.from(m[1]!, 'base64'),
      );
      expect(inlined).toHaveLength(fonts.length);
      return fonts.map((f, i) => ({ original: readFileSync(f), inlined: inlined[i]! }));
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  }

  it('cuts only when the fonts weigh more than the threshold in all', () => {
    expect(worthCutting([CUT_FONTS_ABOVE_BYTES])).toBe(false);
    expect(worthCutting([CUT_FONTS_ABOVE_BYTES / 2, CUT_FONTS_ABOVE_BYTES / 2 + 1])).toBe(true);
    expect(worthCutting([])).toBe(false);
  });

  it('puts the bundled typeface in whole: its three faces are light', async () => {
    expect(worthCutting(atkinson.map((f) => readFileSync(f).length))).toBe(false);
    for (const { original, inlined } of await offlineFonts(atkinson)) expect(inlined.equals(original)).toBe(true);
  });

  it("cuts every face down when a math deck's fonts come too", async () => {
    const fonts = [...atkinson, ...katex];
    expect(worthCutting(fonts.map((f) => readFileSync(f).length))).toBe(true);
    for (const { original, inlined } of await offlineFonts(fonts)) {
      expect(inlined.subarray(0, 4).toString('latin1')).toBe('wOF2');
      expect(inlined.length).toBeLessThan(original.length);
    }
  });
});

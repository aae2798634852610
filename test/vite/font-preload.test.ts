import { parseHTML } from 'linkedom';
import type { IndexHtmlTransformContext, Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { fontPreloadPlugin, fontPreloadScript } from '../../src/vite/font-preload.ts';

const PAGE = `<!doctype html><html><head>
    <script defer src="./assets/index-abc.js"></script>
    <link rel="stylesheet" href="./assets/style-def.css">
  </head><body></body></html>`;

function asset(fileName: string, name: string): Rollup.OutputAsset {
  return {
    type: 'asset',
    fileName,
    names: [name],
    originalFileNames: [],
    source: '',
    needsCodeReference: false,
  } as never;
}

function transform(html: string, files: Rollup.OutputAsset[]): string {
  const hook = fontPreloadPlugin().transformIndexHtml as {
    handler: (html: string, ctx: IndexHtmlTransformContext) => string;
  };
  const bundle = Object.fromEntries(files.map((f) => [f.fileName, f]));
  return hook.handler(html, { path: '/index.html', filename: 'index.html', bundle } as IndexHtmlTransformContext);
}

/** Runs the page script against a stand-in page; returns the links it added. */
function runScript(script: string, protocol: string, bundleIsAFile: boolean): Record<string, string>[] {
  const added: Record<string, string>[] = [];
  const document = {
    querySelector: (selector: string) => (selector === 'script[src]' && bundleIsAFile ? {} : null),
    createElement: () => ({}) as Record<string, string>,
    head: { append: (link: Record<string, string>) => added.push({ ...link }) },
  };
  new Function('location', 'document', script)({ protocol }, document);
  return added;
}

describe('font preload', () => {
  const fonts = [
    asset('assets/atkinson-hyperlegible-latin-700-normal-B.woff2', 'atkinson-hyperlegible-latin-700-normal.woff2'),
    asset('assets/atkinson-hyperlegible-latin-400-normal-A.woff2', 'atkinson-hyperlegible-latin-400-normal.woff2'),
    asset('assets/atkinson-hyperlegible-latin-400-italic-C.woff2', 'atkinson-hyperlegible-latin-400-italic.woff2'),
  ];

  it('names every bundled face in a script placed before the stylesheet, so it runs without waiting for it', () => {
    const html = transform(PAGE, [...fonts, asset('assets/KaTeX_Main-Regular-X.woff2', 'KaTeX_Main-Regular.woff2')]);
    const { document } = parseHTML(html);
    const head = Array.from(document.head.children, (el) => el.tagName.toLowerCase());
    expect(head).toEqual(['script', 'script', 'link']);
    const script = document.head.children[1]?.textContent ?? '';
    expect(runScript(script, 'https:', true).map((l) => l.href)).toEqual([
      './assets/atkinson-hyperlegible-latin-400-italic-C.woff2',
      './assets/atkinson-hyperlegible-latin-400-normal-A.woff2',
      './assets/atkinson-hyperlegible-latin-700-normal-B.woff2',
    ]);
  });

  it('asks for fonts the way @font-face fetches them (anonymous CORS), or the download is not reused', () => {
    const [link] = runScript(fontPreloadScript(['./assets/a.woff2']), 'http:', true);
    expect(link).toEqual({ rel: 'preload', as: 'font', type: 'font/woff2', crossOrigin: '', href: './assets/a.woff2' });
  });

  it('preloads nothing from file:// (Chromium refuses it there) nor when the bundle is inlined (the offline file)', () => {
    const script = fontPreloadScript(['./assets/a.woff2']);
    expect(runScript(script, 'file:', true)).toEqual([]);
    expect(runScript(script, 'https:', false)).toEqual([]);
  });

  it('leaves a page without bundled fonts as it was, and keeps file names inside the script as data', () => {
    expect(transform(PAGE, [asset('assets/logo-1.png', 'logo.png')])).toBe(PAGE);
    expect(fontPreloadScript(['./assets/</script><b>.woff2'])).not.toContain('</script>');
  });
});

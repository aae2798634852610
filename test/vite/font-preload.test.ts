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

/** Runs the page script against a stand-in page; returns the faces it declared and loaded. */
function runScript(script: string, protocol: string, bundleIsAFile: boolean): string[] {
  const faces: string[] = [];
  class FontFace {
    constructor(
      readonly family: string,
      readonly source: string,
      readonly descriptors: Record<string, string>,
    ) {}
    load() {
      faces.push(
        `${this.family} ${this.descriptors.weight} ${this.descriptors.style} ${this.descriptors.display} ${this.source}`,
      );
      return Promise.resolve(this);
    }
  }
  const document = {
    querySelector: (selector: string) => (selector === 'script[src]' && bundleIsAFile ? {} : null),
    fonts: { add: () => undefined },
  };
  new Function('location', 'document', 'FontFace', script)({ protocol }, document, FontFace);
  return faces;
}

describe('font preload', () => {
  const fonts = [
    asset('assets/atkinson-hyperlegible-latin-700-normal-B.woff2', 'atkinson-hyperlegible-latin-700-normal.woff2'),
    asset('assets/atkinson-hyperlegible-latin-400-normal-A.woff2', 'atkinson-hyperlegible-latin-400-normal.woff2'),
    asset('assets/atkinson-hyperlegible-latin-400-italic-C.woff2', 'atkinson-hyperlegible-latin-400-italic.woff2'),
  ];

  it('declares and loads every bundled face from a script placed before the stylesheet, so it runs without waiting for it', () => {
    const html = transform(PAGE, [...fonts, asset('assets/KaTeX_Main-Regular-X.woff2', 'KaTeX_Main-Regular.woff2')]);
    const { document } = parseHTML(html);
    const head = Array.from(document.head.children, (el) => el.tagName.toLowerCase());
    expect(head).toEqual(['script', 'script', 'link']);
    const script = document.head.children[1]?.textContent ?? '';
    expect(runScript(script, 'https:', true)).toEqual([
      'Atkinson Hyperlegible 400 italic swap url("./assets/atkinson-hyperlegible-latin-400-italic-C.woff2") format("woff2")',
      'Atkinson Hyperlegible 400 normal swap url("./assets/atkinson-hyperlegible-latin-400-normal-A.woff2") format("woff2")',
      'Atkinson Hyperlegible 700 normal swap url("./assets/atkinson-hyperlegible-latin-700-normal-B.woff2") format("woff2")',
    ]);
  });

  it('preloads nothing from file:// (Chromium refuses it there) nor when the bundle is inlined (the offline file)', () => {
    const script = fontPreloadScript([{ href: './assets/a.woff2', weight: '400', style: 'normal' }]);
    expect(runScript(script, 'file:', true)).toEqual([]);
    expect(runScript(script, 'https:', false)).toEqual([]);
  });

  it('leaves a page without bundled fonts as it was, and keeps file names inside the script as data', () => {
    expect(transform(PAGE, [asset('assets/logo-1.png', 'logo.png')])).toBe(PAGE);
    expect(fontPreloadScript([{ href: './assets/</script><b>.woff2', weight: '400', style: 'normal' }])).not.toContain(
      '</script>',
    );
  });
});

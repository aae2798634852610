import type { Plugin, Rollup } from 'vite';

/**
 * The bundled family's faces (regular, bold, italic): the first layout of any slide asks for all
 * three, the italic too (reveal's stylesheet names it on the deck's wrapper to load it early).
 */
const BUNDLED_FONTS = /^atkinson-hyperlegible-latin-[\w-]+\.woff2$/;

/**
 * A page script that preloads the given fonts. The fonts are otherwise requested only when the
 * slides are first laid out (after the bundle has run), so they arrive after the first paint and
 * the text reflows under the reader: a layout shift on every phone. Preloaded, they download
 * beside the bundle. Only over http(s), and only while the bundle is a file of the site: from
 * file:// a font preload is a cross-origin request Chromium refuses (a console error), and the
 * offline file (its bundle inlined) carries its fonts inside its styles.
 */
export function fontPreloadScript(hrefs: readonly string[]): string {
  const list = JSON.stringify(hrefs).replace(/</g, '\\u003c');
  return (
    `if(/^https?:$/.test(location.protocol)&&document.querySelector('script[src]'))` +
    `for(const h of ${list}){const l=document.createElement('link');` +
    `l.rel='preload';l.as='font';l.type='font/woff2';l.crossOrigin='';l.href=h;document.head.append(l)}`
  );
}

/**
 * Adds {@link fontPreloadScript} for the bundled fonts to the built page: after the bundle's
 * script tag and before the stylesheet's, so that it runs as soon as it is parsed (a script after
 * a stylesheet waits for it to load).
 */
export function fontPreloadPlugin(): Plugin {
  return {
    name: 'deck:font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const hrefs = Object.values(ctx.bundle ?? {})
          .filter((file): file is Rollup.OutputAsset => file.type === 'asset')
          .filter((asset) => asset.names.some((name) => BUNDLED_FONTS.test(name)))
          .map((asset) => `./${asset.fileName}`)
          .sort();
        if (hrefs.length === 0) return html;
        const stylesheet = html.search(/<link rel="stylesheet"/);
        const at = stylesheet < 0 ? html.indexOf('</head>') : stylesheet;
        if (at < 0) return html;
        return `${html.slice(0, at)}<script>${fontPreloadScript(hrefs)}</script>\n    ${html.slice(at)}`;
      },
    },
  };
}

import type { Plugin, Rollup } from 'vite';

/**
 * The bundled family's faces (regular, bold, italic): the first layout of any slide asks for all
 * three, the italic too (reveal's stylesheet names it on the deck's wrapper to load it early).
 */
const BUNDLED_FONTS = /^atkinson-hyperlegible-latin-(\d+)-(normal|italic)\.woff2$/;
const BUNDLED_FAMILY = 'Atkinson Hyperlegible';

/** One bundled font file as the page script loads it. */
export interface BundledFont {
  href: string;
  weight: string;
  style: string;
}

/**
 * A page script that starts loading the bundled fonts while the page is parsed. The fonts are
 * otherwise requested only when the slides are first laid out (after the bundle has run), so they
 * arrive after the first paint and the text reflows under the reader: a layout shift on every
 * phone. The faces are declared from script (FontFace), as the stylesheet declares them: later,
 * they stand in for the stylesheet's and the files download once. Not `<link rel="preload">`:
 * Chromium makes font preloads block rendering, and was seen to hold the first paint 1–2 s
 * after the fonts had arrived. Only over http(s), and only while the bundle is a file of the
 * site: from file:// a font load is a cross-origin request Chromium refuses (a console error),
 * and the offline file carries its fonts inside its styles.
 */
export function fontPreloadScript(fonts: readonly BundledFont[]): string {
  const list = JSON.stringify(fonts.map((f) => [f.href, f.weight, f.style])).replace(/</g, '\\u003c');
  return (
    `if(/^https?:$/.test(location.protocol)&&document.querySelector('script[src]'))` +
    `for(const[h,w,s]of ${list}){const f=new FontFace(${JSON.stringify(BUNDLED_FAMILY)},'url('+JSON.stringify(h)+') format("woff2")',` +
    `{weight:w,style:s,display:'swap'});document.fonts.add(f);f.load().catch(()=>{})}`
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
        const fonts = Object.values(ctx.bundle ?? {})
          .filter((file): file is Rollup.OutputAsset => file.type === 'asset')
          .flatMap((asset) => {
            const match = asset.names.map((name) => BUNDLED_FONTS.exec(name)).find((m) => m !== null);
            return match ? [{ href: `./${asset.fileName}`, weight: match[1]!, style: match[2]! }] : [];
          })
          .sort((a, b) => a.href.localeCompare(b.href));
        if (fonts.length === 0) return html;
        const stylesheet = html.search(/<link rel="stylesheet"/);
        const at = stylesheet < 0 ? html.indexOf('</head>') : stylesheet;
        if (at < 0) return html;
        return `${html.slice(0, at)}<script>${fontPreloadScript(fonts)}</script>\n    ${html.slice(at)}`;
      },
    },
  };
}

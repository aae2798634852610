import path from 'node:path';
import { MIME_TYPES } from '../mime-types.ts';
import { isLocalRef } from '../render/escape.ts';

/**
 * Turns the built page into one self-contained file: the bundle, the
 * stylesheet, its fonts and every image become part of the HTML, so it works from file://
 * with no network and no folder beside it. Pure: HTML and an asset reader in, HTML out.
 */

/** Reads a file of the built site by its site-relative path ("assets/x.js"); null if missing. */
export type AssetReader = (sitePath: string) => Uint8Array | null;

/** A built page referred to a file that is not in the build. */
export class MissingAssetError extends Error {
  constructor(
    readonly sitePath: string,
    readonly referrer: string,
  ) {
    super(`${referrer} refers to ${sitePath}, which is not in the build`);
    this.name = 'MissingAssetError';
  }
}

/** What we inline as data: URIs (images and fonts); anything else stays a relative link. */
const INLINE_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(MIME_TYPES).filter(([, type]) => type.startsWith('image/') || type.startsWith('font/')),
);

/** Attributes that name an image the page shows (inlined); links to other files stay links. */
const IMAGE_ATTRS = new Set(['src', 'poster', 'data-background-image', 'data-src']);

/** True for a reference into the site itself: the compiler's own test for a local reference. */
export const isSiteRef = isLocalRef;

/** "./assets/a b.svg?x#y" relative to "assets/style.css" → "assets/a b.svg". */
export function resolveSitePath(ref: string, from = ''): string {
  const clean = decodeURI(ref.replace(/[?#].*$/, ''));
  return path.posix.normalize(path.posix.join(path.posix.dirname(from || 'index.html'), clean)).replace(/^(\.\/)+/, '');
}

export function dataUri(sitePath: string, bytes: Uint8Array): string {
  const type = INLINE_TYPES[path.posix.extname(sitePath).toLowerCase()] ?? 'application/octet-stream';
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}

/**
 * Makes script text safe inside an inline `<script>`: `</script`, `<script` and `<!--` would end
 * the element or switch the HTML parser into its escaped states. `\x3C` means `<` in JS strings,
 * templates and regexes alike.
 */
export function escapeInlineScript(js: string): string {
  return js.replace(/<(\/?script|!--)/gi, '\\x3C$1');
}

/** `</style` would close an inline `<style>` early; `\/` is `/` in CSS. */
export function escapeInlineStyle(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}

/** Rewrites a stylesheet's local `url()`s (fonts, images) to data: URIs. */
export function inlineCssUrls(css: string, cssPath: string, read: AssetReader): string {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _q: string, ref: string) => {
    if (!isSiteRef(ref)) return whole;
    const target = resolveSitePath(ref, cssPath);
    const bytes = read(target);
    if (!bytes) throw new MissingAssetError(target, cssPath);
    return `url(${dataUri(target, bytes)})`;
  });
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attrsOf(attrText: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of attrText.matchAll(ATTR)) attrs.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

function unescapeAttr(v: string): string {
  return v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The built `index.html` as one file. The deferred bundle becomes an inline classic script at
 * the very end of `<body>` (an inline script cannot be deferred; at the end it still runs after
 * the slides and the downloads list are parsed, as `defer` did), the stylesheet becomes a
 * `<style>` with its fonts as data: URIs, and images (`src`, `poster`, `data-background-image`,
 * icons) become data: URIs. Links to other files (`<a href>`, media) stay relative links.
 */
export function inlineSite(html: string, read: AssetReader): string {
  const scripts: string[] = [];
  const readOrThrow = (sitePath: string): Uint8Array => {
    const bytes = read(sitePath);
    if (!bytes) throw new MissingAssetError(sitePath, 'index.html');
    return bytes;
  };
  const body = html.replace(TAG, (tag, name: string, attrText: string) => {
    const el = name.toLowerCase();
    const attrs = attrsOf(attrText);
    if (el === 'script' && attrs.has('src')) {
      const src = unescapeAttr(attrs.get('src') ?? '');
      if (!isSiteRef(src)) return tag;
      const target = resolveSitePath(src);
      const js = Buffer.from(readOrThrow(target))
        .toString('utf8')
        .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      scripts.push(escapeInlineScript(js));
      return '<script data-deck-inlined-script>'; // removed below, with its closing tag
    }
    if (el === 'link') {
      const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = unescapeAttr(attrs.get('href') ?? '');
      if (!isSiteRef(href)) return tag;
      const target = resolveSitePath(href);
      if (rel.includes('stylesheet')) {
        const css = inlineCssUrls(Buffer.from(readOrThrow(target)).toString('utf8'), target, read);
        return `<style>${escapeInlineStyle(css)}</style>`;
      }
      if (rel.includes('icon') || rel.includes('apple-touch-icon')) {
        const bytes = read(target);
        if (!bytes) return ''; // no icon in the build: the page works without one
        return tag.replace(/\bhref\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)/i, `href="${dataUri(target, bytes)}"`);
      }
      return tag;
    }
    let out = tag;
    for (const [attr, raw] of attrs) {
      if (!IMAGE_ATTRS.has(attr) || el === 'a' || el === 'iframe') continue;
      const ref = unescapeAttr(raw);
      if (!isSiteRef(ref)) continue;
      const target = resolveSitePath(ref);
      if (!(path.posix.extname(target).toLowerCase() in INLINE_TYPES)) continue; // media stay links
      const bytes = readOrThrow(target);
      out = out.replace(
        new RegExp(`(\\s${attr}\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s"'=<>\`]+)`, 'i'),
        (_m, pre: string) => `${pre}"${dataUri(target, bytes)}"`,
      );
    }
    return out;
  });
  const withoutPlaceholders = body.replace(/<script data-deck-inlined-script><\/script>\s*/g, '');
  const inline = scripts.map((js) => `<script>${js}</script>\n`).join('');
  const end = withoutPlaceholders.lastIndexOf('</body>');
  return end < 0
    ? withoutPlaceholders + inline
    : `${withoutPlaceholders.slice(0, end)}${inline}${withoutPlaceholders.slice(end)}`;
}

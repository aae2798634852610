import path from 'node:path';
import type { Root } from 'postcss';

/** True for the stylesheets `leanCss` rewrites. */
export function isLeanable(id: string): boolean {
  const file = id.split('?')[0]?.split(path.sep).join('/') ?? '';
  return /\/reveal\.js\/dist\/theme\/[\w-]+\.css$/.test(file) || /\/katex\/dist\/katex(\.min)?\.css$/.test(file);
}

const BUNDLED_FONT = "'Atkinson Hyperlegible'";

/**
 * Makes a third-party stylesheet lean and local: drops `@import`s that leave the origin and the
 * fonts reveal's themes embed as base64 (their families fall back to our bundled face), and keeps
 * only the woff2 source of KaTeX's fonts (every browser reveal 6 runs in reads woff2). PostCSS
 * loads only for a deck that has such a stylesheet.
 */
export async function leanCss(css: string): Promise<string> {
  const { default: postcss } = await import('postcss');
  const root: Root = postcss.parse(css);
  const dropped = new Set<string>();
  root.walkAtRules('import', (rule) => {
    if (/(https?:)?\/\//i.test(rule.params)) rule.remove();
  });
  root.walkAtRules('font-face', (rule) => {
    let family = '';
    let src = '';
    rule.walkDecls((d) => {
      if (d.prop === 'font-family') family = d.value.replace(/["']/g, '').trim();
      if (d.prop === 'src') src = d.value;
    });
    if (/data:/i.test(src)) {
      dropped.add(family.toLowerCase());
      rule.remove();
      return;
    }
    rule.walkDecls('src', (d) => {
      const woff2 = d.value.split(/,(?![^(]*\))/).filter((part) => /format\(\s*["']?woff2/i.test(part));
      if (woff2.length > 0) d.value = woff2.join(',');
    });
  });
  if (dropped.size > 0) {
    root.walkDecls((d) => {
      if (d.prop !== 'font-family' && !/^--r-.*font$/.test(d.prop)) return;
      const families = d.value.split(',').map((f) => f.trim());
      if (!families.some((f) => dropped.has(f.replace(/["']/g, '').toLowerCase()))) return;
      const kept = families.filter((f) => !dropped.has(f.replace(/["']/g, '').toLowerCase()));
      d.value = [BUNDLED_FONT, ...kept].join(', ');
    });
  }
  return root.toString();
}

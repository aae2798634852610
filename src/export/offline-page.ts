import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { injectDownloads } from './downloads.ts';
import { pageCharacters, subsetFonts } from './font-subset.ts';
import { inlineSite } from './offline-html.ts';

/**
 * Fonts of the site that together weigh less than this go into the offline page whole. Cutting
 * the bundled typeface's three faces (about 53 KB) saves some 28 KB of a page of 330 KB, and costs
 * close to a second of CPU beside the prints (woff2's Brotli at its highest setting, run as
 * wasm); a math deck's KaTeX faces (about 300 KB more) are worth it.
 */
export const CUT_FONTS_ABOVE_BYTES = 128 * 1024;

/** True when the site's fonts (their sizes in bytes) are heavy enough to cut down for the offline page. */
export function worthCutting(fontBytes: readonly number[]): boolean {
  return fontBytes.reduce((a, b) => a + b, 0) > CUT_FONTS_ABOVE_BYTES;
}

/**
 * Writes the single-file offline page of the site built in `siteDir` into `file` (temp file +
 * rename) and resolves to its size. It needs only the built site, not the PDFs: the offline
 * page lists no downloads (links to files beside it would be dead on a USB stick), so the
 * export starts it as soon as the site is there and it runs while Chromium prints.
 */
export async function writeOfflinePage(siteDir: string, file: string): Promise<number> {
  const read = (p: string): Buffer | null => {
    const full = path.join(siteDir, p);
    return full.startsWith(siteDir + path.sep) && existsSync(full) ? readFileSync(full) : null;
  };
  const html = injectDownloads(readFileSync(path.join(siteDir, 'index.html'), 'utf8'), []);
  const assets = readdirSync(path.join(siteDir, 'assets'));
  const names = assets.filter((a) => a.endsWith('.woff2')).map((f) => `assets/${f}`);
  const whole = names.map((n) => read(n)!);
  const fonts = new Map<string, Uint8Array>();
  if (worthCutting(whole.map((f) => f.length))) {
    // Cut to the characters the page can show (its text, and its code's strings).
    const code = assets.filter((f) => /\.(js|css)$/.test(f)).map((f) => read(`assets/${f}`)?.toString('utf8') ?? '');
    const subsets = await subsetFonts(whole, pageCharacters(html, ...code));
    names.forEach((n, i) => fonts.set(n, subsets[i]!));
  }
  const offline = inlineSite(html, (p) => fonts.get(p) ?? read(p));
  await writeFileAtomic(file, offline);
  return Buffer.byteLength(offline);
}

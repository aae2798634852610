import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { injectDownloads } from './downloads.ts';
import { pageCharacters, subsetFonts } from './font-subset.ts';
import { inlineSite } from './offline-html.ts';

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
  // Fonts cut to the characters the page can show (its text, and its code's strings).
  const assets = readdirSync(path.join(siteDir, 'assets'));
  const code = assets.filter((f) => /\.(js|css)$/.test(f)).map((f) => read(`assets/${f}`)?.toString('utf8') ?? '');
  const characters = pageCharacters(html, ...code);
  const names = assets.filter((a) => a.endsWith('.woff2')).map((f) => `assets/${f}`);
  const subsets = await subsetFonts(
    names.map((n) => read(n)!),
    characters,
  );
  const fonts = new Map(names.map((n, i) => [n, subsets[i]!]));
  const offline = inlineSite(html, (p) => fonts.get(p) ?? read(p));
  await writeFileAtomic(file, offline);
  return Buffer.byteLength(offline);
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Remote files the deck's author named. The engine itself never asks for anything off the deck's
 * origin, so a request to another site is either a file the author put in the deck (a remote
 * image, background, video, iframe, or a `url()` in the deck's CSS) or something nobody wrote
 * into it (a script's stray fetch, a tracker): the first is a warning (it will be missing
 * offline), an error with --offline-strict; the second is always an error.
 */

/** The http(s) URLs a stylesheet loads: `url(…)` and `@import "…"`. */
export function remoteUrlsInCss(css: string): string[] {
  const urls = new Set<string>();
  for (const m of css.matchAll(/url\(\s*(['"]?)(https?:\/\/[^'")\s]+)\1\s*\)|@import\s+(['"])(https?:\/\/[^'"]+)\3/gi))
    urls.add((m[2] ?? m[4])!);
  return [...urls];
}

/** The remote URLs the built deck's stylesheets (its CSS files and `<style>` in index.html) load. */
export function readCssRemoteUrls(distDir: string): Set<string> {
  const urls = new Set<string>();
  const add = (css: string) => remoteUrlsInCss(css).forEach((u) => urls.add(new URL(u).href));
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) add(m[1]!);
  for (const entry of readdirSync(distDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.css'))
      add(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return urls;
}

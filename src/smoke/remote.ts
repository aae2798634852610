import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SlideNames } from '../contract/dom.ts';

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

/**
 * In the page: the slide (0-based) holding an element that loads `url` (an image, a video or
 * its poster, a `<source>`, an iframe, reveal's `data-src` and `data-background-*`, an inline
 * style's `url()`); -1 when no slide loads it. A link's target is not loaded by the page, so a
 * request for it was not made by the link: `<a href>` does not count.
 */
export async function slideLoadingUrlInPage(url: string, { slide, attr }: SlideNames): Promise<number> {
  if (document.readyState === 'loading')
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  const attrs = [
    'src',
    'poster',
    'data-src',
    'data-background-image',
    'data-background-video',
    'data-background-iframe',
    'srcset',
  ];
  const same = (ref: string): boolean => {
    try {
      return ref !== '' && new URL(ref, document.baseURI).href === url;
    } catch {
      return false;
    }
  };
  for (const el of document.querySelectorAll<HTMLElement>(`.reveal .slides ${slide}, .reveal .slides ${slide} *`)) {
    const refs: string[] = [];
    for (const name of attrs) {
      const value = el.getAttribute(name);
      if (!value) continue;
      if (name === 'srcset') refs.push(...value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? ''));
      else if (name === 'data-background-video') refs.push(...value.split(',').map((part) => part.trim()));
      else refs.push(value);
    }
    // An SVG <image> names its file in href; an inline style in url(…).
    if (el.tagName.toLowerCase() === 'image') refs.push(el.getAttribute('href') ?? '');
    for (const m of (el.getAttribute('style') ?? '').matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) refs.push(m[2]!);
    if (!refs.some(same)) continue;
    const section = el.closest(slide);
    const index = Number(section?.getAttribute(attr) ?? NaN);
    if (Number.isInteger(index)) return index;
  }
  return -1;
}

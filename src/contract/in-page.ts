/**
 * Functions the tools run inside the built page with puppeteer's `page.evaluate`. Each is
 * serialised on its own, so each is self-contained: no imports, no calls to other helpers
 * (the page needs `NAME_SHIM` from dom.ts for the names esbuild adds).
 */

import type { SlideNames } from './dom.ts';

/**
 * The slide (0-based) holding an element that loads `url`: an image (also an SVG `<image>`), a
 * video or its poster, a `<source>`, an iframe, reveal's `data-src` and `data-background-*`, an
 * inline style's `url(…)`, also in the print layout's page backgrounds; -1 when no slide loads it
 * (a favicon). A link's target is not loaded by the page, so `<a href>` does not count.
 */
export async function slideLoadingUrl(url: string, { slide, attr }: SlideNames): Promise<number> {
  // The preload scanner asks for images before the parser has built their elements.
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
  for (const el of document.querySelectorAll<HTMLElement>('.reveal *')) {
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
    // In the print layout a slide's background sits beside its section, in the same page.
    const section = el.closest(slide) ?? el.closest('.pdf-page')?.querySelector(slide);
    const index = Number(section?.getAttribute(attr) ?? NaN);
    if (Number.isInteger(index)) return index;
  }
  return -1;
}

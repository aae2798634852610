/**
 * Functions the tools run inside the built page with puppeteer's `page.evaluate`. Each is
 * serialised on its own, so each is self-contained: no imports, no calls to other helpers
 * (the page needs `NAME_SHIM` from dom.ts for the names esbuild adds).
 */

/**
 * The slide (0-based) holding an element that loads `url`: an image, a video, a poster, a
 * background (reveal's `data-background-*`, or a style's `url(…)`, also in the print layout's
 * page backgrounds); -1 when no slide uses it (a favicon).
 */
export async function slideUsingUrl(url: string): Promise<number> {
  // The preload scanner asks for images before the parser has built their elements.
  if (document.readyState === 'loading')
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  const attrs = [
    'src',
    'href',
    'poster',
    'data-src',
    'data-background-image',
    'data-background-video',
    'data-background-iframe',
    'srcset',
  ];
  const uses = (el: HTMLElement): boolean => {
    const refs: string[] = [];
    for (const attr of attrs) {
      const value = el.getAttribute(attr);
      if (!value) continue;
      if (attr === 'srcset') refs.push(...value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? ''));
      else refs.push(value);
    }
    const background = el.style.backgroundImage.replace(/^url\("?|"?\)$/g, '');
    if (background) refs.push(background);
    return refs.some((ref) => {
      try {
        return ref !== '' && new URL(ref, document.baseURI).href === url;
      } catch {
        return false;
      }
    });
  };
  for (const el of document.querySelectorAll<HTMLElement>('.reveal *')) {
    if (!uses(el)) continue;
    const section =
      el.closest('section[data-deck-index]') ?? el.closest('.pdf-page')?.querySelector('section[data-deck-index]');
    const index = Number(section?.getAttribute('data-deck-index') ?? NaN);
    if (Number.isInteger(index)) return index;
  }
  return -1;
}

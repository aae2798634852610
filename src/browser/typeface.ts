import { BUNDLED_TYPEFACE, FONTS_CLASS } from '../contract/dom.ts';

/**
 * Lets the bundled typeface load (theme.css holds it back for the first paint) and asks for all
 * its faces at once, so that `document.fonts.ready` covers them from here on. A face that fails
 * leaves its fallback in place, drawn to the same measure.
 */
export function loadTypeface(): void {
  const root = document.documentElement;
  root.classList.add(FONTS_CLASS);
  // A deck that set its own --deck-font does not use the bundled faces: nothing to fetch.
  if (!getComputedStyle(root).getPropertyValue('--deck-font').includes(BUNDLED_TYPEFACE)) return;
  for (const face of document.fonts)
    if (face.family.replace(/["']/g, '') === BUNDLED_TYPEFACE) face.load().catch(() => {});
}

import { parseHTML } from 'linkedom/worker';
import type { CompileResult } from '../compile.ts';
import type { Slide } from '../model.ts';
import { escapeAttr, escapeText } from '../render/escape.ts';
import { linkPreviewTags } from './link-preview.ts';

/** The engine's icon, inlined so a deck without public/favicon.svg makes no request that 404s. */
export const DEFAULT_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#00535b"/><rect x="7" y="9" width="18" height="12" rx="1.5" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M16 21v4M11 25h10" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>',
  );

/**
 * Inline event handlers (onclick="…") are how injected markup would run script, so the page
 * forbids them. `script-src-attr` leaves <script> elements alone, so the bundle, the offline
 * file's inlined scripts and file:// all work. A deck whose own raw HTML uses on* attributes
 * keeps them working: the policy is left out for it.
 */
export const CSP_NO_INLINE_HANDLERS = "script-src-attr 'none'";

/** True when the markup carries an on* attribute (the author's raw HTML). */
export function hasInlineHandlers(html: string): boolean {
  if (!/\son[a-z]*\s*=/i.test(html)) return false;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('*'))
    for (const name of el.getAttributeNames()) if (/^on/i.test(name)) return true;
  return false;
}

/**
 * True when a slide, its notes or its `<!-- .slide: -->` attributes carry an on* attribute.
 * Slide by slide: text such as `x, one = 1` in a code block passes the quick test, and then only
 * its slide is parsed, not the megabytes of a large deck.
 */
export function slidesHaveInlineHandlers(slides: readonly Pick<Slide, 'html' | 'notesHtml' | 'attributes'>[]): boolean {
  return slides.some(
    (s) =>
      Object.keys(s.attributes).some((name) => /^on/i.test(name)) ||
      hasInlineHandlers(s.html) ||
      hasInlineHandlers(s.notesHtml),
  );
}

/** Where the slides go in `src/index.html`. */
export const SECTIONS_MARKER = '<!--deck:sections-->';

/**
 * Markup Vite's HTML build step would change if it saw it: elements it bundles, inlines or
 * resolves against the engine's folder (scripts, styles, links, meta, embeds, SVG images and
 * uses, inputs, objects, tracks), srcsets, `vite-ignore`, and `url()`/`image-set()` in inline
 * styles. Images, media and backgrounds are not among them: the compiler has already turned
 * every local one into an `./assets/…` URL, which Vite leaves as it is.
 */
const VITE_HTML =
  /<(?:script|style|link|meta|embed|image|input|object|track|use)[\s/>]|\s(?:srcset|imagesrcset|vite-ignore)[\s=/>]|url\(|image-set\(/i;

/**
 * True when the slides hold nothing Vite's HTML build step would change, so they may skip it and
 * join the page after it (`fillSections`). Vite parses the whole page to find its scripts and
 * assets; for a deck of a thousand code slides that parse of megabytes of markup it does not
 * change took longer than compiling the deck.
 */
export function sectionsCanSkipVite(sectionsHtml: string): boolean {
  return !VITE_HTML.test(sectionsHtml);
}

/** Puts the slides where `fillTemplate(…, { sections: false })` left the marker. */
export function fillSections(html: string, sectionsHtml: string): string {
  const at = html.indexOf(SECTIONS_MARKER);
  if (at < 0) throw new Error('the page lost its slides marker (<!--deck:sections-->)');
  return html.slice(0, at) + sectionsHtml + html.slice(at + SECTIONS_MARKER.length);
}

/**
 * Fills `src/index.html`'s placeholders with the compiled deck. Every value is escaped for the
 * context it lands in, and inserted by a replacer function, so "$&" or "$'" in a title stays text
 * (a replacement string would expand them). `icon` is the deck's own `public/favicon.svg` when it
 * has one. With `sections: false` the slides' marker stays, for `fillSections` to fill later.
 */
export function fillTemplate(
  html: string,
  { deck, sectionsHtml }: CompileResult,
  icon: string = DEFAULT_ICON,
  { sections = true }: { sections?: boolean } = {},
): string {
  const { meta } = deck;
  const description = meta.description || meta.subtitle || meta.title;
  const csp = slidesHaveInlineHandlers(deck.slides)
    ? ''
    : `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(CSP_NO_INLINE_HANDLERS)}" />`;
  const values: Record<string, string> = {
    '%DECK_DESCRIPTION%': escapeAttr(description),
    '%DECK_AUTHOR%': escapeAttr(meta.authors.join(', ')),
    '%DECK_KEYWORDS%': escapeAttr(meta.keywords.join(', ')),
    '%DECK_ICON%': escapeAttr(icon),
    '<!--deck:csp-->': csp,
    '<!--deck:preview-->': linkPreviewTags(meta, description).trim(),
    [SECTIONS_MARKER]: sections ? sectionsHtml : SECTIONS_MARKER,
  };
  // One pass over the template: a value that happens to contain a placeholder is never re-filled.
  return html.replace(
    /<html lang="[^"]*"|<title>[^<]*<\/title>|%DECK_[A-Z]+%|<!--deck:(?:csp|preview|sections)-->/g,
    (placeholder) => {
      if (placeholder.startsWith('<html'))
        return `<html lang="${escapeAttr(meta.lang)}" data-deck-theme="${escapeAttr(meta.theme)}"`;
      if (placeholder.startsWith('<title>')) return `<title>${escapeText(meta.title)}</title>`;
      return values[placeholder] ?? placeholder;
    },
  );
}

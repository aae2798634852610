// The one boundary where data (front matter, bibliography fields, file names) becomes markup.
// Every value that is not the author's own markup goes through exactly one of these, chosen by
// the context it lands in.

/** Text content of an element. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The value of a double- or single-quoted attribute. */
export function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// Browsers drop ASCII tab and newlines anywhere in a URL and leading C0 controls and spaces, so
// "java\tscript:" is a javascript: URL; the scheme is judged after the same clean-up.
const IGNORED_IN_URL = /[\u0000-\u0020\u007f]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * The URL as a link target when it may become one: http:, https:, mailto: or a relative URL
 * (a path, `#anchor` or `?query`); null for every other scheme (javascript:, data:, vbscript:…).
 */
export function safeLinkUrl(url: string): string | null {
  const scheme = SCHEME.exec(url.replace(IGNORED_IN_URL, ''))?.[1];
  if (scheme === undefined) return url;
  return LINK_SCHEMES.has(scheme.toLowerCase()) ? url : null;
}

/** True for references into the deck's own files: not URLs with a scheme, `//host`, anchors, queries or data. */
export function isLocalRef(ref: string): boolean {
  return ref !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|#|\?)/i.test(ref.replace(IGNORED_IN_URL, ''));
}

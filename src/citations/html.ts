// Post-processing of citeproc-js HTML output.

/**
 * One bibliography entry as inline HTML: drops citeproc's `<div class="csl-entry">` wrapper,
 * turns the number/label column of numeric styles into spans, and folds its pretty-printing
 * whitespace. Pure.
 */
export function entryHtml(raw: string): string {
  return raw
    .trim()
    .replace(/^<div class="csl-entry">([\s\S]*)<\/div>$/, '$1')
    .replace(/<div class="(csl-[a-z-]+)">([\s\S]*?)<\/div>/g, '<span class="$1">$2</span>')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** MLA prints web addresses without the scheme; the link target keeps it. DOIs stay whole. */
export function dropUrlSchemes(html: string): string {
  return html.replace(
    /(<a href="https?:\/\/([^"]*)">)https?:\/\/([^<]*)<\/a>/g,
    (whole, open: string, host: string, text: string) =>
      host.startsWith('doi.org/') || host !== text ? whole : `${open}${text}</a>`,
  );
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Plain text of an HTML fragment: tags stripped, entities decoded. Pure. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return (name && NAMED[name.toLowerCase()]) ?? whole;
    });
}

/**
 * render/: the one configured Marked instance and slide markup: Slide -> <section>, Deck -> markup.
 * Pure: no file I/O, no output.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { markedSmartypants } from 'marked-smartypants';
import { citationPattern, parseCitation, type CiteRef } from '../citations/cite.ts';
import { escapeText, safeLinkUrl } from './escape.ts';

/** What the markdown renderer needs from the rest of the compile. */
export interface MarkdownContext {
  /** HTML for one in-text citation cluster. */
  cite(refs: CiteRef[]): string;
}

interface CitationToken extends Tokens.Generic {
  type: 'citation';
  raw: string;
  refs: CiteRef[];
}

/** `[@key]`, `[@key, p. 12]`, `[@a; @b]`: pandoc's citation syntax, rendered by the deck's CSL style. */
function citationExtension(ctx: MarkdownContext): TokenizerAndRendererExtension {
  return {
    name: 'citation',
    level: 'inline',
    start: (src: string) => {
      const i = src.indexOf('[@');
      return i < 0 ? undefined : i;
    },
    tokenizer(src: string): CitationToken | undefined {
      const m = citationPattern('y').exec(src);
      const refs = m?.[1] ? parseCitation(m[1]) : null;
      if (!m || !refs) return undefined;
      return { type: 'citation', raw: m[0], refs };
    },
    renderer: (token) => ctx.cite((token as CitationToken).refs),
  };
}

/** A fresh Marked per compile: extensions never leak between decks (no global marked.use()). */
export function createMarkdown(ctx: MarkdownContext): Marked {
  const md = new Marked({ gfm: true, async: false });
  md.use(markedSmartypants());
  md.use({ extensions: [citationExtension(ctx)] });
  // A markdown link or image is data to check: only http:, https:, mailto: and relative targets
  // (and data: for images) become one. Raw HTML <a href> stays the author's choice.
  md.use({
    renderer: {
      link(token) {
        return safeLinkUrl(token.href) === null ? this.parser.parseInline(token.tokens) : false;
      },
      image(token) {
        return safeLinkUrl(token.href) === null && !/^data:image\//i.test(token.href) ? escapeText(token.text) : false;
      },
    },
  });
  return md;
}

export function renderMarkdown(md: Marked, text: string): string {
  return md.parse(text, { async: false });
}

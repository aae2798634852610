import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { markedSmartypants } from 'marked-smartypants';
import { parseCitation, type CiteRef } from '../citations/cite.ts';
import { renderCodeBlock } from './highlight.ts';
import { mathExtensions } from './math.ts';

/** What the markdown renderer needs from the rest of the compile. */
export interface MarkdownContext {
  /** HTML for one in-text citation cluster. */
  cite(refs: CiteRef[]): string;
  /** Set when a slide has code or math, so their CSS ships only with decks that use them. */
  uses?: DeckUses;
}

/** What a deck's slides use beyond plain markdown. */
export interface DeckUses {
  code: boolean;
  math: boolean;
}

interface CitationToken extends Tokens.Generic {
  type: 'citation';
  raw: string;
  refs: CiteRef[];
}

const CITATION = /^\[(-?@[^[\]\n]+)\]/;

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
      const m = CITATION.exec(src);
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
  const uses = ctx.uses ?? { code: false, math: false };
  md.use({ extensions: [citationExtension(ctx), ...mathExtensions(uses)] });
  md.use({
    renderer: {
      code({ text, lang }) {
        uses.code = true;
        return renderCodeBlock(text, lang ?? '');
      },
    },
  });
  return md;
}

export function renderMarkdown(md: Marked, text: string): string {
  return md.parse(text, { async: false });
}

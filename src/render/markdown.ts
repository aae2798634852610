/**
 * render/: the one configured Marked instance and slide markup: Slide -> <section>, Deck -> markup.
 * Pure: no file I/O, no output.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { markedSmartypants } from 'marked-smartypants';
import { citationPattern, parseCitation, type CiteRef } from '../citations/cite.ts';
import { escapeText, safeLinkUrl } from './escape.ts';
import { renderCodeBlock } from './highlight.ts';
import { mathExtensions } from './math.ts';

/** What the markdown renderer needs from the rest of the compile. */
export interface MarkdownContext {
  /** HTML for one in-text citation cluster. */
  cite(refs: CiteRef[]): string;
  /** Set when a slide has code or math, so their CSS ships only with decks that use them. */
  uses?: DeckUses;
  /** Where finished code and math wait while the slide is processed; the caller restores them. */
  islands?: Islands;
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

/** Stands in for finished code or math markup (U+E000 n U+E001) until the slide's HTML is done. */
const ISLAND = /\uE000(\d+)\uE001/g;

/**
 * Finished markup (highlighted code, KaTeX) set aside while the slide is rendered and processed,
 * and put back at the end: smartypants must not curl the quotes inside it, and neither it nor the
 * build-time DOM need read its kilobytes (a deck of 1,000 code slides builds in a fraction of the
 * time). Each compile has its own.
 */
export class Islands {
  private readonly kept: string[] = [];
  /** The placeholder for `html`. */
  keep(html: string): string {
    return `\uE000${this.kept.push(html) - 1}\uE001`;
  }
  /** `html` with every placeholder replaced by its markup. */
  restore(html: string): string {
    return html.replace(ISLAND, (_, i: string) => this.kept[Number(i)] ?? '');
  }
  /** `text` without placeholders (for titles and word counts). */
  static strip(text: string): string {
    return text.replace(ISLAND, '');
  }
}

/** A fresh Marked per compile: extensions never leak between decks (no global marked.use()). */
export function createMarkdown(ctx: MarkdownContext): Marked {
  const md = new Marked({ gfm: true, async: false });
  md.use(markedSmartypants());
  const held = ctx.islands ?? new Islands();
  const uses = ctx.uses ?? { code: false, math: false };
  md.use({ extensions: [citationExtension(ctx), ...mathExtensions(uses, (h) => held.keep(h))] });
  // A block shown again (the same code on the next slide, stepped differently in prose) is
  // highlighted once; its markup waits in one island for every place that shows it.
  const codeBlocks = new Map<string, string>();
  // A markdown link or image is data to check: only http:, https:, mailto: and relative targets
  // (and data: for images) become one. Raw HTML <a href> stays the author's choice.
  md.use({
    renderer: {
      code({ text, lang }) {
        uses.code = true;
        const key = `${lang ?? ''}\u0000${text}`;
        let html = codeBlocks.get(key);
        if (html === undefined) {
          html = renderCodeBlock(text, lang ?? '', (inner) => held.keep(inner));
          codeBlocks.set(key, html);
        }
        return html;
      },
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

import { createRequire } from 'node:module';
import type Katex from 'katex';
import type { TokenizerAndRendererExtension, Tokens } from 'marked';

// Loaded the first time a deck has a formula: a deck without math does not wait for KaTeX.
const requireKatex = createRequire(import.meta.url);
let katexModule: typeof Katex | undefined;
const katex = (): typeof Katex => (katexModule ??= requireKatex('katex') as typeof Katex);

/**
 * TeX in markdown, rendered at build time by KaTeX with reveal's math plugin's delimiters:
 * `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` on their own. KaTeX writes MathML beside the
 * visible HTML, so screen readers read the formula. Dollar signs follow pandoc's rule (the
 * opening `$` has no space after it, the closing one none before it and no digit after it), so
 * "$5 and $10" stays text.
 */

/** A TeX formula KaTeX refused; the compiler turns it into a DeckError at its line. */
export class MathError extends Error {
  constructor(
    readonly tex: string,
    /** Offset of the error inside `tex`, when KaTeX knows it. */
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'MathError';
  }
}

interface MathToken extends Tokens.Generic {
  type: 'math' | 'mathBlock';
  raw: string;
  tex: string;
  display: boolean;
}

const INLINE_DOLLAR = /^\$(?![\s$])((?:\\[\s\S]|[^\\$])+?)(?<![\s\\])\$(?!\d)/;
const INLINE_DISPLAY = /^\$\$((?:\\[\s\S]|[^\\$])+?)\$\$/;
const INLINE_PAREN = /^\\\(([\s\S]+?)\\\)/;
const INLINE_BRACKET = /^\\\[([\s\S]+?)\\\]/;
const BLOCK_DOLLAR = /^ {0,3}\$\$([\s\S]+?)\$\$[^\S\n]*(?:\n+|$)/;
const BLOCK_BRACKET = /^ {0,3}\\\[([\s\S]+?)\\\][^\S\n]*(?:\n+|$)/;

/** KaTeX's HTML (with MathML) for one formula; throws MathError on bad TeX. */
export function renderTex(tex: string, display: boolean): string {
  try {
    return katex().renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
  } catch (err) {
    if (err instanceof katex().ParseError) {
      const e = err as InstanceType<typeof Katex.ParseError> & { position?: number; rawMessage?: string };
      throw new MathError(tex, typeof e.position === 'number' ? e.position : 0, e.rawMessage ?? e.message);
    }
    throw err;
  }
}

/** Marks what the deck uses, so its CSS ships only when needed. */
export interface MathUse {
  math: boolean;
}

/** `wrap` may set the finished markup aside from later passes (see markdown.ts). */
export function mathExtensions(
  use: MathUse,
  wrap: (html: string) => string = (h) => h,
): TokenizerAndRendererExtension[] {
  // A formula met again (a deck repeats its notation) is rendered once: KaTeX is the slow part.
  const rendered = new Map<string, string>();
  const render = (token: Tokens.Generic): string => {
    use.math = true;
    const t = token as MathToken;
    const key = `${t.display ? 'display' : 'inline'}\u0000${t.tex}`;
    let html = rendered.get(key);
    if (html === undefined) {
      html = wrap(renderTex(t.tex, t.display));
      rendered.set(key, html);
    }
    // A block's <p> stays a real element, so an `.element` comment after it still reaches it.
    return t.type === 'mathBlock' ? `<p class="deck-math">${html}</p>\n` : html;
  };
  const block: TokenizerAndRendererExtension = {
    name: 'mathBlock',
    level: 'block',
    start: (src: string) => {
      const m = /^ {0,3}(\$\$|\\\[)/m.exec(src);
      return m ? m.index : undefined;
    },
    tokenizer(src: string): MathToken | undefined {
      const m = BLOCK_DOLLAR.exec(src) ?? BLOCK_BRACKET.exec(src);
      if (!m?.[1]?.trim()) return undefined;
      return { type: 'mathBlock', raw: m[0], tex: m[1].trim(), display: true };
    },
    renderer: render,
  };
  const inline: TokenizerAndRendererExtension = {
    name: 'math',
    level: 'inline',
    start: (src: string) => {
      const m = /\$|\\\(|\\\[/.exec(src);
      return m ? m.index : undefined;
    },
    tokenizer(src: string): MathToken | undefined {
      const display = INLINE_DISPLAY.exec(src) ?? INLINE_BRACKET.exec(src);
      if (display?.[1]?.trim()) return { type: 'math', raw: display[0], tex: display[1].trim(), display: true };
      const m = INLINE_PAREN.exec(src) ?? INLINE_DOLLAR.exec(src);
      if (!m?.[1]?.trim()) return undefined;
      return { type: 'math', raw: m[0], tex: m[1], display: false };
    },
    renderer: render,
  };
  return [block, inline];
}

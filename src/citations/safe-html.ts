import { parseHTML } from 'linkedom/worker';
import { escapeAttr, escapeText, safeLinkUrl } from '../render/escape.ts';

// citeproc-js builds its HTML by string concatenation and copies URL and DOI values into
// href="…" unescaped, so a bibliography field could close the attribute and add markup. Its
// output is therefore parsed and rebuilt here from a short list of elements and attributes,
// every value escaped again; this is the one door between the CSL processor and the page.

/** Formatting elements CSL styles and CSL-JSON's rich text produce. */
const KEPT = new Set(['a', 'b', 'i', 'em', 'strong', 'span', 'sup', 'sub', 'div', 'br']);
/** Elements whose content is not text to show. */
const DROPPED = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'textarea', 'title']);
/** Inline style declarations CSL formatting uses (font-style, font-variant, vertical-align…): no url(), no expressions. */
const SAFE_STYLE = /^(?:\s*[a-z-]+\s*:\s*[a-z0-9 .%#-]+\s*;?)*\s*$/i;
const SAFE_CLASS = /^[\w -]*$/;

interface Node {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
  getAttribute?(name: string): string | null;
}

export interface SafeHtmlOptions {
  /** Keep links (http:, https:, mailto: or relative only); false unwraps every link to its text. */
  links: boolean;
}

// What citeproc writes for well-behaved data: formatting tags with a class, a plain style or
// an http(s)/mailto link, and text without "<". Output made only of these is already what the
// rebuild below would give, so it is kept as is (the rebuild parses a DOM: too slow per cite).
const TAG_ATTRS = String.raw`(?: (?:class="[\w -]*"|style="[a-z0-9 .%#:;-]*"))*`;
const LINK = String.raw`<a href="(?:https?:\/\/|mailto:)[^"<>\s]*">`;
const plain = (tags: string) => new RegExp(String.raw`^(?:[^<]|<\/?(?:${tags})${TAG_ATTRS}>|<br\/?>)*$`);
const PLAIN_WITH_LINKS = new RegExp(
  String.raw`^(?:[^<]|<\/?(?:i|b|em|strong|span|sup|sub|div)${TAG_ATTRS}>|<br\/?>|${LINK}|<\/a>)*$`,
);
const PLAIN_WITHOUT_LINKS = plain('i|b|em|strong|span|sup|sub|div');

/** citeproc's HTML, rebuilt with only formatting elements, classes, plain styles and safe links. Pure. */
export function sanitizeCslHtml(html: string, options: SafeHtmlOptions): string {
  if ((options.links ? PLAIN_WITH_LINKS : PLAIN_WITHOUT_LINKS).test(html)) return html;
  const { document } = parseHTML(`<!doctype html><html><body><div id="csl-root">${html}</div></body></html>`);
  const root = document.getElementById('csl-root') as unknown as Node | null;
  return root ? rebuildChildren(root, options) : escapeText(html);
}

function rebuildChildren(node: Node, options: SafeHtmlOptions): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) out += rebuild(child, options);
  return out;
}

function rebuild(node: Node, options: SafeHtmlOptions): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const tag = node.nodeName.toLowerCase();
  if (DROPPED.has(tag)) return '';
  const inner = rebuildChildren(node, options);
  if (!KEPT.has(tag)) return inner;
  if (tag === 'br') return '<br>';
  let attrs = '';
  const cls = node.getAttribute?.('class');
  if (cls && SAFE_CLASS.test(cls)) attrs += ` class="${escapeAttr(cls)}"`;
  const style = node.getAttribute?.('style');
  if (style && SAFE_STYLE.test(style)) attrs += ` style="${escapeAttr(style)}"`;
  if (tag === 'a') {
    const href = options.links ? safeLinkUrl(node.getAttribute?.('href') ?? '') : null;
    if (!href) return inner;
    attrs += ` href="${escapeAttr(href)}"`;
  }
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

import { parseHTML } from 'linkedom/worker';
import { citationPattern, parseCitation, type CiteRef } from '../citations/cite.ts';
import { parseAttributes } from '../parse/attributes.ts';
import { escapeText, isLocalRef } from './escape.ts';

/** What the compiler learns from a slide's rendered HTML. */
export interface SlideDom {
  html: string;
  /** Text of the first heading, whitespace collapsed; "" when there is none. */
  heading: string;
  /** Whole text, for titles of heading-less slides and word counts. */
  text: string;
  /** Distinct fragment steps. */
  fragments: number;
}

/** Rewrites a local asset reference; returns the URL to use. May throw a DeckError. */
export type AssetResolver = (ref: string) => string;

/** Where assets are named, in the order they are resolved: [tag (or "" for any), attribute]. */
const ASSET_ATTRS: [tag: string, attr: string][] = [
  ['img', 'src'],
  ['video', 'src'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['source', 'src'],
  ['iframe', 'src'],
  ['a', 'href'],
  ['', 'data-background-image'],
  ['', 'data-background-video'],
  ['', 'data-background-iframe'],
  ['', 'data-src'],
];

export { isLocalRef } from './escape.ts';

/** reveal reads these attributes as comma-separated lists of sources. */
const LIST_ATTRS = new Set(['data-background-video']);

/** Resolves each local URL of an asset attribute's value (a list for a background video). */
export function resolveAssetValue(attr: string, value: string, resolveAsset: AssetResolver): string {
  if (!LIST_ATTRS.has(attr)) return isLocalRef(value) ? resolveAsset(value) : value;
  return value
    .split(',')
    .map((part) => (isLocalRef(part.trim()) ? resolveAsset(part.trim()) : part.trim()))
    .join(',');
}

/**
 * Applies `<!-- .element: -->` comments the way reveal's markdown plugin does (to the previous
 * element sibling, else the parent), resolves local assets, and reads title and fragments.
 */
export function processSlideHtml(
  html: string,
  resolveAsset: AssetResolver,
  cite?: (refs: CiteRef[]) => string,
): SlideDom {
  const { document } = parseHTML(`<!doctype html><html><body><div id="deck-root">${html}</div></body></html>`);
  const root = document.getElementById('deck-root');
  if (!root) throw new Error('linkedom lost the slide root');
  applyElementComments(root, root);
  if (cite && html.includes('[@')) renderRawCitations(root as unknown as DomNode, document, cite);
  const found = scan(root as unknown as ScanNode);
  found.assets.forEach((elements, i) => {
    const attr = ASSET_ATTRS[i]![1];
    for (const el of elements) {
      const ref = el.getAttribute(attr) ?? '';
      if (attr === 'href' && (ref.endsWith('.md') || !isLocalRef(ref))) continue;
      el.setAttribute(attr, resolveAssetValue(attr, ref, resolveAsset));
    }
  });
  return {
    html: root.innerHTML,
    heading: collapse(found.heading?.textContent ?? ''),
    text: collapse(root.textContent ?? ''),
    fragments: found.fragments,
  };
}

interface ScanNode {
  nodeType: number;
  localName: string;
  childNodes: ArrayLike<ScanNode>;
  textContent: string | null;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

interface Scan {
  /** Elements carrying each entry of ASSET_ATTRS, in document order. */
  assets: ScanNode[][];
  /** The first h1–h6. */
  heading: ScanNode | null;
  /** Distinct fragment steps: loose fragments plus distinct data-fragment-index values. */
  fragments: number;
}

/**
 * One walk over the slide's elements for what selectors would find (assets, first heading,
 * fragments): linkedom compiles each selector on every call, which cost more than the parse
 * itself over a thousand slides.
 */
function scan(root: ScanNode): Scan {
  const assets: ScanNode[][] = ASSET_ATTRS.map(() => []);
  let heading: ScanNode | null = null;
  const indexed = new Set<string>();
  let loose = 0;
  const visit = (node: ScanNode) => {
    const children = node.childNodes;
    for (let c = 0; c < children.length; c++) {
      const el = children[c]!;
      if (el.nodeType !== 1) continue;
      const tag = el.localName;
      ASSET_ATTRS.forEach(([want, attr], i) => {
        if ((want === '' || want === tag) && el.hasAttribute(attr)) assets[i]!.push(el);
      });
      if (heading === null && /^h[1-6]$/.test(tag)) heading = el;
      if (el.getAttribute('class')?.split(/\s+/).includes('fragment')) {
        const idx = el.getAttribute('data-fragment-index');
        if (idx === null) loose++;
        else indexed.add(idx);
      }
      visit(el);
    }
  };
  visit(root);
  return { assets, heading, fragments: loose + indexed.size };
}

/** Plain text and word count of a notes fragment. */
export function htmlText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><div id="r">${html}</div></body></html>`);
  return collapse(document.getElementById('r')?.textContent ?? '');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  textContent: string | null;
  setAttribute?: (name: string, value: string) => void;
  getAttribute?: (name: string) => string | null;
}

/**
 * marked leaves the text of raw HTML blocks alone, so `[@key]` typed inside a visual would show
 * as typed; render those clusters here (never inside code).
 */
function renderRawCitations(
  node: DomNode,
  document: { createElement(tag: string): { innerHTML: string; childNodes: ArrayLike<unknown> } },
  cite: (refs: CiteRef[]) => string,
): void {
  for (const child of Array.from(node.childNodes)) {
    // Not inside links: a citation is itself a link (and a rendered one may show "[@…]" as data).
    if (child.nodeType === 1 && !/^(A|CODE|PRE|SCRIPT|STYLE)$/.test(child.nodeName))
      renderRawCitations(child, document, cite);
    if (child.nodeType !== 3 || !child.textContent?.includes('[@')) continue;
    const text = child.textContent;
    let html = '';
    let last = 0;
    for (const m of text.matchAll(citationPattern('g'))) {
      const refs = m[1] ? parseCitation(m[1]) : null;
      if (!refs) continue;
      let rendered: string;
      try {
        rendered = cite(refs);
      } catch {
        // Every cluster typed in the source was checked, with its position, before rendering;
        // one that reaches here was spelled with entities (&#91;@…]) and stays text.
        continue;
      }
      html += escapeText(text.slice(last, m.index)) + rendered;
      last = (m.index ?? 0) + m[0].length;
    }
    if (last === 0) continue;
    const holder = document.createElement('span');
    holder.innerHTML = html + escapeText(text.slice(last));
    const parent = child.parentNode as unknown as {
      insertBefore(n: unknown, ref: unknown): void;
      removeChild(n: unknown): void;
    };
    for (const n of Array.from(holder.childNodes)) parent.insertBefore(n, child);
    parent.removeChild(child);
  }
}

const ELEMENT_COMMENT = /^\s*\.element\s*:?([\s\S]*)$/;

function applyElementComments(node: DomNode, root: DomNode): void {
  const children = Array.from(node.childNodes);
  children.forEach((child, i) => {
    if (child.nodeType === 1) applyElementComments(child, root);
    if (child.nodeType !== 8) return;
    const m = ELEMENT_COMMENT.exec(child.textContent ?? '');
    if (!m) return;
    // Positions were checked when the markdown was scanned; here only the values matter.
    const attrs = parseAttributes(m[1] ?? '', () => ({ file: '', line: 0, column: 0 }));
    let target: DomNode | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const prev = children[j];
      if (prev?.nodeType === 1 && prev.nodeName !== 'BR') {
        target = prev;
        break;
      }
    }
    if (!target && node !== root) target = node;
    if (!target?.setAttribute) return;
    for (const [name, value] of Object.entries(attrs)) {
      const old = name === 'class' ? target.getAttribute?.('class') : null;
      target.setAttribute(name, old ? `${old} ${value}` : value);
    }
  });
}

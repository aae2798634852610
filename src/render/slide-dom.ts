import { parseHTML } from 'linkedom';
import { parseAttributes } from '../parse/attributes.ts';

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

const ASSET_ATTRS: [selector: string, attr: string][] = [
  ['img[src]', 'src'],
  ['video[src]', 'src'],
  ['video[poster]', 'poster'],
  ['audio[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
  ['a[href]', 'href'],
  ['[data-background-image]', 'data-background-image'],
  ['[data-background-video]', 'data-background-video'],
];

/** True for references into the deck's own files (not URLs, anchors or data). */
export function isLocalRef(ref: string): boolean {
  return ref !== '' && !/^([a-z][a-z0-9+.-]*:|\/\/|#|\?)/i.test(ref);
}

/**
 * Applies `<!-- .element: -->` comments the way reveal's markdown plugin does (to the previous
 * element sibling, else the parent), resolves local assets, and reads title and fragments.
 */
export function processSlideHtml(html: string, resolveAsset: AssetResolver): SlideDom {
  const { document } = parseHTML(`<!doctype html><html><body><div id="deck-root">${html}</div></body></html>`);
  const root = document.getElementById('deck-root');
  if (!root) throw new Error('linkedom lost the slide root');
  applyElementComments(root, root);
  for (const [selector, attr] of ASSET_ATTRS) {
    for (const el of root.querySelectorAll(selector)) {
      const ref = el.getAttribute(attr) ?? '';
      if (attr === 'href' && (ref.endsWith('.md') || !isLocalRef(ref))) continue;
      if (isLocalRef(ref)) el.setAttribute(attr, resolveAsset(ref));
    }
  }
  const heading = root.querySelector('h1, h2, h3, h4, h5, h6');
  return {
    html: root.innerHTML,
    heading: collapse(heading?.textContent ?? ''),
    text: collapse(root.textContent ?? ''),
    fragments: countFragments(root),
  };
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

function countFragments(root: { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }> }): number {
  const indexed = new Set<string>();
  let loose = 0;
  for (const el of root.querySelectorAll('.fragment')) {
    const idx = el.getAttribute('data-fragment-index');
    if (idx === null) loose++;
    else indexed.add(idx);
  }
  return loose + indexed.size;
}

import { slideTitle } from '../contract/slides.ts';
import type { DeckJson } from '../model.ts';
import { pdfTextString } from './pdf-metadata.ts';

/** Where a bookmark goes: a page of the PDF (0-based), or a named destination the PDF defines. */
export type OutlineTarget = { type: 'page'; pageIndex: number } | { type: 'named'; name: string };

/** One bookmark, with its children (the vertical slides below a horizontal one). */
export interface OutlineNode {
  title: string;
  target: OutlineTarget;
  children: OutlineNode[];
}

type DeckSlide = DeckJson['slides'][number];

/** A slide's bookmark title: its title, else its number. */
export function slideLabel(slide: DeckSlide): string {
  return slideTitle(slide.title.trim(), '', slide.index);
}

/**
 * One bookmark per slide, in reading order, with the vertical slides of a stack nested under
 * its first slide (reveal's h/v indices). `target` says where each slide is; a slide it returns
 * null for (not printed) gets no bookmark, and the rest of its stack nests under the first
 * slide of the stack that has one.
 */
export function slideOutline(
  slides: readonly DeckSlide[],
  target: (slide: DeckSlide) => OutlineTarget | null,
): OutlineNode[] {
  const roots: OutlineNode[] = [];
  let stackTop: { h: number; node: OutlineNode } | null = null;
  for (const slide of slides) {
    const t = target(slide);
    if (!t) continue;
    const node: OutlineNode = { title: slideLabel(slide), target: t, children: [] };
    if (slide.v > 0 && stackTop && stackTop.h === slide.h) stackTop.node.children.push(node);
    else {
      roots.push(node);
      stackTop = { h: slide.h, node };
    }
  }
  return roots;
}

/** Number of bookmarks in a tree. */
export function countOutline(nodes: readonly OutlineNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countOutline(node.children), 0);
}

/**
 * The tree as the PDF's document outline, every level open, titles in UTF-16 where needed: PDF
 * objects in text for pdf-repack.ts, numbered from `firstNumber`, pages given by their object
 * numbers. Returns the root's number and the objects,
 * or null for an empty outline.
 */
export function outlineObjects(
  nodes: readonly OutlineNode[],
  firstNumber: number,
  pageRefs: readonly number[],
): { root: number; objects: Map<number, string> } | null {
  if (nodes.length === 0) return null;
  let next = firstNumber;
  const root = next++;
  const objects = new Map<number, string>();
  const dest = (t: OutlineTarget): string => {
    if (t.type === 'named')
      return `/${t.name.replace(/[^A-Za-z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
    const ref = pageRefs[Math.min(Math.max(t.pageIndex, 0), pageRefs.length - 1)];
    if (ref === undefined) throw new Error('cannot add an outline to a PDF without pages');
    return `[${ref} 0 R /XYZ null null null]`;
  };
  const level = (items: readonly OutlineNode[], parent: number): { first: number; last: number; count: number } => {
    const nums = items.map(() => next++);
    let count = 0;
    items.forEach((node, i) => {
      const parts = [`/Title ${pdfTextString(node.title)}`, `/Parent ${parent} 0 R`, `/Dest ${dest(node.target)}`];
      if (i > 0) parts.push(`/Prev ${nums[i - 1]} 0 R`);
      if (i < nums.length - 1) parts.push(`/Next ${nums[i + 1]} 0 R`);
      count++;
      if (node.children.length > 0) {
        const sub = level(node.children, nums[i]!);
        parts.push(`/First ${sub.first} 0 R`, `/Last ${sub.last} 0 R`, `/Count ${sub.count}`);
        count += sub.count;
      }
      objects.set(nums[i]!, `<<${parts.join('\n')}>>`);
    });
    return { first: nums[0]!, last: nums[nums.length - 1]!, count };
  };
  const top = level(nodes, root);
  objects.set(root, `<</Type /Outlines /First ${top.first} 0 R /Last ${top.last} 0 R /Count ${top.count}>>`);
  return { root, objects };
}

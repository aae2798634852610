import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REFS_SLIDE_CLASS, SLIDE_INDEX_ATTR, SLIDE_SELECTOR } from '../contract/dom.ts';
import { slideLinkTable } from '../contract/links.ts';
import type { DeckJson } from '../model.ts';
import { engineDir } from '../vite/engine-dir.ts';
import { buildHandoutDom, type HandoutDom, type HandoutInput } from './handout-dom.ts';
import type { HandoutLayout, Paper } from './options.ts';
import { slideOutline, type OutlineNode } from './pdf-outline.ts';
import type { PrintLayout } from './print-layout.ts';

/** Paper sizes in millimetres, portrait. */
export const PAPER_MM: Readonly<Record<Paper, { width: number; height: number; css: string }>> = {
  a4: { width: 210, height: 297, css: 'A4' },
  letter: { width: 215.9, height: 279.4, css: 'letter' },
};

/** Page margins in millimetres: room for the running header and footer. */
const MARGIN = { top: 20, right: 18, bottom: 18, left: 18 };
/** The 3-up layout: compact cover band on page 1, gap above each slide, ruled lines per slide. */
const THREE_UP = { cover: 18, gap: 6, rules: 8, thumbWidth: 104 };
const NOTES_THUMB_WIDTH = 116;
const PX_PER_MM = 96 / 25.4;

/** A string as a CSS string literal (for `content:` in the page's margin boxes). */
export function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ')}"`;
}

/** Sizes of the handout for a paper and layout, in millimetres; pure, so tests can check the fit. */
export function handoutGeometry(
  paper: Paper,
  layout: HandoutLayout,
): { thumbWidth: number; itemHeight: number; contentHeight: number; scale: number } {
  const p = PAPER_MM[paper];
  const contentHeight = p.height - MARGIN.top - MARGIN.bottom;
  const thumbWidth = layout === '3-up' ? THREE_UP.thumbWidth : NOTES_THUMB_WIDTH;
  // Three items and the cover band fill page 1 exactly; later pages keep the same rhythm.
  // 1 mm to spare, so that rounding never pushes the third item over the page.
  const itemHeight = layout === '3-up' ? Math.floor(((contentHeight - THREE_UP.cover - 1) / 3) * 10) / 10 : 0;
  return { thumbWidth, itemHeight, contentHeight, scale: (thumbWidth * PX_PER_MM) / 1280 };
}

/**
 * The page rules for a paper: size, margins, the talk's title in the running header and page
 * numbers in the footer (CSS margin boxes, so they use the deck's font, embedded once, and are
 * not part of the reading order).
 */
export function handoutPageCss(deck: DeckJson, paper: Paper, layout: HandoutLayout): string {
  const g = handoutGeometry(paper, layout);
  const box = `font-family: 'Atkinson Hyperlegible', sans-serif; font-size: 8.5pt; color: #3b4350;`;
  const authors = deck.authors.join(', ');
  return `
@page {
  size: ${PAPER_MM[paper].css} portrait;
  margin: ${MARGIN.top}mm ${MARGIN.right}mm ${MARGIN.bottom}mm ${MARGIN.left}mm;
  @top-left { content: ${cssString(deck.title)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: "Handout"; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(authors)}; ${box} vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: counter(page) " / " counter(pages); ${box} vertical-align: top; padding-top: 3mm; }
}
@page :first {
  @top-left { content: none; }
  @top-right { content: none; }
}
.deck-handout {
  --deck-handout-thumb-width: ${g.thumbWidth}mm;
  --deck-handout-item-height: ${g.itemHeight}mm;
  --deck-handout-cover-height: ${THREE_UP.cover}mm;
  --deck-handout-gap: ${THREE_UP.gap}mm;
}
`;
}

let handoutCss: string | null = null;
/** src/theme/handout.css, read once. */
function handoutStylesheet(): string {
  handoutCss ??= readFileSync(path.join(engineDir, 'theme/handout.css'), 'utf8');
  return handoutCss;
}

/** "17 slides · about 15 minutes". */
export function coverFacts(deck: DeckJson): string {
  const n = deck.slides.length;
  const minutes = deck.minutes ?? Math.round(deck.estimatedMinutes);
  return [`${n} slide${n === 1 ? '' : 's'}`, minutes > 0 ? `about ${minutes} minute${minutes === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' · ');
}

/** What the page needs to build the handout, from deck.json. Pure. */
export function handoutInput(deck: DeckJson, paper: Paper, layout: HandoutLayout): HandoutInput {
  const g = handoutGeometry(paper, layout);
  return {
    layout,
    css: `${handoutStylesheet()}\n${handoutPageCss(deck, paper, layout)}`,
    thumbScale: g.scale,
    rules: THREE_UP.rules,
    cover: {
      title: deck.title,
      subtitle: deck.subtitle,
      authors: deck.authors,
      date: deck.date,
      facts: coverFacts(deck),
    },
    slides: deck.slides.map((s) => ({
      index: s.index,
      v: s.v,
      id: s.id,
      title: s.title,
      notesHtml: layout === 'notes' ? s.notesHtml : '',
    })),
    references: deck.references.map((r) => ({ id: r.id, html: r.html })),
    referencesHeading: deck.referencesHeading,
    links: slideLinkTable(deck.slides),
    names: { slide: SLIDE_SELECTOR, attr: SLIDE_INDEX_ATTR, refsSlideClass: REFS_SLIDE_CLASS },
  };
}

/**
 * Turns the tab the slides were printed from into the handout and prints it: portrait paper,
 * backgrounds on (the thumbnails), tagged. Returns the PDF and the item ids for the outline.
 */
export async function printHandout(
  layout: PrintLayout,
  deck: DeckJson,
  options: { paper: Paper; layout: HandoutLayout; timeoutMs: number },
): Promise<{ pdf: Uint8Array; dom: HandoutDom }> {
  const input = handoutInput(deck, options.paper, options.layout);
  // Sent as source text: the builder runs in the page, against the page's own document.
  const dom = (await layout.page.evaluate(
    `(${buildHandoutDom.toString()})(document, ${JSON.stringify(input)})`,
  )) as HandoutDom;
  await layout.page.evaluate('document.fonts.ready.then(() => undefined)');
  const pdf = await layout.page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    timeout: options.timeoutMs,
  });
  return { pdf, dom };
}

/** The handout's bookmarks: one per slide it shows (nested as in the deck), then the Works Cited. */
export function handoutOutline(deck: DeckJson, dom: HandoutDom): OutlineNode[] {
  const ids = new Map(dom.items);
  const nodes = slideOutline(deck.slides, (s) => {
    const name = ids.get(s.index);
    return name ? { type: 'named', name } : null;
  });
  if (dom.referencesId)
    nodes.push({ title: deck.referencesHeading, target: { type: 'named', name: dom.referencesId }, children: [] });
  return nodes;
}

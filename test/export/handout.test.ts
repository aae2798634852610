import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { REFS_SLIDE_CLASS, SLIDE_INDEX_ATTR } from '../../src/contract/dom.ts';
import type { DeckJson } from '../../src/model.ts';
import { buildHandoutDom } from '../../src/export/handout-dom.ts';
import {
  coverFacts,
  cssString,
  handoutGeometry,
  handoutInput,
  handoutOutline,
  handoutPageCss,
  PAPER_MM,
} from '../../src/export/handout.ts';

type Slide = DeckJson['slides'][number];
const slide = (index: number, h: number, v: number, id: string, title: string, notesHtml = ''): Slide => ({
  index,
  h,
  v,
  id,
  title,
  notesWords: 0,
  notesText: '',
  notesHtml,
  fragments: 0,
  citations: [],
  source: { file: 'slides/talk.md', startLine: 1, endLine: 2 },
});

const deck: DeckJson = {
  title: 'A “quoted” talk',
  subtitle: 'Sub',
  authors: ['Ada Author', 'Bo Writer'],
  date: '2026-01-15',
  lang: 'en',
  description: '',
  keywords: [],
  slug: 'talk',
  minutes: 5,
  slides: [
    slide(0, 0, 0, 'intro', 'Intro', '<p>Hello <a class="deck-cite" href="#/refs">(Doe)</a>.</p>'),
    slide(1, 1, 0, 'top', 'Top', '<p>Top notes.</p>'),
    slide(2, 1, 1, 'child', 'Child', ''),
    slide(3, 2, 0, 'refs', 'Works Cited', '<p>Sources.</p>'),
  ],
  references: [{ id: 'doe', html: 'Doe. <a href="https://example.org/doe">example.org/doe</a>.', text: 'Doe.' }],
  referencesHeading: 'Works Cited',
  estimatedMinutes: 1,
};

/** reveal's print layout, as the page has it when the slides PDF was printed: a fragment step of slide 2 included. */
function printLayoutDocument() {
  const page = (i: number, extra = '', cls = '') =>
    `<div class="pdf-page"><div class="slide-background"></div><section id="${deck.slides[i]!.id}" ${SLIDE_INDEX_ATTR}="${i}" class="${cls}"><h2>${deck.slides[i]!.title}${extra}</h2><a href="#/1/1">to child</a></section></div>`;
  return parseHTML(`<!doctype html><html class="reveal-print print-pdf"><head><style>@page{size:1280px 720px; margin: 0px;}</style></head>
<body style="width: 1280px; height: 720px"><div class="reveal"><div class="slides">
${page(0)}${page(1)}${page(2, ' step 1')}${page(2, ' step 2')}${page(3, '', REFS_SLIDE_CLASS)}
</div></div></body></html>`).document;
}

describe('handout layout', () => {
  it('fits three slides and the cover band on a page, on A4 and on Letter', () => {
    for (const paper of ['a4', 'letter'] as const) {
      const g = handoutGeometry(paper, '3-up');
      expect(3 * g.itemHeight + 18).toBeLessThanOrEqual(g.contentHeight);
      expect(g.thumbWidth).toBeLessThan(PAPER_MM[paper].width - 36 - 40); // room for the lines
    }
    expect(handoutGeometry('a4', 'notes').scale).toBeCloseTo((116 * 96) / 25.4 / 1280);
  });

  it('puts the paper, the title in the header and page numbers in the footer into @page', () => {
    const css = handoutPageCss(deck, 'letter', 'notes');
    expect(css).toContain('size: letter portrait');
    expect(css).toContain(
      '@top-left { content: "A \\u201cquoted\\u201d talk"'.replace(/\\u201c|\\u201d/g, (m) =>
        m === '\\u201c' ? '“' : '”',
      ),
    );
    expect(css).toContain('counter(page) " / " counter(pages)');
    expect(cssString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\A d"');
    expect(coverFacts(deck)).toBe('4 slides · about 5 minutes');
  });

  it('turns the print layout into cover, one item per slide (last fragment step), notes, then Works Cited', () => {
    const doc = printLayoutDocument();
    const input = handoutInput(deck, 'a4', 'notes');
    const dom = buildHandoutDom(doc as unknown as Document, input);
    expect(dom.items).toEqual([
      [0, 'handout-slide-1'],
      [1, 'handout-slide-2'],
      [2, 'handout-slide-3'],
    ]);
    expect(dom.referencesId).toBe('handout-works-cited');
    expect(doc.querySelector('style')?.textContent).not.toContain('size:1280px');
    const main = doc.querySelector('main.deck-handout')!;
    expect(main.getAttribute('data-layout')).toBe('notes');
    expect(main.querySelector('h1')!.textContent).toBe(deck.title);
    const items = [...main.querySelectorAll('article.deck-handout-item')];
    expect(items.map((a) => a.querySelector('h2')!.textContent)).toEqual(['Intro', 'Top', 'Child step 2']);
    expect(items[0]!.querySelector('.deck-handout-notes')!.textContent).toBe('Hello (Doe).');
    expect(items[2]!.querySelector('.deck-handout-notes')).toBeNull(); // no notes, no empty block
    expect(items[2]!.classList.contains('deck-handout-vertical')).toBe(true);
    // Links to the Works Cited slide go to the handout's list; links between slides to their items.
    expect(items[0]!.querySelector('a.deck-cite')!.getAttribute('href')).toBe('#handout-works-cited');
    expect(items[0]!.querySelector('section a')!.getAttribute('href')).toBe('#handout-slide-3');
    const refs = main.querySelector('#handout-works-cited')!;
    expect(refs.querySelector('h2')!.textContent).toBe('Works Cited');
    expect(refs.querySelector('a')!.getAttribute('href')).toBe('https://example.org/doe');
    expect([...main.querySelectorAll('.deck-handout-dests a')].map((a) => a.getAttribute('href'))).toEqual([
      '#handout-slide-1',
      '#handout-slide-2',
      '#handout-slide-3',
      '#handout-works-cited',
    ]);
    expect(doc.querySelector('body > .reveal')!.hasAttribute('hidden')).toBe(true);
  });

  it('gives 3-up items ruled lines instead of notes', () => {
    const doc = printLayoutDocument();
    buildHandoutDom(doc as unknown as Document, handoutInput(deck, 'a4', '3-up'));
    const item = doc.querySelector('article.deck-handout-item')!;
    expect(item.querySelector('.deck-handout-notes')).toBeNull();
    expect(item.querySelectorAll('.deck-handout-lines .deck-handout-rule')).toHaveLength(8);
    expect(item.querySelector('.deck-handout-lines')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('bookmarks each item, nested like the deck, then the Works Cited', () => {
    const tree = handoutOutline(deck, {
      items: [
        [0, 'handout-slide-1'],
        [1, 'handout-slide-2'],
        [2, 'handout-slide-3'],
      ],
      referencesId: 'handout-works-cited',
    });
    expect(tree.map((n) => n.title)).toEqual(['Intro', 'Top', 'Works Cited']);
    expect(tree[1]!.children[0]).toEqual({
      title: 'Child',
      target: { type: 'named', name: 'handout-slide-3' },
      children: [],
    });
  });
});

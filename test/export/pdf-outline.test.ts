import { describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { countOutline, outlineObjects, slideOutline } from '../../src/export/pdf-outline.ts';
import { firstPageOfSlides } from '../../src/export/print-layout.ts';
import { slidesOutline } from '../../src/export/print-slides.ts';

type Slide = DeckJson['slides'][number];
const slide = (index: number, h: number, v: number, title: string, fragments = 0): Slide => ({
  index,
  h,
  v,
  id: `s${index}`,
  title,
  notesWords: 0,
  notesText: '',
  notesHtml: '',
  fragments,
  citations: [],
  source: { file: 'slides/talk.md', startLine: 1, endLine: 2 },
});
const slides = [
  slide(0, 0, 0, 'Title'),
  slide(1, 1, 0, 'Stack top'),
  slide(2, 1, 1, 'Child one', 2),
  slide(3, 1, 2, ''),
  slide(4, 2, 0, 'End'),
];

describe('PDF outline from deck.json', () => {
  it('has one entry per slide, vertical slides nested under their stack’s first slide', () => {
    const tree = slideOutline(slides, (s) => ({ type: 'page', pageIndex: s.index }));
    expect(tree.map((n) => n.title)).toEqual(['Title', 'Stack top', 'End']);
    expect(tree[1]!.children.map((n) => n.title)).toEqual(['Child one', 'Slide 4']);
    expect(countOutline(tree)).toBe(5);
  });

  it('points each slide at the first page it is printed on (fragments and tall slides take more)', () => {
    const pages = [
      { slide: 0, span: 1 },
      { slide: 1, span: 2 },
      { slide: 2, span: 1 },
      { slide: 2, span: 1 },
      { slide: 2, span: 1 },
      { slide: 3, span: 1 },
      { slide: 4, span: 1 },
    ];
    expect([...firstPageOfSlides(pages)]).toEqual([
      [0, 0],
      [1, 1],
      [2, 3],
      [3, 6],
      [4, 7],
    ]);
    const deck = { slides } as DeckJson;
    const tree = slidesOutline(deck, { pages });
    expect(tree[1]!.children[0]!.target).toEqual({ type: 'page', pageIndex: 3 });
  });

  it('leaves out slides that were not printed; the rest of a stack nests under its first printed slide', () => {
    const tree = slideOutline(slides, (s) => (s.index === 1 ? null : { type: 'named', name: `n${s.index}` }));
    expect(tree.map((n) => n.title)).toEqual(['Title', 'Child one', 'End']);
    expect(tree[1]!.children.map((n) => n.title)).toEqual(['Slide 4']);
  });

  it('writes outline objects with UTF-16 titles, counts and links between siblings', () => {
    const tree = slideOutline([slide(0, 0, 0, 'Ünïcödé “quotes”'), slide(1, 0, 1, 'Child')], (s) => ({
      type: 'page',
      pageIndex: s.index,
    }));
    const out = outlineObjects(tree, 100, [7, 9])!;
    expect(out.root).toBe(100);
    const texts = [...out.objects.values()].join('\n');
    expect(out.objects.get(100)).toBe('<</Type /Outlines /First 101 0 R /Last 101 0 R /Count 2>>');
    expect(texts).toContain('/Title <FEFF00DC');
    expect(texts).toContain('/Dest [7 0 R /XYZ null null null]');
    expect(texts).toContain('/Dest [9 0 R /XYZ null null null]');
    expect(outlineObjects([], 1, [1])).toBeNull();
  });
});

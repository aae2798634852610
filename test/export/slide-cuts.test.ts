import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { SLIDE_INDEX_ATTR } from '../../src/contract/dom.ts';
import { findSlideCuts, partDocument } from '../../src/export/slide-cuts.ts';

/** A built page as the build writes one: head, `.reveal .slides` with slides and a vertical stack, scripts after. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A &amp; B</title>
<script>document.documentElement.classList.add('deck-js');</script>
<style>section::after { content: "</section>"; }</style></head>
<body>
<div class="reveal"><div class="slides">
<section id="one" data-deck-index="0"><h2>One</h2><a href="#/three">to three</a><p>a <br> b</section>
<section class="deck-stack">
<section id="two" data-deck-index="1"><h2 id="two-h">Two</h2><img src="a.png" alt=""><a href="#one">back</a></section>
<section id="three" data-deck-index="2"><h2>Three &lt;section&gt;</h2><script>var s = "<section>";</script></section>
</section>
<!-- a comment between slides -->
<section id="works" data-deck-index="3"><h2>Works</h2><p id="ref-doe">Doe</p></section>
</div></div>
<div class="after">after the slides</div>
</body></html>`;

const indexes = (html: string): number[] =>
  [...parseHTML(html).document.querySelectorAll(`section[${SLIDE_INDEX_ATTR}]`)].map((s) =>
    Number(s.getAttribute(SLIDE_INDEX_ATTR)),
  );

describe('findSlideCuts and partDocument', () => {
  const cuts = findSlideCuts(PAGE, SLIDE_INDEX_ATTR)!;

  it('finds each top-level slide or stack of `.reveal .slides`, with the slides, ids and links inside it', () => {
    expect(cuts.sections.map((s) => s.indexes)).toEqual([[0], [1, 2], [3]]);
    expect(cuts.sections.map((s) => s.ids)).toEqual([['one'], ['two', 'two-h', 'three'], ['works', 'ref-doe']]);
    expect(cuts.sections.map((s) => s.links)).toEqual([['#/three'], ['#one'], []]);
    for (const s of cuts.sections) {
      expect(PAGE.slice(s.start, s.start + 8)).toBe('<section');
      expect(PAGE.slice(s.end - 10, s.end)).toBe('</section>');
    }
  });

  it('a part page keeps its slides and every byte outside the slides; the rest goes, with its ids and links', () => {
    const part = partDocument(cuts, { from: 3, to: 4 });
    expect(indexes(part.html)).toEqual([3]);
    expect(part.indexes).toEqual([3]);
    expect(part.awayIds).toEqual(['one', 'two', 'two-h', 'three']);
    expect(part.awayLinks).toEqual(['#/three', '#one']);
    // Head, scripts, the comment and what follows the slides are as built.
    const [head] = PAGE.split('<section id="one"');
    expect(part.html.startsWith(head!)).toBe(true);
    expect(part.html).toContain('<!-- a comment between slides -->');
    expect(part.html.endsWith(PAGE.slice(PAGE.indexOf('</div></div>')))).toBe(true);
  });

  it('a stack that straddles the range stays whole (the page drops its other slides); the pieces add up to the page', () => {
    const first = partDocument(cuts, { from: 0, to: 2 });
    const second = partDocument(cuts, { from: 2, to: 4 });
    expect(indexes(first.html)).toEqual([0, 1, 2]);
    expect(first.indexes).toEqual([0, 1]);
    expect(indexes(second.html)).toEqual([1, 2, 3]);
    expect(second.indexes).toEqual([2, 3]);
    expect(second.awayIds).toEqual(['one']);
    expect(partDocument(cuts, { from: 0, to: 4 }).html).toBe(PAGE);
  });

  it('gives up on a page not as the build writes it: the caller then loads the whole page', () => {
    expect(findSlideCuts('<div class="slides"><section data-deck-index="0"></section></div>', SLIDE_INDEX_ATTR)).toBe(
      null,
    );
    // A slide the parser must close itself: the browser could close it elsewhere.
    expect(
      findSlideCuts(
        '<div class="reveal"><div class="slides"><section data-deck-index="0"><p>open</div></div>',
        SLIDE_INDEX_ATTR,
      ),
    ).toBe(null);
    expect(findSlideCuts('<div class="reveal"><div class="slides"></div></div>', SLIDE_INDEX_ATTR)).toBe(null);
  });
});

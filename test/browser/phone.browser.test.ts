import type { Page } from 'puppeteer-core';
import { describe, expect, inject, it } from 'vitest';
import {
  deckState,
  deckUrl,
  openDeck,
  PHONE,
  showSlide,
  TABLET,
  waitForSlide,
  useReadingFixture,
} from './reader-page.ts';

const reading = useReadingFixture();

/** Widest box in the page and the page's own scroll widths, with the reading view scrolled to each slide. */
async function overflowWhileReading(page: Page): Promise<{ slide: number; offender: string }[]> {
  const total = await page.evaluate(() => document.querySelectorAll('section[data-deck-index]').length);
  const found: { slide: number; offender: string }[] = [];
  for (let i = 0; i < total; i++) {
    await showSlide(page, i);
    const offender = await page.evaluate(() => {
      const root = document.scrollingElement!;
      if (root.scrollWidth > root.clientWidth) return `html scrollWidth ${root.scrollWidth} > ${root.clientWidth}`;
      if (document.body.scrollWidth > document.body.clientWidth) return `body scrollWidth ${document.body.scrollWidth}`;
      // Nothing visible may stick out of the screen sideways either (clipped content is lost content).
      for (const el of document.querySelectorAll<HTMLElement>('.scroll-page section *, .deck-toolbar *')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.bottom < 0 || r.top > innerHeight || el.closest('.deck-sr, aside.notes::before'))
          continue;
        if (r.left < -1 || r.right > innerWidth + 1) return `${el.tagName}.${el.className} ${r.left}–${r.right}`;
      }
      return '';
    });
    if (offender) found.push({ slide: i, offender });
  }
  return found;
}

/** Rendered size of every visible text run in the slides, notes and controls, in CSS px. */
const smallestText = () => {
  let smallest = { size: Infinity, text: '' };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (
      !el ||
      !node.textContent?.trim() ||
      el.closest('.deck-sr, .aria-status, .speaker-notes, script, dialog:not([open])')
    )
      continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) continue;
    const size = parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom ?? 1);
    if (size < smallest.size) smallest = { size, text: node.textContent.trim().slice(0, 40) };
  }
  return smallest;
};

describe('phones and tablets', () => {
  for (const [name, viewport] of [
    ['390×844', PHONE],
    ['768×1024', TABLET],
  ] as const) {
    it(`reading the starter deck at ${name}: nothing overflows sideways, text is at least 16 px`, async () => {
      const { page, errors } = await openDeck(reading.browser, deckUrl(inject('distDir'), { query: '?mode=read' }), {
        viewport,
        mobile: true,
      });
      expect(await overflowWhileReading(page)).toEqual([]);
      const sizes: number[] = [];
      const total = await page.evaluate(() => document.querySelectorAll('section[data-deck-index]').length);
      for (let i = 0; i < total; i++) {
        await showSlide(page, i);
        const s = await page.evaluate(smallestText);
        expect(s.size, `slide ${i + 1}: "${s.text}"`).toBeGreaterThanOrEqual(16);
        sizes.push(s.size);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('the fixture (long notes, a 4-column table) does not overflow at 390×844 either', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist), { viewport: PHONE, mobile: true });
    expect((await deckState(page)).mode).toBe('read');
    expect(await overflowWhileReading(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every control is a tap target of at least 44×44 px, in both modes', async () => {
    for (const query of ['?mode=read', '?mode=present']) {
      const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query }), {
        viewport: PHONE,
        mobile: true,
      });
      await page.evaluate(() =>
        localStorage.setItem('deck:reading-fixture:position', JSON.stringify({ index: 2, id: 'long-notes' })),
      );
      await page.goto(deckUrl(reading.dist, { query }));
      await page.waitForSelector('.deck-resume button');
      await page.click('.deck-toolbar .deck-contents-button');
      await page.waitForSelector('#deck-contents[open]');
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.deck-ui button, .deck-ui a'))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 44 || r.height < 44)
          .map(({ el, r }) => `${el.textContent?.trim()} ${r.width}×${r.height}`),
      );
      const count = await page.evaluate(() => document.querySelectorAll('.deck-ui button, .deck-ui a').length);
      expect(count).toBeGreaterThan(10); // toolbar, resume offer, menu close and 9 entries
      expect(small, query).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  for (const [name, viewport, query] of [
    ['390×844 (?mode=present)', PHONE, '?mode=present'],
    ['768×1024 (presenting by default)', TABLET, ''],
  ] as const) {
    it(`swiping moves between slides when presenting at ${name}`, async () => {
      const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query, hash: '#/roadmap' }), {
        viewport,
        mobile: true,
      });
      expect((await deckState(page)).mode).toBe('present');
      const swipe = async (dx: number, dy: number) => {
        const x = viewport.width / 2;
        const y = viewport.height / 2;
        await page.touchscreen.touchStart(x, y);
        for (let step = 1; step <= 5; step++)
          await page.touchscreen.touchMove(x + (dx * step) / 5, y + (dy * step) / 5);
        await page.touchscreen.touchEnd();
      };
      await swipe(-200, 0);
      await waitForSlide(page, 2);
      await swipe(200, 0);
      await waitForSlide(page, 1);
      // Into the vertical stack and down it.
      await showSlide(page, 3);
      await swipe(0, -250);
      await waitForSlide(page, 4);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';
import type { DeckJson } from '../../src/model.ts';

const session = useBrowser();

// The slides are prerendered, so with JavaScript off the page is a document: every slide in
// order with its notes beneath, and nothing wider than the screen.
describe('the built starter deck with JavaScript off', () => {
  it.each([
    [1280, 720],
    [390, 844],
  ])('at %i×%i every slide and its notes are visible, nothing overflows sideways', async (width, height) => {
    const distDir = inject('distDir');
    const deck = JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson;
    const page = await session.browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setViewport({ width, height });
      await page.goto(pathToFileURL(path.join(distDir, 'index.html')).href, { waitUntil: 'load' });
      const state = await page.evaluate(() => {
        const shown = (el: Element | null) =>
          !!el && (el as HTMLElement).offsetHeight > 0 && getComputedStyle(el).visibility !== 'hidden';
        const sections = [...document.querySelectorAll('section[data-deck-index]')];
        return {
          slides: sections.map((s) => ({
            shown: shown(s),
            notes: shown(s.querySelector('aside.notes')),
            heading: s.querySelector('h1, h2, h3')?.textContent ?? '',
          })),
          tops: sections.map((s) => s.getBoundingClientRect().top),
          overflow: document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth,
        };
      });
      expect(state.slides).toHaveLength(deck.slides.length);
      expect(state.slides.filter((s) => !s.shown)).toEqual([]);
      expect(state.slides.filter((s) => !s.notes)).toEqual([]);
      expect([...state.tops].sort((a, b) => a - b)).toEqual(state.tops); // in reading order
      expect(state.overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.close();
    }
  });
});

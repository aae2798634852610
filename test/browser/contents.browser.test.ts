import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { buildReadingFixture, deckUrl, openDeck, startBrowser, waitForSlide } from './reader-page.ts';

let browser: Browser;
let dist: string;
let deckJson: DeckJson;

beforeAll(async () => {
  dist = await buildReadingFixture();
  deckJson = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const tocEntries = () =>
  Array.from(document.querySelectorAll<HTMLAnchorElement>('#deck-contents .deck-toc a'), (a) => ({
    title: a.querySelector('.deck-toc-title')?.textContent ?? '',
    href: a.getAttribute('href'),
    current: a.getAttribute('aria-current'),
  }));

describe('table of contents', () => {
  it('lists every slide by its deck.json title, marks the current one, and jumps (presenting)', async () => {
    const { page, errors } = await openDeck(browser, deckUrl(dist, { hash: '#/roadmap' }));
    await page.click('.deck-toolbar .deck-contents-button');
    await page.waitForSelector('#deck-contents[open]');
    const entries = await page.evaluate(tocEntries);
    expect(entries.map((e) => e.title)).toEqual(deckJson.slides.map((s) => s.title.trim()));
    expect(entries.map((e) => e.href)).toEqual(deckJson.slides.map((s) => `#/${s.id}`));
    expect(entries.findIndex((e) => e.current === 'true')).toBe(1);
    // Focus starts on the current slide's entry.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#/roadmap');

    await page.click('#deck-contents a[href="#/stack-child"]');
    await waitForSlide(page, 4, 'present');
    expect(await page.$('#deck-contents[open]')).toBeNull();
    // Focus goes back to the button that opened the menu.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('deck-contents-button');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('jumps while reading, with the slide at the top of the screen and focus on it', async () => {
    const { page, errors } = await openDeck(browser, deckUrl(dist, { query: '?mode=read' }));
    await page.keyboard.press('t');
    await page.waitForSelector('#deck-contents[open]');
    await page.click('#deck-contents a[href="#/last"]');
    await waitForSlide(page, 8, 'read');
    const placed = await page.evaluate(() => ({
      top: document.getElementById('last')!.closest('.scroll-page')!.getBoundingClientRect().top,
      focused: document.activeElement?.id,
    }));
    expect(placed.top).toBeGreaterThan(40);
    expect(placed.top).toBeLessThan(120);
    expect(placed.focused).toBe('last');
    await page.waitForFunction(() => window.location.hash === '#/last');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Escape closes it and focus returns to the button', async () => {
    const { page, errors } = await openDeck(browser, deckUrl(dist));
    await page.focus('.deck-toolbar .deck-contents-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#deck-contents[open]');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#deck-contents[open]'));
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('deck-contents-button');
    // Escape in the menu did not also toggle reveal's overview.
    expect(await page.evaluate(() => window.Reveal.isOverview())).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a link to #deck-contents on a slide (the roadmap) opens it', async () => {
    const { page, errors } = await openDeck(browser, deckUrl(dist, { hash: '#/roadmap' }));
    await page.click('#roadmap a[href="#deck-contents"]');
    await page.waitForSelector('#deck-contents[open]');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/roadmap');
    expect(errors).toEqual([]);
    await page.close();
  });
});

import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDir, type StaticServer } from '../../src/chromium/serve.ts';
import { buildReadingFixture, deckUrl, openDeck, PHONE, startBrowser } from './reader-page.ts';

let browser: Browser;
let server: StaticServer;
let dist: string;

beforeAll(async () => {
  dist = await buildReadingFixture();
  server = await serveDir(dist, { base: '/talks/deck/' });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** In the page before its scripts: what was in place when reveal said ready, and when the deck did. */
function recordReadiness(): void {
  const w = window as unknown as Record<string, unknown>;
  const state = () => ({
    notes: window.Reveal?.hasPlugin('notes') ?? false,
    search: window.Reveal?.hasPlugin('search') ?? false,
    contents: document.querySelectorAll('#deck-contents .deck-toc a').length,
  });
  document.addEventListener('ready', () => (w.atRevealReady = state()), true);
  document.addEventListener('deck:ready', () => (w.atDeckReady = state()));
}

describe('start-up', () => {
  it('over http, preloads the fonts the first layout asks for, each downloaded once and used', async () => {
    const page = await browser.newPage();
    const fontRequests: string[] = [];
    const warnings: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'font') fontRequests.push(new URL(r.url()).pathname);
    });
    page.on('console', (m) => {
      if (m.type() === 'warn' || m.type() === 'error') warnings.push(m.text());
    });
    await page.setViewport({ ...PHONE, isMobile: true, hasTouch: true });
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
    await page.evaluate(() => document.fonts.ready);
    const { preloads, fonts } = await page.evaluate(() => ({
      preloads: Array.from(
        document.head.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="font"]'),
        (l) => new URL(l.href).pathname,
      ).sort(),
      fonts: Array.from(document.fonts, (f) => `${f.family} ${f.style} ${f.weight}: ${f.status}`).sort(),
    }));
    expect(preloads.length).toBeGreaterThan(0);
    expect(preloads.every((p) => p.startsWith('/talks/deck/assets/') && p.endsWith('.woff2'))).toBe(true);
    // One request per font: the page's own @font-face load reused the preloaded download.
    expect([...fontRequests].sort()).toEqual(preloads);
    expect(fonts).toEqual([
      'Atkinson Hyperlegible italic 400: loaded',
      'Atkinson Hyperlegible normal 400: loaded',
      'Atkinson Hyperlegible normal 700: loaded',
    ]);
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('from file://, preloads nothing (Chromium would refuse it) and loads its fonts as before', async () => {
    const { page, errors } = await openDeck(browser, deckUrl(dist), { viewport: PHONE, mobile: true });
    await page.evaluate(() => document.fonts.ready);
    expect(await page.$$eval('link[rel="preload"]', (links) => links.length)).toBe(0);
    expect(await page.evaluate(() => Array.from(document.fonts, (f) => f.status))).toEqual([
      'loaded',
      'loaded',
      'loaded',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const mode of ['read', 'present']) {
    it(`(${mode}) the speaker view, search and contents come after reveal starts, and before the deck says ready`, async () => {
      const { page, errors } = await openDeck(browser, deckUrl(dist, { query: `?mode=${mode}` }), {
        viewport: PHONE,
        mobile: true,
        beforeLoad: recordReadiness,
      });
      const recorded = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { atRevealReady: w.atRevealReady, atDeckReady: w.atDeckReady };
      });
      expect(recorded).toEqual({
        atRevealReady: { notes: false, search: false, contents: 0 },
        atDeckReady: { notes: true, search: true, contents: 9 },
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

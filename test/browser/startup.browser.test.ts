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
  it('over http, starts loading the fonts while the page is parsed, each downloaded once and used', async () => {
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
    const { loaded, preloads, bundleStart } = await page.evaluate(() => ({
      loaded: [
        ...new Set(
          Array.from(document.fonts, (f) => `${f.family.replace(/"/g, '')} ${f.style} ${f.weight}: ${f.status}`),
        ),
      ]
        .filter((f) => f.endsWith('loaded'))
        .sort(),
      preloads: document.querySelectorAll('link[rel="preload"]').length,
      bundleStart: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.js'))?.startTime ?? Infinity,
    }));
    expect(loaded).toEqual([
      'Atkinson Hyperlegible italic 400: loaded',
      'Atkinson Hyperlegible normal 400: loaded',
      'Atkinson Hyperlegible normal 700: loaded',
    ]);
    // Three files, each once (the stylesheet's faces did not fetch them again), from the deck's folder.
    expect(fontRequests).toHaveLength(3);
    expect(new Set(fontRequests).size).toBe(3);
    expect(fontRequests.every((p) => p.startsWith('/talks/deck/assets/') && p.endsWith('.woff2'))).toBe(true);
    // Asked for while the page was parsed, not once the bundle had laid the slides out.
    const fontStarts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.woff2'))
        .map((e) => e.startTime),
    );
    expect(Math.max(...fontStarts)).toBeLessThan(
      await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.toJSON().domInteractive as number),
    );
    expect(preloads).toBe(0);
    expect(Number.isFinite(bundleStart)).toBe(true);
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('from file://, loads its fonts from the stylesheet as before (Chromium refuses a font load by script there)', async () => {
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

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

/** In the page: the status of each bundled face (the fallback faces beside them are system fonts). */
function bundledFaces(): string[] {
  return Array.from(document.fonts)
    .filter((f) => f.family.replace(/["']/g, '') === 'Atkinson Hyperlegible')
    .map((f) => f.status);
}

/** In the page before its scripts: what was in place when reveal said ready, and when the deck did. */
function recordReadiness(): void {
  const w = window as unknown as Record<string, unknown>;
  const state = () => ({
    notes: window.Reveal?.hasPlugin('notes') ?? false,
    search: window.Reveal?.hasPlugin('search') ?? false,
    contents: document.querySelectorAll('#deck-contents .deck-toc a').length,
    typeface: Array.from(document.fonts)
      .filter((f) => f.family.replace(/["']/g, '') === 'Atkinson Hyperlegible')
      .map((f) => f.status),
  });
  document.addEventListener(
    'ready',
    () => {
      w.atRevealReady = state();
      requestAnimationFrame(() => (w.framed = true));
    },
    true,
  );
  // When the saved reading place is first read: localStorage's first touch can stall a phone.
  const owner = Object.getOwnPropertyDescriptor(window, 'localStorage') ? window : Window.prototype;
  const storage = Object.getOwnPropertyDescriptor(owner, 'localStorage')!;
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      w.storageRead ??= w.framed ? 'after the first frame' : 'before the first frame';
      return storage.get!.call(window);
    },
  });
  document.addEventListener('deck:ready', () => (w.atDeckReady = state()));
}

describe('start-up', () => {
  it('from file://, loads its fonts from the stylesheet, nothing preloaded', async () => {
    const { page, errors } = await openDeck(browser, deckUrl(dist), { viewport: PHONE, mobile: true });
    await page.evaluate(() => document.fonts.ready);
    expect(await page.$$eval('link[rel="preload"]', (links) => links.length)).toBe(0);
    // The bundled faces (the fallback faces beside them are system fonts, loaded only if used).
    const bundled = await page.evaluate(bundledFaces);
    expect(bundled).toEqual(['loaded', 'loaded', 'loaded']);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [mode, from] of [
    ['read', 'http'],
    ['present', 'http'],
    ['read', 'file'],
  ] as const) {
    it(`(${mode}, ${from}) the speaker view, search, contents, fonts and the saved place come after reveal starts, and before the deck says ready`, async () => {
      const url = from === 'http' ? `${server.url}?mode=${mode}` : deckUrl(dist, { query: `?mode=${mode}` });
      const { page, errors } = await openDeck(browser, url, {
        viewport: PHONE,
        mobile: true,
        beforeLoad: recordReadiness,
      });
      const recorded = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { atRevealReady: w.atRevealReady, atDeckReady: w.atDeckReady, storageRead: w.storageRead };
      });
      // Over a network the bundled faces are not asked for before the first slide is up; from
      // files on this computer they are at once. Either way they are by the time the deck is ready.
      const { atRevealReady, atDeckReady } = recorded as Record<
        'atRevealReady' | 'atDeckReady',
        { typeface: string[] }
      >;
      expect(recorded).toEqual({
        atRevealReady: { notes: false, search: false, contents: 0, typeface: atRevealReady.typeface },
        atDeckReady: { notes: true, search: true, contents: 9, typeface: atDeckReady.typeface },
        storageRead: 'after the first frame',
      });
      const asked = (statuses: string[]) =>
        statuses.length === 3 && statuses.every((status) => status === 'loading' || status === 'loaded');
      if (from === 'http') expect(atRevealReady.typeface).toEqual(['unloaded', 'unloaded', 'unloaded']);
      else expect(asked(atRevealReady.typeface)).toBe(true);
      expect(asked(atDeckReady.typeface)).toBe(true);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(bundledFaces)).toEqual(['loaded', 'loaded', 'loaded']);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

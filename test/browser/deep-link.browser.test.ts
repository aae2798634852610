import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDir, type StaticServer } from '../../src/chromium/serve.ts';
import { buildFixture } from '../helpers/build-deck.ts';
import { deckState, LAPTOP, openDeck, PHONE, startBrowser, waitForSlide } from './reader-page.ts';

/*
 * A reading-mode deep link on a slow connection: the page is shown (and scrolled to the linked
 * slide) before its fonts and a picture above the slide have arrived. When they do, the pages
 * above the slide change height. The slide must stay at the top of the screen, current and named
 * in the address, until the reader scrolls. The browser's own scroll anchoring is switched off, as
 * Safari (every browser on an iPhone) has none: the page must keep its place itself.
 */

const TARGET = { id: 'target', index: 3 };
/** Longer than any hold the page might time out, as a slow phone network can be. */
const LATE_MS = 3000;

let browser: Browser;
let server: StaticServer;
/** Fonts and the picture are answered only once the test opens this gate. */
let gate: { open: () => void; opened: Promise<void> };

function newGate(): typeof gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

beforeAll(async () => {
  const { distDir } = await buildFixture(path.resolve(import.meta.dirname, 'fixtures/late-layout'));
  gate = newGate();
  server = await serveDir(distDir, {
    base: '/talk/',
    intercept: async (req) => {
      if (/\.(woff2|svg)(\?|$)/.test(req.url ?? '')) await gate.opened;
      return false;
    },
  });
  browser = await startBrowser();
});

afterAll(async () => {
  gate?.open();
  await browser?.close();
  await server?.close();
});

/** Runs in the page before its scripts: no scroll anchoring, and a record of every slide and address. */
function recordWithoutScrollAnchoring(): void {
  const seen: { slides: string[]; hashes: string[] } = { slides: [], hashes: [] };
  (window as unknown as { deckSeen: typeof seen }).deckSeen = seen;
  const replace = history.replaceState.bind(history);
  history.replaceState = (state: unknown, unused: string, url?: string | URL | null) => {
    replace(state, unused, url);
    seen.hashes.push(location.hash);
  };
  document.addEventListener('deck:ready', () => {
    window.Reveal.on('slidechanged', () => seen.slides.push(window.Reveal.getCurrentSlide()?.id ?? ''));
  });
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = '* { overflow-anchor: none !important; }';
    document.head.append(style);
  });
}

describe('a reading-mode deep link on a slow connection', () => {
  for (const [name, viewport, mobile] of [
    ['laptop', LAPTOP, false],
    ['phone', PHONE, true],
  ] as const) {
    it(`stays on its slide while fonts and a picture arrive above it (${name}), until the reader scrolls`, async () => {
      gate = newGate();
      const context = await browser.createBrowserContext();
      try {
        // The page's load event waits for the picture: only the deck's ready signal is awaited.
        const { page, errors } = await openDeck(context, `${server.url}?mode=read#/${TARGET.id}`, {
          viewport,
          mobile,
          beforeLoad: recordWithoutScrollAnchoring,
          waitUntil: 'domcontentloaded',
        });
        await waitForSlide(page, TARGET.index, 'read');
        const topOf = () =>
          page.evaluate(
            (id) => Math.round(document.getElementById(id)!.closest('.scroll-page')!.getBoundingClientRect().top),
            TARGET.id,
          );
        const landed = await topOf();
        // The fonts and the picture have not arrived: the page was laid out without them.
        expect(await page.evaluate(() => document.querySelector('img')?.complete)).toBe(false);

        await new Promise((resolve) => setTimeout(resolve, LATE_MS));
        gate.open();
        await page.waitForFunction(
          () =>
            document.fonts.status === 'loaded' &&
            [...document.images].every((img) => img.complete && img.naturalHeight > 0) &&
            document.querySelector<HTMLElement>('.scroll-page img')!.offsetHeight > 100,
        );
        // Two frames: the layout that follows has run, and reveal has read the position again.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        // The layout above the slide did change (else this test proves nothing) …
        const above = await page.evaluate(
          () => document.querySelector<HTMLElement>('.scroll-page img')!.getBoundingClientRect().height,
        );
        expect(above).toBeGreaterThan(100);
        // … and the slide is where the link put it, current, and named in the address.
        expect(await topOf()).toBe(landed);
        expect(landed).toBeGreaterThan(40);
        expect(landed).toBeLessThan(120);
        const state = await deckState(page);
        expect(state).toMatchObject({ index: TARGET.index, hash: `#/${TARGET.id}`, mode: 'read' });
        // Not even for a moment did another slide become current or take the address.
        const seen = await page.evaluate(
          () => (window as unknown as { deckSeen: { slides: string[]; hashes: string[] } }).deckSeen,
        );
        expect(seen.slides.filter((id) => id !== TARGET.id)).toEqual([]);
        expect(seen.hashes.filter((hash) => hash !== `#/${TARGET.id}`)).toEqual([]);

        // The reader scrolls: the page follows them, not the link.
        await page.mouse.move(viewport.width / 2, viewport.height / 2);
        await page.mouse.wheel({ deltaY: viewport.height });
        await page.waitForFunction(
          (i) => Number(window.Reveal.getCurrentSlide()?.dataset.deckIndex) > i,
          { timeout: 30_000 },
          TARGET.index,
        );
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

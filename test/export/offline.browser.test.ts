import { cpSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { exportDeck } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import type { DeckJson } from '../../src/model.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * The single-file page from file:// with the network off: every request that is not the file
 * itself (the speaker view loads it again with ?receiver) or a data: URI is aborted and recorded.
 */
describe('offline page (the starter deck, one file, no network)', () => {
  let browser: Browser;
  let file: string;
  let url: string;
  let deck: DeckJson;
  const others: string[] = [];
  const errors: string[] = [];

  const guarded = new WeakSet<Page>();
  const guard = async (
    page: Page,
    allow: (u: string) => boolean = (u) => u.split(/[?#]/)[0] === url,
  ): Promise<void> => {
    if (guarded.has(page)) return;
    guarded.add(page);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const u = req.url();
      if (u.startsWith('data:') || u === 'about:blank' || allow(u)) void req.continue();
      else {
        others.push(u);
        void req.abort();
      }
    });
    page.on('pageerror', (err) => errors.push(String(err)));
  };

  beforeAll(async () => {
    const dist = tempDir('deck-offline-');
    cpSync(inject('distDir'), dist, { recursive: true });
    const result = await exportDeck(
      resolveExportOptions({ only: ['offline'], build: false, outDir: dist }, process.cwd()),
    );
    file = result.files[0]!.path;
    url = pathToFileURL(file).href;
    deck = result.deck;
    browser = await launchBrowser({ executablePath: inject('executablePath') });
    // Popups (the speaker view) get the same guard as the page that opened them.
    browser.on('targetcreated', (target) => {
      if (target.opener())
        void target
          .page()
          .then((p) => (p ? guard(p) : undefined))
          .catch(() => {});
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is one small file', () => {
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThan(600 * 1024);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="stylesheet"|url\(\.\/|src="\.\/assets/);
  });

  it('starts from file:// with no network: reveal, every slide, fonts, search, speaker view with notes', async () => {
    const page = await browser.newPage();
    await guard(page);
    await page.goto(`${url}?mode=present`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', { timeout: 30_000 });
    const state = await page.evaluate(() => ({
      total: window.Reveal.getTotalSlides(),
      sections: document.querySelectorAll('.reveal .slides section[data-deck-index]').length,
      fonts: [...document.fonts].map((f) => f.status),
    }));
    expect(state.total).toBe(deck.slides.length);
    expect(state.sections).toBe(deck.slides.length);
    expect(state.fonts.length).toBeGreaterThan(0);
    expect(state.fonts.every((s) => s === 'loaded' || s === 'unloaded')).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('16px "Atkinson Hyperlegible"'))).toBe(true);

    // Search (reveal's plugin): opens and finds a word of the third slide.
    await page.evaluate(() => (window.Reveal.getPlugin('search') as unknown as { open(): void }).open());
    await page.waitForSelector('.searchbox', { visible: true });

    // Speaker view: a popup that loads this same file with ?receiver in two iframes.
    const popupTarget = browser.waitForTarget((t) => t.opener() === page.target());
    await page.evaluate(() => (window.Reveal.getPlugin('notes') as unknown as { open(): void }).open());
    const popup = (await (await popupTarget).page())!;
    const firstNotes = deck.slides[0]!.notesText.slice(0, 40);
    await popup.waitForFunction(
      (t: string) => document.querySelector('.speaker-controls-notes .value')?.textContent?.includes(t),
      { timeout: 30_000 },
      firstNotes,
    );
    await page.evaluate(() => window.Reveal.next());
    const secondNotes = deck.slides[1]!.notesText.slice(0, 40);
    await popup.waitForFunction(
      (t: string) => document.querySelector('.speaker-controls-notes .value')?.textContent?.includes(t),
      { timeout: 30_000 },
      secondNotes,
    );
    // The popup's own document is written by the plugin (its URL is ours); the previews are its iframes.
    const frames = popup
      .frames()
      .filter((f) => f.parentFrame() !== null && f.url().startsWith(`${url}?`) && f.url().includes('receiver'));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const f of frames)
      await f.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', {
        timeout: 30_000,
        polling: 100,
      }); // rAF may not run in a popup's iframes

    expect(others).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('behaves like the built page in reading mode (?mode=read)', async () => {
    const probe = async (pageUrl: string, allow?: (u: string) => boolean) => {
      const page = await browser.newPage();
      await guard(page, allow);
      await page.goto(pageUrl, { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', { timeout: 30_000 });
      const state = await page.evaluate(() => ({
        mode: document.documentElement.dataset.deckMode ?? null,
        scrollView: (window.Reveal as unknown as { isScrollView(): boolean }).isScrollView(),
        slides: window.Reveal.getTotalSlides(),
        downloads: document.getElementById('deck-downloads') !== null,
      }));
      await page.close();
      return state;
    };
    const offline = await probe(`${url}?mode=read`);
    const distUrl = pathToFileURL(path.dirname(file)).href;
    const built = await probe(`${distUrl}/index.html?mode=read`, (u) => u.startsWith(`${distUrl}/`));
    // The single file travels alone, so it lists no PDFs to download; otherwise it reads the same.
    expect(offline.downloads).toBe(false);
    expect({ ...offline, downloads: built.downloads }).toEqual(built);
    expect(offline.slides).toBe(deck.slides.length);
    expect(others).toEqual([]);
    expect(errors).toEqual([]);
  });
});

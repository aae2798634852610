import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { beforeAll, inject } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { buildFixture } from '../helpers/build-deck.ts';
import { useBrowser } from '../helpers/browser.ts';

/** Viewports the reader must work at: a laptop, a phone and a tablet (portrait). */
export const LAPTOP = { width: 1280, height: 720 };
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 768, height: 1024 };

const root = path.resolve(import.meta.dirname, '../..');

export function startBrowser(): Promise<Browser> {
  return launchBrowser({ executablePath: inject('executablePath') });
}

/** What most reader test files share: the reading fixture built once, and one browser. */
export function useReadingFixture(): { readonly browser: Browser; readonly dist: string } {
  const session = useBrowser();
  let dist: string | undefined;
  beforeAll(async () => {
    dist = await buildReadingFixture();
  });
  return {
    get browser(): Browser {
      return session.browser;
    },
    get dist(): string {
      if (!dist) throw new Error('the reading fixture is built in beforeAll: use it inside a test or hook');
      return dist;
    },
  };
}

/** The reader fixture (9 slides: long notes, a vertical stack, a table, a heading-less slide). */
export async function buildReadingFixture(): Promise<string> {
  const { distDir } = await buildFixture(path.join(root, 'test/browser/fixtures/reading'));
  return distDir;
}

export function deckUrl(distDir: string, { query = '', hash = '' }: { query?: string; hash?: string } = {}): string {
  return `${pathToFileURL(path.join(distDir, 'index.html')).href}${query}${hash}`;
}

export interface DeckPage {
  page: Page;
  /** Page errors, console errors and failed requests: every test expects none. */
  errors: string[];
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Phone or tablet: touch events and a mobile viewport. */
  mobile?: boolean;
  reducedMotion?: boolean;
  /** Runs in the page before its scripts (to break localStorage, for instance). */
  beforeLoad?: () => void;
  /** What navigation waits for before the deck's ready signal. @default "load" */
  waitUntil?: 'load' | 'domcontentloaded';
}

/** Opens the deck in a new tab of `browser` (or of a browser context) and waits until it is ready. */
export async function openDeck(
  browser: { newPage(): Promise<Page> },
  url: string,
  options: OpenOptions = {},
): Promise<DeckPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  const mobile = options.mobile ?? false;
  await page.setViewport({ ...(options.viewport ?? LAPTOP), isMobile: mobile, hasTouch: mobile });
  if (options.reducedMotion) await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  if (options.beforeLoad) await page.evaluateOnNewDocument(options.beforeLoad);
  await page.goto(url, { waitUntil: options.waitUntil ?? 'load' });
  await waitReady(page);
  return { page, errors };
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', { timeout: 30_000 });
}

export interface DeckState {
  mode: string | undefined;
  scrollView: boolean;
  /** data-deck-index of reveal's current slide. */
  index: number;
  id: string;
  hash: string;
  search: string;
}

export function deckState(page: Page): Promise<DeckState> {
  return page.evaluate(() => {
    const deck = window.Reveal as typeof window.Reveal & { isScrollView(): boolean };
    const slide = deck.getCurrentSlide();
    return {
      mode: document.documentElement.dataset.deckMode,
      scrollView: deck.isScrollView(),
      index: Number(slide.dataset.deckIndex),
      id: slide.id,
      hash: window.location.hash,
      search: window.location.search,
    };
  });
}

/** Waits until reveal's current slide (and, when given, the mode) is as expected. */
export async function waitForSlide(page: Page, index: number, mode?: 'read' | 'present'): Promise<void> {
  try {
    await page.waitForFunction(
      (i, m) =>
        Number(window.Reveal.getCurrentSlide()?.dataset.deckIndex) === i &&
        (m === null || document.documentElement.dataset.deckMode === m),
      { timeout: 30_000 },
      index,
      mode ?? null,
    );
  } catch (err) {
    // Say where the page is instead, so that a failure can be told from a slow machine.
    const where = await page
      .evaluate(() => ({
        index: window.Reveal.getCurrentSlide()?.dataset.deckIndex,
        mode: document.documentElement.dataset.deckMode,
        ready: document.documentElement.dataset.deckReady,
        hash: location.hash,
        scrollY: Math.round(window.scrollY),
      }))
      .catch(() => null);
    throw new Error(`slide ${index}${mode ? ` in ${mode} mode` : ''} not reached: ${JSON.stringify(where)}`, {
      cause: err,
    });
  }
}

/** Goes to a slide through reveal, in either view. */
export async function showSlide(page: Page, index: number): Promise<void> {
  await page.evaluate((i) => {
    const el = document.querySelector<HTMLElement>(`section[data-deck-index="${i}"]`);
    if (!el) throw new Error(`no slide ${i}`);
    const { h, v } = window.Reveal.getIndices(el);
    window.Reveal.slide(h, v);
  }, index);
  await waitForSlide(page, index);
}

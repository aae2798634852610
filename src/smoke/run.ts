import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../chromium/launch.ts';
import { serveDir } from '../chromium/serve.ts';
import { readDeckJson as readBuiltDeckJson } from '../deck-json-file.ts';
import type { DeckJson } from '../model.ts';
import { DeckPage, type PageProblem } from './deck-page.ts';
import { sectionLines } from './locate.ts';
import { checkNotes } from './notes.ts';
import { checkPhones } from './phones.ts';
import { checkPresents } from './presents.ts';
import { checkPrints } from './prints.ts';
import { writeGallery } from './report.ts';
import { checkStart } from './start.ts';
import { sweepSlides } from './sweep.ts';
import {
  SMOKE_CHECKS,
  type CheckContext,
  type CheckTiming,
  type SmokeCheck,
  type SmokeFailure,
  type SmokeNote,
  type SmokeOptions,
  type SmokeReport,
} from './types.ts';

/** The folder is not a built deck (no index.html or deck.json): a usage problem, not a deck failure. */
export class NotADeckError extends Error {
  readonly exitCode = 2;
  constructor(distDir: string, missing: string) {
    super(
      `${distDir} is not a built deck: ${missing} is missing (build it with "npm run build", or pass the folder that holds index.html and deck.json)`,
    );
    this.name = 'NotADeckError';
  }
}

export function readDeckJson(distDir: string): DeckJson {
  return readBuiltDeckJson(distDir, (missing) => new NotADeckError(distDir, missing));
}

/** "07-weak-borders.png": the slide number, padded for sorting, and its id. */
export function screenshotName(index: number, id: string, count: number): string {
  const safe = id.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'slide';
  return `${String(index + 1).padStart(Math.max(2, String(count).length), '0')}-${safe}.png`;
}

/** Removes what an earlier run wrote (our PNGs, contact sheet and report), nothing else. */
function clearScreenshots(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.png') || name === 'index.html' || name === 'report.json')
      rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Runs the smoke checks of issue 5 on a built deck and reports every failure with its slide,
 * check, expectation, finding and screenshot. Never throws for a failing deck; throws for a
 * missing browser (BrowserNotFoundError) or a folder that is not a deck (NotADeckError).
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const started = performance.now();
  const distDir = path.resolve(options.distDir);
  const screenshotsDir = path.resolve(options.screenshotsDir);
  const deck = readDeckJson(distDir);
  const checks = SMOKE_CHECKS.filter((c) => !options.checks || options.checks.includes(c));
  const log = options.log ?? (() => undefined);
  const failures: SmokeFailure[] = [];
  const notes: SmokeNote[] = [];
  const timings: CheckTiming[] = [];
  clearScreenshots(screenshotsDir);

  const names = deck.slides.map((s, i) => screenshotName(i, s.id, deck.slides.length));
  const ctx: CheckContext = {
    deck,
    distDir,
    screenshotsDir,
    slideShot: (i) => path.join(screenshotsDir, names[i] ?? `slide-${i + 1}.png`),
    slideRef: (i) => ({ number: i + 1, title: deck.slides[i]?.title ?? '', id: deck.slides[i]?.id ?? '' }),
    fail: (f) => {
      if (checks.includes(f.check)) failures.push({ ...f, screenshot: f.screenshot ?? null });
    },
    note: (n) => {
      if (checks.includes(n.check)) notes.push(n);
    },
    enabled: (c) => checks.includes(c),
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    fitThresholds: options.fit,
  };
  const timed = async (check: CheckTiming['check'], work: () => Promise<void> | void): Promise<void> => {
    const t = performance.now();
    const before = failures.length;
    await work();
    const ms = performance.now() - t;
    const entry = timings.find((x) => x.check === check);
    if (entry) {
      entry.ms += ms;
      entry.failures += failures.length - before;
    } else timings.push({ check, ms, failures: failures.length - before });
    log(`smoke: ${check} ${(ms / 1000).toFixed(1)} s`);
  };

  // Problems the pages report themselves; the same one seen on a reload is reported once.
  const seen = new Set<string>();
  let faviconNoted = false;
  const sections = sectionLines(readFileSync(path.join(distDir, 'index.html'), 'utf8'));
  const report = (p: PageProblem): void => {
    if (seen.has(p.key)) return;
    seen.add(p.key);
    ctx.fail({
      check: p.check,
      slide: p.slide === null ? null : ctx.slideRef(p.slide),
      where: p.where,
      expected: p.expected,
      found: p.found,
      screenshot: p.slide === null ? null : ctx.slideShot(p.slide),
    });
  };
  const onFavicon = (url: string): void => {
    if (faviconNoted) return;
    faviconNoted = true;
    ctx.note({
      check: 'start',
      slide: null,
      message: `the browser asked for ${url} (404): index.html declares no icon, so browsers look at the server root, outside the deck's folder (add <link rel="icon" href="…"> to the page template)`,
    });
  };

  const server = await serveDir(distDir, { base: options.base ?? '/talk/' });
  const ownBrowser = !options.browser;
  let browser: Browser | undefined = options.browser;
  const pages: DeckPage[] = [];
  let fit: SmokeReport['fit'] = null;
  try {
    browser ??= await launchBrowser();
    const fileBase = `${pathToFileURL(distDir).href}/`;
    const open = async (label: string, base: string): Promise<DeckPage> => {
      const page = await DeckPage.create(
        browser!,
        { label, base, sections, report, onFavicon },
        { width: 1280, height: 720 },
      );
      pages.push(page);
      return page;
    };

    // 1. Over http under a sub-path: the page the sweep, the presenter checks and the print use.
    const web = await open('http', server.url);
    let deckStarted = false;
    await timed('start', async () => {
      deckStarted = await checkStart(web, ctx, server.url, `http ${server.url}`);
    });
    if (checks.includes('notes')) await timed('notes', () => checkNotes(ctx));
    if (deckStarted) {
      const t = performance.now();
      const times = await sweepSlides(web, ctx);
      fit = times.figures;
      const record = (check: CheckTiming['check'], ms: number): void => {
        timings.push({ check, ms, failures: failures.filter((f) => f.check === check).length });
      };
      record('screenshots', times.screenshots);
      if (checks.includes('fit')) record('fit', times.fit);
      if (checks.includes('a11y')) record('a11y', times.a11y);
      log(`smoke: sweep of ${deck.slides.length} slides ${((performance.now() - t) / 1000).toFixed(1)} s`);
      if (checks.includes('presents')) await timed('presents', () => checkPresents(web, ctx, server.url));
    }
    await web.close();

    // 2. From file://, as someone opens the folder; then the print layout and the phones.
    const local = await open('file://', fileBase);
    await timed('start', () =>
      checkStart(local, ctx, `${fileBase}index.html`, `file:// ${fileBase}index.html`).then(() => undefined),
    );
    await local.close();
    if (checks.includes('prints') || checks.includes('phones')) {
      const other = await open('http', server.url);
      if (checks.includes('prints')) await timed('prints', () => checkPrints(other, ctx, server.url));
      if (checks.includes('phones')) await timed('phones', () => checkPhones(other, ctx, server.url));
      await other.close();
    }
    await Promise.all(pages.map((p) => p.settle()));
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    if (ownBrowser && browser) await browser.close();
    await server.close();
  }

  const order = new Map(SMOKE_CHECKS.map((c, i) => [c, i] as const));
  failures.sort((a, b) => order.get(a.check)! - order.get(b.check)! || (a.slide?.number ?? 0) - (b.slide?.number ?? 0));
  timings.sort(
    (a, b) =>
      (a.check === 'screenshots' ? -1 : order.get(a.check)!) - (b.check === 'screenshots' ? -1 : order.get(b.check)!),
  );
  const result: SmokeReport = {
    distDir,
    title: deck.title,
    slideCount: deck.slides.length,
    checks: [...checks],
    failures,
    notes,
    timings: timings.filter((t) => t.check === 'screenshots' || checks.includes(t.check as SmokeCheck)),
    screenshots: deck.slides.map((_, i) => ctx.slideShot(i)).filter((f) => existsSync(f)),
    fit,
    gallery: path.join(screenshotsDir, 'index.html'),
    totalMs: performance.now() - started,
  };
  writeGallery(result, deck, result.gallery);
  return result;
}

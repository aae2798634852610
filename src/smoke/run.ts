/**
 * smoke/: proves in real Chromium that a built deck works. One module per check (checks.ts lists
 * them), this runner, the tab that watches a page (deck-page.ts) and the report. Callable as a
 * library; the command is cli/smoke.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../chromium/launch.ts';
import { serveDir } from '../chromium/serve.ts';
import { readDeckJson as readBuiltDeckJson } from '../deck-json-file.ts';
import { slideRef, type DeckJson } from '../model.ts';
import { CHECKS } from './checks.ts';
import { DeckPage, type PageProblem } from './deck-page.ts';
import { sectionLines } from './locate.ts';
import { readCssRemoteUrls } from './remote.ts';
import { writeGallery } from './report.ts';
import { shootSlide, showSettled, startSweep } from './sweep.ts';
import {
  SMOKE_CHECKS,
  type Check,
  type CheckContext,
  type CheckTiming,
  type SmokeFailure,
  type SmokeNote,
  type SmokeOptions,
  type SmokeReport,
  type SmokeWarning,
  type Tab,
} from './types.ts';

/** The folder is not a built deck (no index.html or deck.json): a usage problem, not a deck failure. */
export class NotADeckError extends Error {
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

/** The checks that need `needs`, narrowed to their kind. */
function needing<N extends Check['needs']>(checks: readonly Check[], needs: N): Extract<Check, { needs: N }>[] {
  return checks.filter((c): c is Extract<Check, { needs: N }> => c.needs === needs);
}

/**
 * Runs the smoke checks (checks.ts) on a built deck and reports every failure with its slide,
 * check, expectation, finding and screenshot. The runner opens the tabs each check needs
 * (types.ts, `Check`), sweeps the slides once for the screenshots and the per-slide checks, and
 * times every check the same way. Never throws for a failing deck; throws for a missing browser
 * (BrowserNotFoundError) or a folder that is not a deck (NotADeckError).
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const started = performance.now();
  const distDir = path.resolve(options.distDir);
  const screenshotsDir = path.resolve(options.screenshotsDir);
  const deck = readDeckJson(distDir);
  const enabled = SMOKE_CHECKS.filter((c) => !options.checks || options.checks.includes(c));
  const startAsked = enabled.includes('start');
  const everySlide = (options.screenshots ?? 'every slide') === 'every slide';
  // The opening checks run whatever is asked: every other check needs a deck that started.
  const checks = CHECKS.filter((c) => c.needs === 'opening' || enabled.includes(c.name));
  const log = options.log ?? (() => undefined);
  const failures: SmokeFailure[] = [];
  /** Start failures when the start check was not asked for: reported only if the deck then did not start. */
  const unasked: SmokeFailure[] = [];
  const notes: SmokeNote[] = [];
  const warnings: SmokeWarning[] = [];
  const spent = new Map<CheckTiming['check'], number>();
  clearScreenshots(screenshotsDir);

  const names = deck.slides.map((s, i) => screenshotName(i, s.id, deck.slides.length));
  const ctx: CheckContext = {
    deck,
    distDir,
    screenshotsDir,
    slideShot: (i) => path.join(screenshotsDir, names[i] ?? `slide-${i + 1}.png`),
    slideRef: (i) => slideRef(deck, i) ?? { number: i + 1, title: '', id: '' },
    fail: (f) => {
      if (enabled.includes(f.check)) failures.push({ ...f, screenshot: f.screenshot ?? null });
      else if (f.check === 'start') unasked.push({ ...f, screenshot: f.screenshot ?? null });
    },
    note: (n) => {
      if (enabled.includes(n.check)) notes.push(n);
    },
    warn: (w) => {
      if (enabled.includes(w.check)) warnings.push(w);
    },
    progress: (p) => options.progress?.(p),
    readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
    fitThresholds: options.fit,
  };
  /** The one timing mechanism: every call adds to its check's time. */
  const timed = async <T>(check: CheckTiming['check'], work: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      spent.set(check, (spent.get(check) ?? 0) + performance.now() - t);
    }
  };
  const logged = (list: readonly Check[]): void => {
    for (const c of list) log(`smoke: ${c.name} ${((spent.get(c.name) ?? 0) / 1000).toFixed(1)} s`);
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
  const cssRemoteUrls = readCssRemoteUrls(distDir);
  const remoteSeen = new Set<string>();
  const remoteLookups = new Map<string, number>();
  const onRemote = (url: string, slide: number | null): void => {
    if (remoteSeen.has(url)) return;
    remoteSeen.add(url);
    ctx.warn({
      check: 'start',
      slide: slide === null ? null : ctx.slideRef(slide),
      message: `${url}${slide === null ? " (in the deck's CSS)" : ''} is on another site: without the network it will be missing (the smoke test blocked it; --offline-strict makes this a failure)`,
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
    const openTab = async (label: string, base: string, url: string, where: string): Promise<Tab> => {
      const page = await DeckPage.create(
        browser!,
        {
          label,
          base,
          sections,
          report,
          onFavicon,
          cssRemoteUrls,
          remoteLookups,
          offlineStrict: options.offlineStrict ?? false,
          onRemote,
        },
        { width: 1280, height: 720 },
      );
      pages.push(page);
      return { page, url, where };
    };
    /** Runs the opening checks on a new tab; true when the deck started there. */
    const opening = async (tab: Tab): Promise<boolean> => {
      let ready = true;
      for (const c of needing(checks, 'opening')) ready = (await timed(c.name, () => c.run(ctx, tab))) && ready;
      logged(needing(checks, 'opening'));
      return ready;
    };

    // 1. Over http under a sub-path: the tab the sweep and the presenter checks use.
    const web = await openTab('http', server.url, server.url, `http ${server.url}`);
    const deckStarted = await opening(web);
    // The checks asked for cannot run on a deck that did not start: say why, whatever was asked.
    if (!deckStarted && checks.some((c) => c.needs === 'each slide' || c.needs === 'started tab')) {
      failures.push(...unasked);
      if (!enabled.includes('start')) enabled.unshift('start');
    }
    for (const c of needing(checks, 'deck')) await timed(c.name, () => c.run(ctx));
    logged(needing(checks, 'deck'));
    if (deckStarted) {
      const t = performance.now();
      const perSlide = needing(checks, 'each slide');
      const sweep = await startSweep(web.page, ctx);
      for (const c of perSlide) {
        if (!c.prepare) continue;
        web.page.check = c.name;
        await timed(c.name, () => c.prepare!(ctx, sweep));
      }
      const what = perSlide.map((c) => c.name).join(', ') || 'screenshots';
      for (let i = 0; i < deck.slides.length; i++) {
        web.page.check = 'fit';
        web.page.where = `slide ${i + 1}`;
        // Showing the slide settled is the measuring checks' work too; it counts with the screenshots.
        await timed('screenshots', async () => {
          await showSettled(sweep, ctx, i);
          if (everySlide) await shootSlide(sweep, ctx, i);
        });
        for (const c of perSlide) {
          web.page.check = c.name;
          await timed(c.name, () => c.eachSlide(ctx, sweep, i));
        }
        ctx.progress({ what, done: i + 1, total: deck.slides.length, title: ctx.slideRef(i).title });
      }
      if (!everySlide) {
        // Only the slides something failed on, each shown again for its picture.
        await web.page.settle();
        const failing = new Set(failures.filter((f) => f.slide).map((f) => f.slide!.number - 1));
        for (const i of [...failing].sort((a, b) => a - b)) {
          await timed('screenshots', async () => {
            await showSettled(sweep, ctx, i);
            await shootSlide(sweep, ctx, i);
          });
        }
      }
      if (enabled.includes('fit')) fit = { thresholds: sweep.geometry.fit, slides: sweep.fitFigures };
      log(`smoke: sweep of ${deck.slides.length} slides ${((performance.now() - t) / 1000).toFixed(1)} s`);
      for (const c of needing(checks, 'started tab')) await timed(c.name, () => c.run(ctx, web));
      logged(needing(checks, 'started tab'));
    }
    await web.page.close();

    // 2. From file://, as someone opens the folder: only the start check asks how the deck opens there.
    if (startAsked) {
      const local = await openTab('file://', fileBase, `${fileBase}index.html`, `file:// ${fileBase}index.html`);
      await opening(local);
      await local.page.close();
    }

    // 3. The checks that load the deck their own way (the print layout, phones) share a fresh tab.
    const own = needing(checks, 'own tab');
    if (own.length) {
      const other = await openTab('http', server.url, server.url, `http ${server.url}`);
      for (const c of own) await timed(c.name, () => c.run(ctx, other));
      logged(own);
      await other.page.close();
    }
    await Promise.all(pages.map((p) => p.settle()));
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    if (ownBrowser && browser) await browser.close();
    await server.close();
  }

  // A failure names a screenshot only when there is one (a slide seen failing from file:// after the sweep has none).
  for (const f of failures) if (f.screenshot && !existsSync(f.screenshot)) f.screenshot = null;
  const order = new Map(SMOKE_CHECKS.map((c, i) => [c, i] as const));
  failures.sort((a, b) => order.get(a.check)! - order.get(b.check)! || (a.slide?.number ?? 0) - (b.slide?.number ?? 0));
  const timings: CheckTiming[] = [...spent]
    .filter(([check]) => check === 'screenshots' || enabled.includes(check))
    .sort(([a], [b]) => (a === 'screenshots' ? -1 : order.get(a)!) - (b === 'screenshots' ? -1 : order.get(b)!))
    .map(([check, ms]) => ({ check, ms, failures: failures.filter((f) => f.check === check).length }));
  const result: SmokeReport = {
    distDir,
    title: deck.title,
    slideCount: deck.slides.length,
    checks: [...enabled],
    failures,
    notes,
    warnings,
    timings,
    screenshots: deck.slides.map((_, i) => ctx.slideShot(i)).filter((f) => existsSync(f)),
    fit,
    gallery: path.join(screenshotsDir, 'index.html'),
    totalMs: performance.now() - started,
  };
  writeGallery(result, deck, result.gallery, (i) => {
    const shot = ctx.slideShot(i);
    return result.screenshots.includes(shot) ? shot : undefined;
  });
  return result;
}

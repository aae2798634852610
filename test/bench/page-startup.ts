/**
 * `npm run bench -- startup` (also run by `export`): the built talk's start-up on a slow CPU.
 *
 * The talk is built once and served over http; each run opens it in a fresh tab with Chromium's
 * CPU throttled 4× (as Lighthouse's mobile preset simulates), on a laptop-sized window (the
 * slides) and on a phone-sized one with touch (phones open in reading mode). Long tasks (over
 * 50 ms), layout shifts and paints come from PerformanceObservers installed before any script.
 * Total blocking time is the sum of each long task's part over 50 ms, counted from navigation
 * ("from start", stricter than Lighthouse) and from the first contentful paint (Lighthouse's
 * window), until 3 s after the deck is ready; layout shift is the sum of the shifts no input
 * caused (the page's CLS at this length).
 *
 * `DECK_BENCH_COMPARE=<a built site's folder>` (an earlier build of the talk) runs that site too,
 * alternating with this one run by run, so both face the same machine load.
 * Printed, never asserted: compare figures taken in one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { serveDir } from '../../src/chromium/serve.ts';
import { buildDeck } from '../helpers/build-deck.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

const OBSERVE = `
window.__startup = { tasks: [], shift: 0, lcp: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__startup.tasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__startup.shift += e.value;
}).observe({ type: 'layout-shift', buffered: true });
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__startup.lcp = e.startTime;
}).observe({ type: 'largest-contentful-paint', buffered: true });
`;

interface Sample {
  readyMs: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  tbtAfterPaintMs: number;
  shift: number;
  longTasks: number;
  longestMs: number;
  scriptMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const blocking = (tasks: { duration: number }[]) => tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);

async function sample(browser: Browser, url: string, screen: 'laptop' | 'phone'): Promise<Sample> {
  const page = await browser.newPage();
  try {
    if (screen === 'phone')
      await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    else await page.setViewport({ width: 1280, height: 800 });
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Performance.enable');
    await page.evaluateOnNewDocument(OBSERVE);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('document.documentElement.dataset.deckReady === "true"', { timeout: 120_000 });
    const readyMs = (await page.evaluate('performance.now()')) as number;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { tasks, shift, lcp, fcp } = (await page.evaluate(
      `({ ...window.__startup, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0 })`,
    )) as { tasks: { start: number; duration: number }[]; shift: number; lcp: number; fcp: number };
    const metrics = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.metrics.find((m) => m.name === name)?.value ?? 0;
    return {
      readyMs,
      fcpMs: fcp,
      lcpMs: lcp,
      tbtMs: blocking(tasks),
      tbtAfterPaintMs: blocking(tasks.filter((t) => t.start >= fcp)),
      shift,
      longTasks: tasks.length,
      longestMs: Math.max(0, ...tasks.map((t) => t.duration)),
      scriptMs: metric('ScriptDuration') * 1000,
    };
  } finally {
    await page.close();
  }
}

function report(label: string, samples: Sample[]): void {
  const m = (k: keyof Sample, digits = 0) => median(samples.map((s) => s[k])).toFixed(digits);
  console.log(
    `${label} median: total blocking time ${m('tbtMs')} ms from start (runs: ${samples.map((s) => s.tbtMs.toFixed(0)).join(', ')}), ` +
      `${m('tbtAfterPaintMs')} ms after the first paint, layout shift ${m('shift', 3)}, ` +
      `${m('longTasks')} long tasks, longest ${m('longestMs')} ms, script ${m('scriptMs')} ms, ` +
      `first paint ${m('fcpMs')} ms, largest paint ${m('lcpMs')} ms, deck ready ${m('readyMs')} ms`,
  );
}

export async function run(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-startup-'));
  const distDir = path.join(root, 'dist');
  await buildDeck({ projectDir, outDir: distDir });
  const compareDir = process.env.DECK_BENCH_COMPARE || '';
  const sites = [{ label: 'this build', server: await serveDir(distDir) }];
  if (compareDir) sites.push({ label: path.basename(path.resolve(compareDir)), server: await serveDir(compareDir) });
  const browser = await launchBrowser();
  const rounds = Number(process.env.DECK_BENCH_ROUNDS || 5);
  console.log(`the talk, ${rounds} runs each, CPU throttled 4×, load average ${os.loadavg()[0]!.toFixed(1)}`);
  try {
    for (const screen of ['laptop', 'phone'] as const) {
      const samples = sites.map(() => [] as Sample[]);
      for (let r = 0; r < rounds; r++) {
        for (const [i, site] of sites.entries()) samples[i]!.push(await sample(browser, site.server.url, screen));
      }
      for (const [i, site] of sites.entries())
        report(`${screen.padEnd(7)}${sites.length > 1 ? ` ${site.label}` : ''}`, samples[i]!);
    }
    console.log(`load average at the end ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await browser.close();
    for (const site of sites) await site.server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

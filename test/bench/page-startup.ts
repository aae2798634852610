/**
 * `npm run bench -- startup` (also run by `export`): the built talk's start-up on a slow CPU.
 *
 * The talk is built once and served over http; each run opens it in a fresh tab with Chromium's
 * CPU throttled 4× (as Lighthouse's mobile preset simulates), on a laptop-sized window (the
 * slides) and on a phone-sized one with touch (phones open in reading mode). Long tasks (over
 * 50 ms) come from a PerformanceObserver installed before any script; total blocking time is
 * the sum of each long task's part over 50 ms, from navigation to 3 s after the deck is ready
 * (Lighthouse counts from the first paint; we count from the start, which is stricter).
 * Printed, never asserted: compare figures taken in one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { serveDir } from '../../src/chromium/serve.ts';
import { buildDeck } from '../helpers/build-deck.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

const OBSERVE = `
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
`;

interface Sample {
  readyMs: number;
  fcpMs: number;
  tbtMs: number;
  longTasks: number;
  longestMs: number;
  scriptMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-startup-'));
  const distDir = path.join(root, 'dist');
  await buildDeck({ projectDir, outDir: distDir });
  const server = await serveDir(distDir);
  const browser = await launchBrowser();
  const rounds = Number(process.env.DECK_BENCH_ROUNDS || 5);
  console.log(`the talk, ${rounds} runs each, CPU throttled 4×, load average ${os.loadavg()[0]!.toFixed(1)}`);
  try {
    for (const screen of ['laptop', 'phone'] as const) {
      const samples: Sample[] = [];
      for (let r = 0; r < rounds; r++) {
        const page = await browser.newPage();
        if (screen === 'phone')
          await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
        else await page.setViewport({ width: 1280, height: 800 });
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await cdp.send('Performance.enable');
        await page.evaluateOnNewDocument(OBSERVE);
        await page.goto(server.url, { waitUntil: 'load' });
        await page.waitForFunction('document.documentElement.dataset.deckReady === "true"', { timeout: 120_000 });
        const readyMs = (await page.evaluate('performance.now()')) as number;
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const { tasks, fcp } = (await page.evaluate(
          `({ tasks: window.__longTasks, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0 })`,
        )) as { tasks: { start: number; duration: number }[]; fcp: number };
        const metrics = await cdp.send('Performance.getMetrics');
        const metric = (name: string) => metrics.metrics.find((m) => m.name === name)?.value ?? 0;
        samples.push({
          readyMs,
          fcpMs: fcp,
          tbtMs: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
          longTasks: tasks.length,
          longestMs: Math.max(0, ...tasks.map((t) => t.duration)),
          scriptMs: metric('ScriptDuration') * 1000,
        });
        await page.close();
      }
      const m = (k: keyof Sample) => median(samples.map((s) => s[k])).toFixed(0);
      console.log(
        `${screen.padEnd(7)} median: total blocking time ${m('tbtMs')} ms (runs: ${samples.map((s) => s.tbtMs.toFixed(0)).join(', ')}), ` +
          `${m('longTasks')} long tasks, longest ${m('longestMs')} ms, script ${m('scriptMs')} ms, first paint ${m('fcpMs')} ms, deck ready ${m('readyMs')} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- export`: the export against its floor, side by side in one run.
 *
 * The floor is one headless Chromium `page.pdf()` of reveal's print layout (`?print-pdf`, after
 * `pdf-ready`), from browser launch to bytes on disk and the browser closed. We time, alternating so that machine noise
 * hits both alike: the floor, our slides PDF alone (`--only slides --no-build`), and both PDFs
 * (`--only slides,handout --no-build`), for the talk and for decks of 10× and 100× its slides.
 * Printed, never asserted. Peak memory is the proportional set size (PSS) of the browser's whole
 * process tree, sampled from /proc every 100 ms in extra, untimed runs.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { removeProfile } from '../../src/chromium/profile.ts';
import { exportDeck } from '../../src/export/export-deck.ts';
import { outputFileName, resolveExportOptions } from '../../src/export/options.ts';
import type { DeckJson } from '../../src/model.ts';
import { buildDeck } from '../helpers/build-deck.ts';
import { childrenByParent } from './proc-memory.ts';
import { syntheticDeck, syntheticRefs } from './synthetic.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

/** Sums PSS (kB) of a process and all its descendants, from /proc (Linux). */
function treePssKb(rootPid: number): number {
  const children = childrenByParent();
  let total = 0;
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Samples a browser's tree until stopped; returns the peak in MB. Reading PSS makes the kernel
 * walk page tables, which costs CPU: timed runs do not sample, separate runs do.
 */
function memorySampler(enabled: boolean): { watch(browser: Browser): void; stop(): number } {
  let peak = 0;
  let timer: NodeJS.Timeout | null = null;
  return {
    watch(browser) {
      const pid = browser.process()?.pid;
      if (!enabled || !pid || process.platform !== 'linux') return;
      const sample = () => {
        peak = Math.max(peak, treePssKb(pid));
      };
      sample();
      timer = setInterval(sample, 100);
    },
    stop() {
      if (timer) clearInterval(timer);
      return peak / 1024;
    },
  };
}

interface Run {
  ms: number;
  peakMb: number;
  bytes: number;
  pages: number;
}

/** The floor: launch, open `?print-pdf`, wait for reveal's pdf-ready, one page.pdf(), write. */
async function floorRun(distDir: string, sampleMemory = false): Promise<Run> {
  const mem = memorySampler(sampleMemory);
  const t0 = performance.now();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-chromium-'));
  const browser = await launchBrowser({ userDataDir: profile });
  mem.watch(browser);
  let bytes = 0;
  let pages = 0;
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(`document.addEventListener('pdf-ready', () => { window.__ready = true; }, true);`);
    const url = pathToFileURL(path.join(distDir, 'index.html'));
    url.search = 'print-pdf';
    await page.goto(url.href, { waitUntil: 'load' });
    await page.waitForFunction('window.__ready === true', { timeout: 600_000, polling: 50 });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 600_000 });
    await writeFile(path.join(distDir, 'floor.pdf'), pdf);
    bytes = pdf.length;
    pages = (await page.evaluate('document.querySelectorAll(".pdf-page").length')) as number;
  } finally {
    await browser.close(); // part of the job: our export's time includes closing the browser too
  }
  const ms = performance.now() - t0;
  removeProfile(profile); // and the socket folder Chromium made beside it, left when it is killed
  return { ms, peakMb: mem.stop(), bytes, pages };
}

/** Our export of the already built deck, only the given outputs. */
async function oursRun(
  distDir: string,
  only: string[],
  sampleMemory = false,
): Promise<Run & { files: Record<string, { bytes: number; pages: number | null }> }> {
  const mem = memorySampler(sampleMemory);
  const options = resolveExportOptions({ only, build: false, outDir: distDir, timeout: 600 }, projectDir);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-chromium-'));
  const t0 = performance.now();
  const result = await exportDeck(options, {
    launch: async () => {
      const browser = await launchBrowser({ userDataDir: profile });
      mem.watch(browser);
      return browser;
    },
  });
  const ms = performance.now() - t0;
  removeProfile(profile); // and the socket folder Chromium made beside it, left when it is killed
  const files = Object.fromEntries(result.files.map((f) => [f.kind, { bytes: f.bytes, pages: f.pages }]));
  const slides = result.files.find((f) => f.kind === 'slides');
  return { ms, peakMb: mem.stop(), bytes: slides?.bytes ?? 0, pages: slides?.pages ?? 0, files };
}

/** The talk's slides repeated `times` times (ids made unique), Works Cited once at the end. */
function repeatedTalk(times: number): string {
  const text = readFileSync(path.join(projectDir, 'slides/talk.md'), 'utf8');
  const fmEnd = text.indexOf('\n---\n', 4) + 5;
  const cited = text.search(/\n---\n\n<!-- \.slide: id="works-cited"/);
  const body = text.slice(fmEnd, cited < 0 ? undefined : cited);
  const parts = [text.slice(0, fmEnd)];
  for (let k = 1; k <= times; k++) {
    parts.push(
      (k > 1 ? '\n---\n' : '') +
        (k === 1 ? body : body.replace(/id="([^"]+)"/g, (_m, id: string) => `id="${id}-${k}"`)),
    );
  }
  if (cited >= 0) parts.push(text.slice(cited));
  return parts.join('');
}

/** Builds a deck of the talk × `times` (or a synthetic one if the talk does not build) into a temp project. */
async function buildScaled(
  root: string,
  times: number,
  slidesOfTalk: number,
): Promise<{ distDir: string; slides: number; kind: string }> {
  const dir = path.join(root, `x${times}`);
  cpSync(path.join(projectDir, 'slides'), path.join(dir, 'slides'), { recursive: true });
  mkdirSync(path.join(dir, 'public'), { recursive: true });
  const distDir = path.join(dir, 'dist');
  try {
    if (times > 1) writeFileSync(path.join(dir, 'slides/talk.md'), repeatedTalk(times));
    await buildDeck({ projectDir: dir, outDir: distDir });
    return {
      distDir,
      slides: (JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson).slides.length,
      kind: times === 1 ? 'the talk' : `the talk ×${times}`,
    };
  } catch (err) {
    console.log(`(the talk does not build: ${(err as Error).message.split('\n')[0]}; using a synthetic deck)`);
    rmSync(path.join(dir, 'slides'), { recursive: true, force: true });
    mkdirSync(path.join(dir, 'slides'), { recursive: true });
    writeFileSync(path.join(dir, 'slides/talk.md'), syntheticDeck(slidesOfTalk * times));
    writeFileSync(path.join(dir, 'slides/refs.json'), syntheticRefs);
    await buildDeck({ projectDir: dir, outDir: distDir });
    return { distDir, slides: slidesOfTalk * times, kind: `synthetic ×${times}` };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} K`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs the comparison and prints a table per deck size, then the growth. */
export async function run(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-export-'));
  const sizes = (process.env.DECK_BENCH_SIZES ?? '1,10,100').split(',').map(Number);
  try {
    const rows: {
      slides: number;
      floor: number;
      slidesMs: number;
      bothMs: number;
      floorPeak: number;
      bothPeak: number;
      floorBytes: number;
      slidesBytes: number;
      handoutBytes: number;
      handoutPages: number;
    }[] = [];
    let talkSlides = 17;
    for (const times of sizes) {
      const deck = await buildScaled(root, times, talkSlides);
      if (times === 1) talkSlides = deck.slides;
      const rounds = times >= 100 ? 2 : times >= 10 ? 3 : 5;
      const floor: Run[] = [];
      const slides: Run[] = [];
      const both: Awaited<ReturnType<typeof oursRun>>[] = [];
      await floorRun(deck.distDir); // warm the disk cache and the JIT, not counted
      for (let i = 0; i < rounds; i++) {
        floor.push(await floorRun(deck.distDir));
        slides.push(await oursRun(deck.distDir, ['slides']));
        both.push(await oursRun(deck.distDir, ['slides', 'handout']));
      }
      const floorMem = await floorRun(deck.distDir, true);
      const bothMem = await oursRun(deck.distDir, ['slides', 'handout'], true);
      const f = median(floor.map((r) => r.ms));
      const s = median(slides.map((r) => r.ms));
      const b = median(both.map((r) => r.ms));
      const handout = both.at(-1)!.files.handout!;
      const slug = (JSON.parse(readFileSync(path.join(deck.distDir, 'deck.json'), 'utf8')) as DeckJson).slug;
      const slidesBytes = statSync(path.join(deck.distDir, outputFileName('slides', slug))).size;
      rows.push({
        slides: deck.slides,
        floor: f,
        slidesMs: s,
        bothMs: b,
        floorPeak: floorMem.peakMb,
        bothPeak: bothMem.peakMb,
        floorBytes: floor.at(-1)!.bytes,
        slidesBytes,
        handoutBytes: handout.bytes,
        handoutPages: handout.pages ?? 0,
      });
      console.log(
        `${deck.kind}: ${deck.slides} slides, median of ${rounds}: floor ${sec(f)} · slides PDF ${sec(s)} (×${(s / f).toFixed(2)}) · both PDFs ${sec(b)} (×${(b / f).toFixed(2)})`,
      );
      console.log(
        `  runs: floor ${floor.map((r) => sec(r.ms)).join(', ')} | slides ${slides.map((r) => sec(r.ms)).join(', ')} | both ${both.map((r) => sec(r.ms)).join(', ')}`,
      );
    }
    console.log(
      '\nslides   floor     slides PDF       both PDFs        peak MB (browser PSS)   bytes: floor / slides PDF / handout (pages)',
    );
    for (const r of rows) {
      console.log(
        `${String(r.slides).padStart(6)}   ${sec(r.floor).padStart(7)}   ${sec(r.slidesMs).padStart(7)} ×${(r.slidesMs / r.floor).toFixed(2)}   ${sec(r.bothMs).padStart(7)} ×${(r.bothMs / r.floor).toFixed(2)}   ${r.floorPeak.toFixed(0).padStart(5)} / ${r.bothPeak.toFixed(0).padStart(5)}           ${kb(r.floorBytes)} / ${kb(r.slidesBytes)} / ${kb(r.handoutBytes)} (${r.handoutPages})`,
      );
    }
    const first = rows[0];
    const last = rows.at(-1);
    if (first && last && last !== first) {
      const n = last.slides / first.slides;
      const perSlide = (r: (typeof rows)[number]) => (r.slidesMs - 0) / r.slides;
      console.log(
        `\ngrowth ${first.slides}→${last.slides} slides (×${n.toFixed(0)}): slides PDF time ×${(last.slidesMs / first.slidesMs).toFixed(1)}, floor ×${(last.floor / first.floor).toFixed(1)}, ` +
          `both ×${(last.bothMs / first.bothMs).toFixed(1)}; ms/slide ${perSlide(first).toFixed(1)} → ${perSlide(last).toFixed(1)}; ` +
          `bytes/slide ${(first.slidesBytes / first.slides / 1024).toFixed(1)} K → ${(last.slidesBytes / last.slides / 1024).toFixed(1)} K; peak memory ×${(last.bothPeak / first.bothPeak).toFixed(1)}`,
      );
    }
    console.log(
      'targets (FIELD-NOTES): slides PDF ≤ 1.25× floor at 14 slides, ≤ 1.10× at 140; both PDFs ≤ 2×; files no larger than Marp’s (≈ 0.8× floor bytes).',
    );
  } finally {
    if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  }
}

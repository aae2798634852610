/**
 * `npm run bench -- export`: the export command as a user times it, against its floor, as whole
 * processes from a cold start to exit, alternating in one run so that machine noise hits all alike.
 *
 * The floor is a plain node script that launches Chromium, opens an already built deck's
 * `?print-pdf`, waits for reveal's `pdf-ready`, prints one `page.pdf()`, writes it and closes the
 * browser. Ours is `npm run export -- …` run in a project folder holding the deck, exactly as typed:
 * - `slides, edited`: `--only slides` after a one-word edit of the deck (the build cannot be skipped);
 * - `slides`: `--only slides` with the deck unchanged since the last export;
 * - `slides --no-build`: on the site already built;
 * - `full`: the slides PDF, the handout and the offline page (`--only slides,handout,offline`), the
 *   deck unchanged since the last export;
 * - `default`: a plain `npm run export` (those three and the link preview), the deck unchanged;
 * - `default, edited`: the same after an edit;
 * - `build, edited`: `npm run build` (`deck build`, with its link preview) after an edit.
 * Memory: the peak RSS of the largest process, the peak summed RSS of the whole process tree
 * (npm, node, Chromium and their children), sampled from /proc every 50 ms during the timed runs,
 * and the peak summed PSS (shared pages split between the processes that share them: what the
 * tree takes from the machine), every 200 ms.
 * At the end, the time a slide adds between one size and the next, per row (flat when the time
 * grows linearly with the deck).
 * Printed, never asserted. DECK_BENCH_SLIDES (default 14,140,1000) and DECK_BENCH_ROUNDS override;
 * DECK_BENCH_STARTUP=0 leaves out the page's start-up; DECK_BENCH_ONLY=<commands, comma-separated>
 * runs only those rows; DECK_BENCH_EXPORT_ARGS adds arguments to every export (`--timeout 600` on
 * a loaded machine at 1,000 slides). DECK_BENCH_BEFORE names another checkout of the project
 * (built, with its node_modules): its export runs too, in every round right before ours, for a
 * before/after taken side by side under the same load.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../../src/chromium/launch.ts';
import { findBrowser } from '../../src/chromium/find-browser.ts';
import { buildDeck } from '../helpers/build-deck.ts';
import { sampleTree } from './proc-memory.ts';
import { syntheticDeck, syntheticRefs } from './synthetic.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

interface Run {
  ms: number;
  largestMb: number;
  totalMb: number;
  pssMb: number;
  /** CPU seconds of the whole tree. */
  cpuS: number;
}

/** Spawns a command, samples its process tree, and resolves with wall time and peaks; rejects on a non-zero exit. */
function timedProcess(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const stop = sampleTree(child.pid!);
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const peaks = stop();
      if (code === 0) resolve({ ms, ...peaks });
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/** The floor, as a script of its own (plain JavaScript, no loader). */
function floorScript(executablePath: string): string {
  const puppeteer = import.meta.resolve('puppeteer-core');
  return `import puppeteer from ${JSON.stringify(puppeteer)};
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const dir = process.argv[2];
const browser = await puppeteer.launch({ headless: true, executablePath: ${JSON.stringify(executablePath)}, args: ${JSON.stringify(CHROMIUM_ARGS)} });
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument("document.addEventListener('pdf-ready', () => { window.__ready = true; }, true);");
  const url = pathToFileURL(path.join(dir, 'index.html'));
  url.search = 'print-pdf';
  await page.goto(url.href, { waitUntil: 'load', timeout: 0 });
  await page.waitForFunction('window.__ready === true', { timeout: 0, polling: 50 });
  writeFileSync(path.join(dir, 'floor.pdf'), await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 }));
} finally {
  await browser.close();
}
`;
}

/**
 * A project folder as a user has it: package.json with the export script, node_modules, slides/.
 * `engine` is the checkout whose script and code it runs (this one, or DECK_BENCH_BEFORE's).
 */
function makeProject(root: string, slides: number, engine = projectDir, name = `deck-${slides}`): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'slides'), { recursive: true });
  mkdirSync(path.join(dir, 'public'), { recursive: true });
  symlinkSync(path.join(projectDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const engineScripts = JSON.parse(readFileSync(path.join(engine, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  // The same commands as the project's own scripts, their source files taken from the project.
  const script = (name: string) =>
    engineScripts[name]!.replace(/\b(src|lib|scripts)\//g, (_, dir: string) => `${engine}/${dir}/`);
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: `bench-${slides}`,
      private: true,
      type: 'module',
      scripts: { export: script('export'), build: script('build') },
    }),
  );
  cpSync(path.join(projectDir, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  writeFileSync(path.join(dir, 'slides/talk.md'), syntheticDeck(slides));
  writeFileSync(path.join(dir, 'slides/refs.json'), syntheticRefs);
  return dir;
}

/** A one-word change to the deck, so that nothing can reuse the last build. */
function editDeck(dir: string, round: number, slides: number): void {
  const text = syntheticDeck(slides).replace('a heading of ordinary length', `a heading of ordinary length ${round}`);
  writeFileSync(path.join(dir, 'slides/talk.md'), text);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

type Command =
  'slides, edited' | 'slides' | 'slides --no-build' | 'full' | 'default' | 'default, edited' | 'build, edited';
type Variant = 'floor' | Command | `before: ${Command}`;

export async function run(): Promise<void> {
  const extraArgs = (process.env.DECK_BENCH_EXPORT_ARGS ?? '').split(/\s+/).filter(Boolean);
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-command-'));
  const sizes = (process.env.DECK_BENCH_SLIDES || '14,140,1000').split(',').map(Number);
  const executablePath = findBrowser().executablePath;
  const floorFile = path.join(root, 'floor.mjs');
  writeFileSync(floorFile, floorScript(executablePath));
  const [load1] = os.loadavg();
  // Median time of each row at each size, for the time a slide adds between sizes.
  const medians = new Map<string, Map<number, { ms: number; cpuS: number }>>();
  console.log(
    `${os.cpus().length} cores, load average ${load1!.toFixed(1)} at the start; node ${process.version}; ${executablePath}`,
  );
  try {
    for (const n of sizes) {
      const dir = makeProject(root, n);
      const floorSite = path.join(root, `floor-site-${n}`);
      await buildDeck({ projectDir: dir, outDir: floorSite });
      const commands = (project: string): Record<Command, (round: number) => Promise<Run>> => {
        const npm = (...args: string[]) =>
          timedProcess('npm', ['run', '--silent', 'export', '--', ...args, ...extraArgs], project);
        return {
          'slides, edited': (r) => {
            editDeck(project, r, n);
            return npm('--only', 'slides');
          },
          slides: () => npm('--only', 'slides'),
          'slides --no-build': () => npm('--only', 'slides', '--no-build'),
          full: () => npm('--only', 'slides,handout,offline'),
          default: () => npm(),
          'default, edited': (r) => {
            editDeck(project, 1000 + r, n);
            return npm();
          },
          'build, edited': (r) => {
            editDeck(project, 2000 + r, n);
            return timedProcess('npm', ['run', '--silent', 'build'], project);
          },
        };
      };
      const ours = commands(dir);
      // Another checkout's export (DECK_BENCH_BEFORE names it, built), run right before ours in every round.
      const before = process.env.DECK_BENCH_BEFORE
        ? commands(makeProject(root, n, path.resolve(process.env.DECK_BENCH_BEFORE), `before-${n}`))
        : null;
      const variants: Partial<Record<Variant, (round: number) => Promise<Run>>> = {
        floor: () => timedProcess(process.execPath, [floorFile, floorSite], root),
      };
      for (const c of Object.keys(ours) as Command[]) {
        if (before) variants[`before: ${c}`] = before[c];
        variants[c] = ours[c];
      }
      // DECK_BENCH_ONLY (commands, comma-separated, e.g. "slides, edited") leaves the other rows out.
      const only = process.env.DECK_BENCH_ONLY?.split(/,(?! )/).map((c) => c.trim());
      const names = (Object.keys(variants) as Variant[]).filter(
        (v) =>
          (n < 1000 || !/default/.test(v)) && (!only || v === 'floor' || only.includes(v.replace(/^before: /, ''))),
      );
      const rounds = Number(process.env.DECK_BENCH_ROUNDS || (n >= 1000 ? 1 : n >= 140 ? 3 : 5));
      // Untimed: warms the disk cache, and leaves a built site for the first unchanged run.
      await variants.floor!(0);
      await ours['slides, edited'](0);
      if (before) await before['slides, edited'](0);
      const runs = new Map<Variant, Run[]>(names.map((v) => [v, []]));
      for (let r = 1; r <= rounds; r++) {
        for (const v of names) runs.get(v)!.push(await variants[v]!(r));
      }
      const floor = runs.get('floor')!;
      const f = median(floor.map((x) => x.ms));
      const fTotal = median(floor.map((x) => x.totalMb));
      const fLargest = median(floor.map((x) => x.largestMb));
      const fPss = median(floor.map((x) => x.pssMb));
      console.log(`\n${n} slides, ${rounds} round(s), load average now ${os.loadavg()[0]!.toFixed(1)}`);
      console.log(
        '                             median    × floor   per round (× that round’s floor)      largest / tree / tree PSS MB',
      );
      for (const v of names) {
        const rs = runs.get(v)!;
        const m = median(rs.map((x) => x.ms));
        const perRound = rs.map((x, i) => (x.ms / floor[i]!.ms).toFixed(2)).join(' ');
        const largest = median(rs.map((x) => x.largestMb));
        const total = median(rs.map((x) => x.totalMb));
        const pss = median(rs.map((x) => x.pssMb));
        if (!medians.has(v)) medians.set(v, new Map());
        const cpuS = median(rs.map((x) => x.cpuS));
        medians.get(v)!.set(n, { ms: m, cpuS });
        console.log(
          `${v.padEnd(27)} ${sec(m).padStart(8)}   ×${(m / f).toFixed(2)}     ${perRound.padEnd(36)} ${largest.toFixed(0).padStart(5)} / ${total.toFixed(0).padStart(5)} / ${pss.toFixed(0).padStart(5)}` +
            (v === 'floor'
              ? ''
              : `  (×${(largest / fLargest).toFixed(2)} / ×${(total / fTotal).toFixed(2)} / ×${(pss / fPss).toFixed(2)})`) +
            `  CPU ${cpuS.toFixed(1)} s`,
        );
      }
    }
    // The time a slide adds, between one size and the next: flat when the time grows linearly.
    if (sizes.length > 1) {
      console.log(
        '\nms per added slide between sizes, wall time / the tree’s CPU time (medians): ' +
          sizes
            .slice(1)
            .map((n, i) => `${sizes[i]}→${n}`)
            .join('   '),
      );
      for (const [v, at] of medians) {
        const steps = sizes.slice(1).map((n, i) => {
          const a = at.get(sizes[i]!);
          const b = at.get(n);
          if (!a || !b) return '—';
          const d = n - sizes[i]!;
          return `${((b.ms - a.ms) / d).toFixed(1)} / ${(((b.cpuS - a.cpuS) * 1000) / d).toFixed(1)}`;
        });
        console.log(`${v.padEnd(27)} ${steps.map((x) => x.padStart(13)).join('   ')}`);
      }
    }
    console.log(
      '\ngoals: --only slides ≤ 1.25× floor at 14 slides, ≤ 1.10× at 140; --no-build ≤ 1.05×; full (slides, handout, offline) ≤ 1.6×; tree memory ≤ 1.3× floor; under 1 GB at 1,000 slides.',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  // The page's start-up on a slow CPU belongs to the same question: how long a user waits.
  if (process.env.DECK_BENCH_STARTUP !== '0') {
    console.log('\n== page start-up ==');
    await (await import('./page-startup.ts')).run();
  }
}

/**
 * `npm run bench -- code-math`: a 1,000-slide deck with code on four slides in five and math on
 * two in five, built by `deck build` exactly as a user runs it (the compiled command in lib/, a
 * cold process, spawn to exit), against the same slides without code or math, and a one-slide
 * deck (what any build costs). Each is timed with the link preview's browser (as on a machine
 * with Chromium) and without one; the compile alone is timed in a cold process too. Runs
 * alternate in one loop, so a busy moment of the machine touches every variant alike; medians.
 * Printed, never asserted. DECK_BENCH_ROUNDS (default 5) and DECK_BENCH_SLIDES (default 1000).
 */
import { execFileSync, spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const deckBin = path.join(root, 'lib/cli/deck.js');

/** Code in four languages; `i` makes every block its own, so no cache can serve a repeat. */
const CODE = [
  (i: number) =>
    `\`\`\`python [1|2-3|4]\nimport asyncio\nasync def step_${i}(n):\n    await asyncio.sleep(n * ${i})\n    return {"slide": ${i}, "n": n}\n\`\`\``,
  (i: number) =>
    `\`\`\`typescript\nexport function add${i}(a: number, b: number): number {\n  // slide ${i}\n  return a + b + ${i};\n}\n\`\`\``,
  (i: number) => `\`\`\`js [2]\nconst xs = [${i}, ${i + 1}, ${i + 2}];\nconsole.log(xs.map((x) => x * ${i}));\n\`\`\``,
  (i: number) => `\`\`\`bash\nfor f in slides/*.md; do\n  grep -c "slide ${i}" "$f" > "out-${i}.txt"\ndone\n\`\`\``,
];
const MATH = [
  (i: number) => `$$\n\\hat\\beta_{${i}} = (X^\\top X)^{-1} X^\\top y_{${i}}\n$$`,
  (i: number) => `So $e^{i\\pi} + ${i} = ${i - 1}$ and \\(\\sum_{k=1}^{${i}} k^2\\).`,
];

/**
 * A deck of `n` slides: code on four slides in five, math on two in five, no block or formula
 * repeated. Without `code`/`math`, the same slides with only their prose (the reference).
 */
export function codeMathDeck(n: number, { code = true, math = true } = {}): string {
  const parts = ['---\ntitle: Code and math\ntheme: black\n---\n'];
  for (let i = 1; i <= n; i++) {
    const c = code && i % 5 !== 0 ? `\n${CODE[i % CODE.length]!(i)}\n` : '';
    const m = math && i % 5 < 2 ? `\n${MATH[i % MATH.length]!(i)}\n` : '';
    parts.push(
      `${i === 1 ? '' : '---\n'}\n## Slide ${i}\n\nWhat slide ${i} shows, in a sentence or two of prose.\n${c}${m}\nNote: slide ${i}.\n\n`,
    );
  }
  return parts.join('');
}

interface Run {
  ms: number;
  /** CPU time of the node process (user + system), without the browser's. */
  cpuMs: number;
  /** What it printed. */
  out: string;
}

/** Writes the process's CPU time to $DECK_BENCH_CPU when it exits (the command exits explicitly). */
const CPU_PROBE = `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const u = process.cpuUsage();
  writeFileSync(process.env.DECK_BENCH_CPU, String((u.user + u.system) / 1000));
});
`;

function timedNode(args: string[], env: NodeJS.ProcessEnv, probe: string, cpuFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(probe).href, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, DECK_BENCH_CPU: cpuFile },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`));
      resolve({ ms, cpuMs: Number(readFileSync(cpuFile, 'utf8')), out });
    });
  });
}

/** The compile alone in a cold process: loading the compiler, then reading and compiling the deck once. */
const COMPILE_SCRIPT = (lib: string) => `const t0 = performance.now();
const { loadDeck } = await import(${JSON.stringify(pathToFileURL(path.join(lib, 'load-deck.js')).href)});
const t1 = performance.now();
loadDeck(process.argv[2], { root: process.argv[3], assetUrl: (p) => p });
console.log(JSON.stringify({ importMs: t1 - t0, compileMs: performance.now() - t1 }));
`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Gzipped bytes of the built page's scripts and styles, and the rest of what it ships (fonts…), in kB. */
function shipped(dist: string): string {
  let gz = 0;
  let other = 0;
  for (const e of readdirSync(path.join(dist, 'assets'), { withFileTypes: true })) {
    const file = path.join(e.parentPath, e.name);
    if (/\.(js|css)$/.test(e.name)) gz += gzipSync(readFileSync(file)).length;
    else other += statSync(file).size;
  }
  const html = gzipSync(readFileSync(path.join(dist, 'index.html'))).length;
  return `JS+CSS ${(gz / 1000).toFixed(1)} kB gz, index.html ${(html / 1000).toFixed(1)} kB gz, other assets ${(other / 1000).toFixed(1)} kB`;
}

export async function run(): Promise<void> {
  // The command as users run it is the compiled one: bring lib/ up to date first.
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'src/tsconfig.build.json'],
    {
      cwd: root,
    },
  );
  const n = Number(process.env.DECK_BENCH_SLIDES || 1000);
  const rounds = Number(process.env.DECK_BENCH_ROUNDS || 5);
  const work = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-code-math-'));
  const probe = path.join(work, 'cpu-probe.mjs');
  const cpuFile = path.join(work, 'cpu.txt');
  const compileScript = path.join(work, 'compile.mjs');
  writeFileSync(probe, CPU_PROBE);
  writeFileSync(compileScript, COMPILE_SCRIPT(path.join(root, 'lib')));
  const decks = {
    'code+math': codeMathDeck(n),
    reference: codeMathDeck(n, { code: false, math: false }),
    'one slide': '---\ntitle: One slide\ntheme: black\n---\n\n## Slide 1\n\nNote: slide 1.\n',
  };
  const noBrowser = {
    DECK_BROWSER_PATHS: '',
    PUPPETEER_CACHE_DIR: path.join(work, 'no-cache'),
    PUPPETEER_EXECUTABLE_PATH: '',
    CHROME_PATH: '',
    CHROMIUM_PATH: '',
  };
  const [load1] = os.loadavg();
  console.log(
    `${n} slides: ${Math.ceil((n * 4) / 5)} code blocks (python, typescript, js, bash; 1 in 2 with steps), ${Math.ceil((n * 2) / 5)} formulas, none repeated; reference: the same slides without code or math. ${os.cpus().length} cores, load average ${load1!.toFixed(1)} at the start, ${rounds} rounds.`,
  );
  try {
    const dirs: Record<string, string> = {};
    for (const [name, text] of Object.entries(decks)) {
      const dir = path.join(work, name.replace(/\W+/g, '-'));
      mkdirSync(path.join(dir, 'slides'), { recursive: true });
      writeFileSync(path.join(dir, 'slides/deck.md'), text);
      dirs[name] = dir;
    }
    type Variant = { name: string; run: () => Promise<Run> };
    const variants: Variant[] = [];
    for (const [name, dir] of Object.entries(dirs)) {
      const build = (env: NodeJS.ProcessEnv) => () =>
        timedNode([deckBin, 'build', dir, '--out-dir', path.join(dir, 'dist')], env, probe, cpuFile);
      variants.push({ name: `${name} · deck build`, run: build({}) });
      variants.push({ name: `${name} · deck build, no browser`, run: build(noBrowser) });
    }
    for (const name of ['code+math', 'reference']) {
      const dir = dirs[name]!;
      variants.push({
        name: `${name} · compile alone`,
        run: () => timedNode([compileScript, path.join(dir, 'slides'), dir], {}, probe, cpuFile),
      });
    }
    for (const v of variants) await v.run(); // untimed: warms the disk cache, checks each one works
    const runs = new Map<string, Run[]>(variants.map((v) => [v.name, []]));
    for (let r = 0; r < rounds; r++) {
      // Rotated each round, so that no variant always follows the same one.
      const order = variants.map((_, i) => variants[(i + r) % variants.length]!);
      for (const v of order) runs.get(v.name)!.push(await v.run());
    }
    const wall = (name: string) => median(runs.get(name)!.map((x) => x.ms));
    const cpu = (name: string) => median(runs.get(name)!.map((x) => x.cpuMs));
    const line = (name: string, ref?: string) =>
      `  ${name}: ${sec(wall(name))} (runs ${runs
        .get(name)!
        .map((x) => (x.ms / 1000).toFixed(2))
        .join(
          ', ',
        )}; node CPU ${sec(cpu(name))})${ref ? ` · ${(wall(name) / wall(ref)).toFixed(2)}× ${ref.split(' · ')[0]}` : ''}`;
    console.log('whole command, `node lib/cli/deck.js build <deck>`, cold process, spawn to exit (target ≤ 3 s):');
    console.log(line('code+math · deck build', 'reference · deck build'));
    console.log(line('reference · deck build', 'one slide · deck build'));
    console.log(line('one slide · deck build'));
    console.log('the same without a browser at hand (no link preview):');
    console.log(line('code+math · deck build, no browser', 'reference · deck build, no browser'));
    console.log(line('reference · deck build, no browser', 'one slide · deck build, no browser'));
    console.log(line('one slide · deck build, no browser'));
    console.log('compile alone (loadDeck), cold process, spawn to exit:');
    for (const name of ['code+math · compile alone', 'reference · compile alone']) {
      const parts = runs.get(name)!.map((x) => JSON.parse(x.out) as { importMs: number; compileMs: number });
      console.log(
        `${line(name, name.startsWith('code') ? 'reference · compile alone' : undefined)}; of which loading the compiler ${sec(median(parts.map((p) => p.importMs)))}, compiling ${sec(median(parts.map((p) => p.compileMs)))}`,
      );
    }
    const html = statSync(path.join(dirs['code+math']!, 'dist/index.html')).size;
    console.log(`code+math index.html ${(html / 1e6).toFixed(1)} MB`);
    for (const name of ['reference', 'code+math'])
      console.log(`shipped, ${name}: ${shipped(path.join(dirs[name]!, 'dist'))}`);
    const [loadEnd] = os.loadavg();
    console.log(`load average ${loadEnd!.toFixed(1)} at the end`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

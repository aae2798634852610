import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { templateDir } from '../../src/scaffold/new-deck.ts';
import { buildDeck } from '../helpers/build-deck.ts';

const root = path.resolve(import.meta.dirname, '../..');
const deckBin = path.join(root, 'lib/cli/deck.js');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Wall time of one child process, spawn to exit, in ms. */
function timeProcess(command: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;

/**
 * Start-up of the `deck` command as users run it (compiled JavaScript in lib/) against the same
 * source run through tsx, and `deck build` of the starter deck as a whole process against the
 * same build in-process (the difference is what starting the command costs). Runs interleave,
 * so a busy moment of the machine touches each side alike; medians of 7 (5 for builds).
 */
export async function run(): Promise<void> {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'src/tsconfig.build.json'],
    {
      cwd: root,
    },
  );
  const bare: number[] = [];
  const compiled: number[] = [];
  const loader: number[] = [];
  for (let i = 0; i < 7; i++) {
    bare.push(timeProcess(process.execPath, ['-e', ''], root));
    compiled.push(timeProcess(process.execPath, [deckBin, '--help'], root));
    loader.push(timeProcess(tsx, [path.join(root, 'src/cli/deck.ts'), '--help'], root));
  }
  console.log(
    `deck --help: ${ms(median(compiled))} compiled · ${ms(median(loader))} through tsx · node alone ${ms(median(bare))}`,
  );

  const out = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-cli-'));
  try {
    const whole: number[] = [];
    const viaTsx: number[] = [];
    const load: number[] = [];
    const inProcess: number[] = [];
    const args = ['build', templateDir, '--out-dir', path.join(out, 'site')];
    // What starting `deck build` costs before it builds: a fresh process that loads the command's modules.
    const loadOnly = `await import(${JSON.stringify(pathToFileURL(path.join(root, 'lib/cli/build.js')).href)})`;
    for (let i = 0; i < 5; i++) {
      whole.push(timeProcess(process.execPath, [deckBin, ...args], root));
      viaTsx.push(timeProcess(tsx, [path.join(root, 'src/cli/deck.ts'), ...args], root));
      load.push(timeProcess(process.execPath, ['--input-type=module', '-e', loadOnly], root));
      const t0 = performance.now();
      await buildDeck({ projectDir: templateDir, slidesDir: templateDir, outDir: path.join(out, 'in-process') });
      inProcess.push(performance.now() - t0);
    }
    console.log(
      `deck build (starter deck, spawn to exit): ${ms(median(whole))} compiled · ${ms(median(viaTsx))} through tsx`,
    );
    console.log(
      `  of which start-up (a fresh node loading the build command): ${ms(median(load))}; the same build in a warm process: ${ms(median(inProcess))}`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

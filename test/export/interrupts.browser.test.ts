import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../src/chromium/process-alive.ts';
import { profileRoot } from '../../src/export/early-browser.ts';
import { FIXTURE_DECK, fixtureProject } from './helpers/project.ts';
import {
  BUILD_CLI,
  EXPORT_CLI,
  markedProcessTree,
  runCli,
  startCli,
  stillRunning,
  type ProcessId,
} from './helpers/run-cli.ts';
import { snapshot, stagingLeftovers } from './helpers/snapshot.ts';

/** A small seeded generator, so that a failing run can be repeated: the seed is printed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Our Chromium profile folders (in the temp folder, or the RAM file system the export uses) whose owner no longer runs. */
function orphanProfiles(): string[] {
  return [...new Set([os.tmpdir(), profileRoot()])].flatMap((root) =>
    readdirSync(root)
      .filter((name) => {
        const m = /^deck-(?:export-)?chromium-(\d+)-/.exec(name);
        return m !== null && !isAlive(Number(m[1]));
      })
      .map((name) => path.join(root, name)),
  );
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (check()) return true;
  return check();
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  chromiumSeen: number;
  chromiumLeft: ProcessId[];
  changed: boolean;
  staging: string[];
  stderr: string;
}

/**
 * Runs a command and sends SIGINT to the process we started, a random moment after one of its
 * progress lines (or after the start): with the "tsx" runner that is tsx, which relays it to its
 * child and kills the child ~60 ms later if it has not exited; with "node" it is the command
 * itself, as with `npm run`.
 */
async function interrupt(
  projectDir: string,
  cli: string,
  runner: 'node' | 'tsx',
  at: { after: string | null; delayMs: number },
): Promise<Outcome> {
  const dist = path.join(projectDir, 'dist');
  const before = snapshot(dist);
  const marker = `DECK_INTERRUPT_TEST_${randomUUID().replace(/-/g, '')}`;
  const seen = new Map<number, ProcessId>();
  let timer: NodeJS.Timeout | undefined;
  const { child, done } = startCli([], {
    cwd: projectDir,
    env: { ...process.env, [marker]: '1' },
    cli,
    runner,
    onStdout: (out, c) => {
      if (timer || at.after === null || !out.includes(`✓ ${at.after}`)) return;
      timer = setTimeout(() => c.kill('SIGINT'), at.delayMs);
    },
  });
  if (at.after === null) timer = setTimeout(() => child.kill('SIGINT'), at.delayMs);
  const watch = setInterval(() => {
    for (const p of markedProcessTree(marker)) seen.set(p.pid, p);
  }, 50);
  const r = await done;
  clearTimeout(timer);
  clearInterval(watch);
  const chromium = [...seen.values()].filter((p) => /chrom/i.test(p.name));
  await waitUntil(() => stillRunning(chromium).length === 0, 10_000);
  // Our working folders are counted apart (`staging`); the comparison is of what the user sees.
  const visible = (m: Map<string, string>) =>
    [...m].filter(([p]) => !/^\.deck-(staging|previous)-|\.tmp$/.test(p.split(path.sep)[0]!));
  const after = snapshot(dist);
  return {
    code: r.code,
    signal: r.signal,
    chromiumSeen: chromium.length,
    chromiumLeft: stillRunning(chromium),
    changed: JSON.stringify(visible(after)) !== JSON.stringify(visible(before)),
    staging: stagingLeftovers(dist),
    stderr: r.stderr,
  };
}

const SEED = Number(process.env.DECK_INTERRUPT_SEED ?? 20261201);
const RUNS = Number(process.env.DECK_INTERRUPT_RUNS ?? 3);
/** The export's progress lines: the signal comes a moment after one of them. */
const EXPORT_STEPS = ['build', 'browser', 'layout', 'slides PDF', 'handout PDF', 'offline HTML'];

describe(
  'Ctrl-C at random moments leaves no browser, no staging folder, and the output as it was',
  { timeout: 600_000 },
  () => {
    const next = random(SEED);

    for (const runner of ['node', 'tsx'] as const) {
      const how = runner === 'node' ? 'node (as npm run starts it)' : 'tsx, which relays the signal and then kills';

      it(`export, ${RUNS} interrupts through ${how}`, async () => {
        const projectDir = fixtureProject(FIXTURE_DECK);
        const first = await runCli([], { cwd: projectDir });
        expect(first.code, first.stderr).toBe(0);
        const profilesBefore = new Set(orphanProfiles());
        const outcomes: (Outcome & { after: string; delayMs: number })[] = [];
        for (let i = 0; i < RUNS; i++) {
          const at = {
            after: EXPORT_STEPS[Math.floor(next() * EXPORT_STEPS.length)]!,
            delayMs: Math.round(next() * 300),
          };
          outcomes.push({ ...at, ...(await interrupt(projectDir, EXPORT_CLI, runner, at)) });
        }
        console.log(
          `export via ${runner} (seed ${SEED}): ${outcomes
            .map(
              (o) =>
                `${o.delayMs} ms after ${o.after} → ${o.code ?? o.signal}, chromium processes ${o.chromiumSeen}, staging left ${o.staging.length}`,
            )
            .join('; ')}`,
        );
        for (const o of outcomes) {
          const when = `${o.delayMs} ms after ${o.after}`;
          expect(o.chromiumLeft, `${when}: ${o.stderr}`).toEqual([]);
          // Finished before the signal (0), or interrupted (130) and then nothing changed.
          expect([0, 130], `${when}: ${o.stderr}`).toContain(o.code);
          if (o.code === 130) expect(o.changed, when).toBe(false);
          // Started as npm does, the command cleans up itself; a child killed outright by tsx cannot, and the next run does.
          if (runner === 'node') expect(o.staging, when).toEqual([]);
        }
        expect(outcomes.some((o) => o.code === 130)).toBe(true);
        const last = await runCli(['--only', 'offline'], { cwd: projectDir });
        expect(last.code, last.stderr).toBe(0);
        expect(stagingLeftovers(path.join(projectDir, 'dist'))).toEqual([]);
        expect(orphanProfiles().filter((p) => !profilesBefore.has(p))).toEqual([]);
      });

      it(`build, ${RUNS} interrupts through ${runner}`, async () => {
        const projectDir = fixtureProject(FIXTURE_DECK);
        expect((await runCli([], { cwd: projectDir, cli: BUILD_CLI })).code).toBe(0);
        for (let i = 0; i < RUNS; i++) {
          // Loading the command takes a moment; the build itself a few hundred milliseconds after it.
          const delayMs = Math.round(next() * 3500);
          const o = await interrupt(projectDir, BUILD_CLI, runner, { after: null, delayMs });
          // Interrupted (130), ended by the signal before the command had set anything up, or finished (0).
          expect(o.code === 0 || o.code === 130 || o.signal === 'SIGINT', `${delayMs} ms: ${o.stderr}`).toBe(true);
          // The build is deterministic: finished or not, the files are the ones that were there.
          expect(o.changed, `after ${delayMs} ms`).toBe(false);
          // The link preview's browser starts with the build: it goes with it.
          expect(o.chromiumLeft, `after ${delayMs} ms: ${o.stderr}`).toEqual([]);
          if (runner === 'node') expect(o.staging).toEqual([]);
        }
        expect((await runCli([], { cwd: projectDir, cli: BUILD_CLI })).code).toBe(0);
        expect(stagingLeftovers(path.join(projectDir, 'dist'))).toEqual([]);
      });
    }
  },
);

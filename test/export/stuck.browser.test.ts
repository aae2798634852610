import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { toCliError } from '../../src/cli/errors.ts';
import { ExportError } from '../../src/export/errors.ts';
import { exportDeck } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { FIXTURE_DECK, fixtureProject } from './helpers/project.ts';
import { markedProcessTree, runCli, startCli, stillRunning, type ProcessId } from './helpers/run-cli.ts';
import { snapshot } from './helpers/snapshot.ts';

/** The fixture deck (6 slides) with a 7th slide whose script does `script`. */
function deckWithScript(script: string): string {
  const projectDir = fixtureProject(FIXTURE_DECK);
  appendFileSync(
    path.join(projectDir, 'slides/talk.md'),
    `\n---\n\n## A slide with a script\n\n<script>${script}</script>\n\nNote:\nThe author's own script.\n`,
  );
  return projectDir;
}

describe('a page that blocks', { timeout: 180_000 }, () => {
  it('alert() in a slide: dismissed, reported with its slide, and the export finishes', async () => {
    const projectDir = deckWithScript('alert("Stop here")');
    const t0 = Date.now();
    const r = await runCli(['--only', 'slides', '--timeout', '5'], { cwd: projectDir });
    console.log(`alert() deck, --timeout 5: exit ${r.code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /slide 7 “A slide with a script” \(#[\w-]+\): the page opened a dialog, alert\(“Stop here”\)/,
    );
    expect(r.stdout).toMatch(/✓ slides PDF .* 7 pages/);
  });

  it('a script that never ends: --timeout is honoured, exit 1 naming the step, no browser left', async () => {
    const projectDir = deckWithScript('for (;;) {}');
    const marker = `DECK_STUCK_TEST_${randomUUID().replace(/-/g, '')}`;
    const seen = new Map<number, ProcessId>();
    const { done } = startCli(['--only', 'slides', '--timeout', '3'], {
      cwd: projectDir,
      env: { ...process.env, [marker]: '1' },
    });
    const watch = setInterval(() => {
      for (const p of markedProcessTree(marker)) seen.set(p.pid, p);
    }, 100);
    const t0 = Date.now();
    const r = await done;
    clearInterval(watch);
    console.log(`endless script, --timeout 3: exit ${r.code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/did not finish within 3 s/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const chromium = [...seen.values()].filter((p) => /chrom/i.test(p.name));
    expect(chromium.length).toBeGreaterThan(0);
    expect(stillRunning(chromium)).toEqual([]);
  });
});

describe('a browser that crashes', { timeout: 120_000 }, () => {
  it('reads "Chromium closed while printing the slides PDF", exit 1, earlier exports kept', async () => {
    const projectDir = fixtureProject(FIXTURE_DECK);
    await exportDeck(resolveExportOptions({ only: ['slides'] }, projectDir));
    const before = snapshot(path.join(projectDir, 'dist'));
    let browser: Browser | undefined;
    const err = await exportDeck(resolveExportOptions({ only: ['slides'] }, projectDir), {
      launch: async () => (browser = await launchBrowser({ executablePath: inject('executablePath') })),
      reporter: {
        // The moment the layout is done, the printing starts: Chromium dies under it.
        step: (label, _ms, _detail, ok) => {
          if (label === 'layout' && ok) process.kill(-browser!.process()!.pid!, 'SIGKILL');
        },
        warn: () => {},
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExportError);
    expect((err as Error).message).toMatch(
      /^Chromium closed while printing the slides PDF \(its process was killed by SIGKILL\)$/,
    );
    const cli = toCliError(err);
    expect(cli.exitCode).toBe(1);
    expect(cli.detail).toBe('');
    expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
  });
});

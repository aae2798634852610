import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError } from '../../src/chromium/find-browser.ts';
import { toCliError } from '../../src/cli/errors.ts';
import { EnvironmentError } from '../../src/export/errors.ts';
import { exportDeck, locateBrowser } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { MANIFEST_NAME } from '../../src/export/out-dir.ts';
import { FIXTURE_DECK, fixtureProject } from './helpers/project.ts';
import { markedProcessTree, runCli, startCli, stillRunning, type ProcessId } from './helpers/run-cli.ts';

const IMAGES_DECK = path.resolve(import.meta.dirname, '../fixtures/decks/images');

/** Every file of a folder (recursively) with its bytes, to prove that a failed run changed nothing. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), readFileSync(file).toString('base64'));
  }
  return out;
}

/** Hidden leftovers (staging folders, temp files) beside or inside the output folder. */
function leftovers(projectDir: string): string[] {
  const dist = path.join(projectDir, 'dist');
  return [
    ...readdirSync(projectDir).filter((f) => f.startsWith('.')),
    ...readdirSync(dist).filter((f) => (f.startsWith('.') && f !== MANIFEST_NAME) || f.endsWith('.tmp')),
  ];
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (check()) return true;
  return check();
}

describe('command line', () => {
  it('--help lists the options users expect', async () => {
    const r = await runCli(['--help'], { cwd: process.cwd() });
    expect(r.code).toBe(0);
    for (const flag of [
      '--only <outputs>',
      '--paper <size>',
      '--layout <layout>',
      '--fragments',
      '--out-dir <dir>',
      '--no-build',
      '--timeout <seconds>',
      '--help',
    ])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/"a4", "letter"/);
    expect(r.stdout).toMatch(/"notes", "3-up"/);
    expect(r.stdout).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('a bad option exits 2 with the allowed values', async () => {
    const a = await runCli(['--paper', 'a5'], { cwd: process.cwd() });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/a4, letter|"a4", "letter"/);
    const b = await runCli(['--only', 'slides,pdf'], { cwd: process.cwd() });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--only "pdf" is not one of: slides, handout, offline');
  });
});

describe('failures leave earlier exports intact', () => {
  let projectDir: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    projectDir = fixtureProject(FIXTURE_DECK);
    await exportDeck(resolveExportOptions({}, projectDir));
    before = snapshot(path.join(projectDir, 'dist'));
    expect([...before.keys()]).toEqual(
      expect.arrayContaining(['export-fixture.pdf', 'export-fixture-handout.pdf', 'export-fixture-offline.html']),
    );
  });

  it('no browser: the finder’s error becomes exit code 3 with how to install one and which variable to set', async () => {
    const err = (() => {
      try {
        locateBrowser(() => {
          throw new BrowserNotFoundError();
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EnvironmentError);
    expect(toCliError(err).exitCode).toBe(3);
    expect((err as Error).message).toContain('apt-get install chromium');
    expect((err as Error).message).toContain('PUPPETEER_EXECUTABLE_PATH');
    // …and the export stops before building anything.
    let built = false;
    await expect(
      exportDeck(resolveExportOptions({}, projectDir), {
        findBrowser: () =>
          locateBrowser(() => {
            throw new BrowserNotFoundError();
          }),
        reporter: { step: () => (built = true), warn: () => {} },
      }),
    ).rejects.toBeInstanceOf(EnvironmentError);
    expect(built).toBe(false);
    expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
  });

  it('a browser variable that points nowhere: the CLI stops at once with exit code 3', async () => {
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' };
    const t0 = Date.now();
    const r = await runCli([], { cwd: projectDir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('PUPPETEER_EXECUTABLE_PATH is set to /nonexistent/chrome');
    expect(r.stdout).not.toContain('build');
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
  });

  it('a deck that does not build: file:line:column and exit 1; site and PDFs untouched', async () => {
    const talk = path.join(projectDir, 'slides/talk.md');
    const good = readFileSync(talk, 'utf8');
    // (An unknown key is only a warning without --strict, as in reveal-md; a wrong value stops the build.)
    writeFileSync(talk, good.replace('subtitle:', 'theme: no-such-theme\nsubtitle:'));
    try {
      const r = await runCli([], { cwd: projectDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/slides\/talk\.md:3:8: front-matter key "theme" must be one of light, dark/);
      expect(r.stderr).toContain('> 3 | theme: no-such-theme'); // the code frame
      expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
      expect(leftovers(projectDir)).toEqual([]);
    } finally {
      writeFileSync(talk, good);
    }
  });

  it('a step that times out: exit 1 naming the step; PDFs untouched', async () => {
    const r = await runCli(['--no-build', '--only', 'slides', '--timeout', '0.01'], { cwd: projectDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did not finish within 0.01 s');
    expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
    expect(leftovers(projectDir)).toEqual([]);
  });

  it('Ctrl-C while printing: exit 130, no browser left, nothing changed, no temporary files', async () => {
    const marker = `DECK_EXPORT_TEST_${randomUUID()}`;
    const env = { ...process.env, [marker]: '1' };
    let sent = false;
    let running: ProcessId[] = [];
    const { done } = startCli([], {
      cwd: projectDir,
      env,
      onStdout: (out, child) => {
        if (!sent && out.includes('✓ layout')) {
          sent = true;
          running = markedProcessTree(marker);
          child.kill('SIGINT');
        }
      },
    });
    const r = await done;
    expect(sent).toBe(true);
    expect(running.filter((p) => /chrom/i.test(p.name)).length).toBeGreaterThan(1); // the browser and its renderers
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted');
    expect(
      await waitUntil(() => stillRunning(running).length === 0, 10_000),
      JSON.stringify(stillRunning(running)),
    ).toBe(true);
    expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
    expect(leftovers(projectDir)).toEqual([]);
  });

  it('after the failures, a good run still succeeds, and no browser is left behind', async () => {
    const marker = `DECK_EXPORT_TEST_${randomUUID()}`;
    let running: ProcessId[] = [];
    const r = await startCli(['--only', 'slides'], {
      cwd: projectDir,
      env: { ...process.env, [marker]: '1' },
      onStdout: (out) => {
        if (running.length === 0 && out.includes('✓ layout')) running = markedProcessTree(marker);
      },
    }).done;
    expect(r.code, r.stderr).toBe(0);
    expect(running.filter((p) => /chrom/i.test(p.name)).length).toBeGreaterThan(1);
    expect(stillRunning(running)).toEqual([]);
    expect(r.stdout).toMatch(/✓ slides PDF .* 6 pages/);
    expect(r.stdout).toMatch(/dist\/export-fixture\.pdf\s+[\d.]+ kB\s+6 pages/);
    // --only slides kept the handout and the offline page of the earlier export, and still lists the handout.
    const after = snapshot(path.join(projectDir, 'dist'));
    expect(after.get('export-fixture-handout.pdf')).toBe(before.get('export-fixture-handout.pdf'));
    expect(readFileSync(path.join(projectDir, 'dist/index.html'), 'utf8')).toContain('./export-fixture-handout.pdf');
  });
});

describe('a slide that fails to render', () => {
  it('names the slide, exits 1 and keeps the previous PDF', async () => {
    const projectDir = fixtureProject(IMAGES_DECK);
    await exportDeck(resolveExportOptions({ only: ['slides'] }, projectDir));
    const dist = path.join(projectDir, 'dist');
    const before = readFileSync(path.join(dist, 'images.pdf'));
    const image = readdirSync(path.join(dist, 'assets')).find((f) => f.startsWith('dot-'))!;
    rmSync(path.join(dist, 'assets', image));
    const r = await runCli(['--no-build', '--only', 'slides'], { cwd: projectDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('slide 1 “A picture” (#a-picture)');
    expect(r.stderr).toContain(image);
    expect(readFileSync(path.join(dist, 'images.pdf')).equals(before)).toBe(true);
  });
});

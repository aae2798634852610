import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { profileRoot, spawnEarly } from '../../src/export/early-browser.ts';
import { exportDeck } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { FIXTURE_DECK, fixtureProject } from '../export/helpers/project.ts';
import { runCli, startCli } from '../export/helpers/run-cli.ts';
import { TSX_CACHE } from '../helpers/private-tmp.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * Every browser we launch leaves nothing behind: neither its profile nor the folder Chromium
 * makes beside it in the temp folder for its single-instance socket (`org.chromium.Chromium.*`).
 * The file gives the browsers a temp folder of its own (TMPDIR, which Chromium and the export
 * command inherit), so that what other processes on the machine do cannot count here; profiles
 * the export keeps in the RAM file system are looked for by their owner's pid.
 */
let tmp: string;
const parentTmp = process.env.TMPDIR;
let before = new Set<string>();

beforeAll(() => {
  // Short: Chromium's socket goes under it, and a socket's path may not pass ~107 bytes.
  tmp = tempDir('tl-');
  process.env.TMPDIR = tmp;
});

afterAll(() => {
  if (parentTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = parentTmp;
});

beforeEach(() => {
  before = new Set(readdirSync(tmp));
});

/**
 * What the test added to the temp folder and left there, hidden entries (Chromium's shared
 * memory files) included; not the TypeScript runner's cache, which the CLI's runs share.
 */
function leftInTmp(): string[] {
  return readdirSync(tmp)
    .filter((name) => !before.has(name) && name !== TSX_CACHE)
    .sort();
}

/** Our profile folders in `root` made by process `pid`. */
function profilesOf(pid: number, root = profileRoot()): string[] {
  return readdirSync(root).filter((name) => name.startsWith(`deck-chromium-${pid}-`));
}

/** Polls (each clean-up runs when Chromium's process has ended, a moment after close returns). */
async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}

/** A project made outside the test's temp folder, so that only what the browser makes is counted there. */
function projectOutsideTmp(): string {
  process.env.TMPDIR = parentTmp;
  try {
    return fixtureProject(FIXTURE_DECK);
  } finally {
    process.env.TMPDIR = tmp;
  }
}

describe('a launched browser leaves nothing in the temp folder', { timeout: 120_000 }, () => {
  it('launchBrowser, closed politely', async () => {
    const browser = await launchBrowser({ executablePath: inject('executablePath') });
    expect(leftInTmp().length).toBeGreaterThan(0); // its profile, and the socket folder: the check can fail
    const page = await browser.newPage();
    await page.goto('data:text/html,<h1>hello</h1>');
    await browser.close();
    await settle(() => leftInTmp().length === 0);
    expect(leftInTmp()).toEqual([]);
  });

  it('launchBrowser, its process group killed (as the export and an interrupted run end it)', async () => {
    const browser = await launchBrowser({ executablePath: inject('executablePath') });
    const page = await browser.newPage();
    await page.goto('data:text/html,<h1>hello</h1>');
    const child = browser.process()!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    expect(leftInTmp().some((name) => name.startsWith('org.chromium.Chromium.'))).toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    await browser.disconnect();
    await settle(() => leftInTmp().length === 0);
    expect(leftInTmp()).toEqual([]);
  });

  it("the export's early browser (spawnEarly), through exportDeck", async () => {
    const projectDir = projectOutsideTmp();
    const early = spawnEarly(inject('executablePath'));
    const result = await exportDeck(resolveExportOptions({ only: ['slides'] }, projectDir), { early });
    expect(result.files.map((f) => f.kind)).toEqual(['slides']);
    expect(profilesOf(process.pid)).toEqual([]);
    expect(leftInTmp()).toEqual([]);
  });

  it('the export command, finished', async () => {
    const projectDir = projectOutsideTmp();
    const { child, done } = startCli(['--only', 'slides'], { cwd: projectDir });
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    expect(profilesOf(child.pid!)).toEqual([]);
    expect(leftInTmp()).toEqual([]);
  });

  it('the export command, interrupted (Ctrl-C) once its browser is up', async () => {
    const projectDir = projectOutsideTmp();
    const { child, done } = startCli(['--only', 'slides'], {
      cwd: projectDir,
      onStdout: (out, c) => {
        if (out.includes('✓ browser')) c.kill('SIGINT');
      },
    });
    const r = await done;
    expect([0, 130], r.stderr).toContain(r.code);
    expect(profilesOf(child.pid!)).toEqual([]);
    expect(leftInTmp()).toEqual([]);
  });

  it('the export command, killed outright: the next export removes what it left', async () => {
    const projectDir = projectOutsideTmp();
    const { child, done } = startCli(['--only', 'slides'], {
      cwd: projectDir,
      onStdout: (out, c) => {
        if (out.includes('✓ browser')) c.kill('SIGKILL');
      },
    });
    const r = await done;
    expect(r.signal, r.stdout).toBe('SIGKILL');
    expect(profilesOf(child.pid!)).toHaveLength(1); // its profile, stale now: the check can fail
    // Nothing of ours runs any more to clean up; the next export finds its profile stale.
    const next = await runCli(['--only', 'slides'], { cwd: projectDir });
    expect(next.code, next.stderr).toBe(0);
    expect(profilesOf(child.pid!)).toEqual([]);
    expect(leftInTmp()).toEqual([]);
  });
});

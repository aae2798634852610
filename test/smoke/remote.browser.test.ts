import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { formatFailures, formatReport } from '../../src/smoke/report.ts';
import { runSmoke } from '../../src/smoke/run.ts';
import type { SmokeCheck, SmokeReport } from '../../src/smoke/types.ts';
import { buildSmokeFixture, REAL_FIXTURES } from './fixtures.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * Requests to other sites, with a local stand-in for "another site" (another origin on this
 * machine, no internet): a file the deck's author named is a warning (an error with
 * offlineStrict); anything else off the deck's origin is an error. The smoke test blocks them
 * all, so the stand-in must never be reached.
 */
const results = path.resolve(import.meta.dirname, '../../test-results/smoke/remote');
let browser: Browser;
let standIn: Server;
let standInUrl = '';
const reached: string[] = [];
const made: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser({ executablePath: inject('executablePath') });
  standIn = createServer((req, res) => {
    reached.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'access-control-allow-origin': '*' });
    res.end('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  // 127.0.0.1 on another port: another origin than the deck's server, as another site is.
  standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => standIn?.close(resolve));
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a built deck whose every `from` (in index.html and its CSS) reads `to`. */
function pointed(distDir: string, from: string, to: string): string {
  const dir = tempDir('deck-smoke-remote-');
  made.push(dir);
  cpSync(distDir, dir, { recursive: true });
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!/\.(html|css)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    writeFileSync(file, readFileSync(file, 'utf8').split(from).join(to));
  }
  return dir;
}

async function built(name: string, from?: string): Promise<string> {
  const { projectDir, distDir } = await buildSmokeFixture(name, from);
  made.push(projectDir);
  return distDir;
}

function smoke(distDir: string, name: string, checks: SmokeCheck[], offlineStrict = false): Promise<SmokeReport> {
  return runSmoke({ distDir, browser, checks, offlineStrict, screenshotsDir: path.join(results, name) });
}

describe('requests to other sites', () => {
  it('a deck whose author named remote files: a warning for each, naming the URL and its slide; errors offline-strict', async () => {
    const dist = pointed(
      await built('remote-assets', path.join(REAL_FIXTURES, 'remote-assets')),
      'https://example.invalid/',
      standInUrl,
    );
    const report = await smoke(dist, 'remote-assets', ['start', 'fit']);
    expect(report.failures, formatFailures(report)).toEqual([]);
    expect(report.warnings.map((w) => `${w.check} ${w.slide?.number} ${w.message.split(' ')[0]}`).sort()).toEqual([
      `start 1 ${standInUrl}picture.png`,
      `start 2 ${standInUrl}bg.jpg`,
    ]);
    expect(report.warnings[0]?.message).toMatch(/is on another site: without the network it will be missing/);
    expect(formatReport(report)).toMatch(/2 warnings \(not failures\):\n {2}⚠ start · slide \d “/);

    const strict = await smoke(dist, 'remote-assets-strict', ['start', 'fit'], true);
    expect(strict.warnings).toEqual([]);
    // Each file, on its slide, over http and from file://.
    expect(
      strict.failures.map((f) => `${f.check} ${f.slide?.number} ${f.where?.split(',')[0]} ${f.found}`).sort(),
    ).toEqual([
      `start 1 file:// GET ${standInUrl}picture.png (blocked by the smoke test): a remote file the slide names`,
      `start 1 http GET ${standInUrl}picture.png (blocked by the smoke test): a remote file the slide names`,
      `start 2 file:// GET ${standInUrl}bg.jpg (blocked by the smoke test): a remote file the slide names`,
      `start 2 http GET ${standInUrl}bg.jpg (blocked by the smoke test): a remote file the slide names`,
    ]);
    expect(strict.failures[0]?.expected).toMatch(/--offline-strict/);
    expect(reached).toEqual([]);
  });

  it("a remote url() in the deck's own CSS is the author's too", async () => {
    const report = await smoke(await built('remote-css'), 'remote-css', ['start']);
    expect(report.failures, formatFailures(report)).toEqual([]);
    expect(report.warnings).toEqual([
      {
        check: 'start',
        slide: null,
        message: expect.stringMatching(
          /^https:\/\/example\.invalid\/texture\.png \(in the deck's CSS\) is on another site: without the network/,
        ),
      },
    ]);
  });

  it('the starter deck names no remote file: any request to another site is an error, offline-strict or not', async () => {
    const dist = pointed(
      inject('distDir'),
      '</body>',
      `<script>fetch('${standInUrl}beacon').catch(() => {})</script></body>`,
    );
    for (const offlineStrict of [false, true]) {
      const report = await smoke(dist, 'starter-beacon', ['start'], offlineStrict);
      expect(report.warnings).toEqual([]);
      expect(report.failures.map((f) => `${f.where?.split(',')[0]} ${f.found}`)).toEqual([
        `http GET ${standInUrl}beacon (blocked by the smoke test)`,
        `file:// GET ${standInUrl}beacon (blocked by the smoke test)`,
      ]);
      expect(report.failures[0]?.expected).toBe(
        'no request to another origin: the deck must work offline (nothing in the deck names this URL)',
      );
    }
    expect(reached).toEqual([]);
  });
});

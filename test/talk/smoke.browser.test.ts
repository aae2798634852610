import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { formatFailures } from '../../src/smoke/report.ts';
import { runSmoke } from '../../src/smoke/run.ts';
import { SMOKE_CHECKS, type SmokeReport } from '../../src/smoke/types.ts';

const results = path.resolve(import.meta.dirname, '../../test-results/smoke');

/** The talk in slides/ passes every smoke check (`npm run smoke` does the same from the command line). */
describe('the talk passes the smoke test', () => {
  let browser: Browser;
  let copy: string;
  let report: SmokeReport;
  beforeAll(async () => {
    browser = await launchBrowser({ executablePath: inject('executablePath') });
    // A private copy: another run in this tree may rebuild the setup's build under the server.
    copy = mkdtempSync(path.join(os.tmpdir(), 'deck-smoke-talk-'));
    cpSync(inject('distDir'), copy, { recursive: true });
    report = await runSmoke({ distDir: copy, browser, screenshotsDir: path.join(results, 'talk') });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(copy, { recursive: true, force: true });
  });

  it.each(SMOKE_CHECKS)('%s', (check) => {
    const failures = report.failures.filter((f) => f.check === check);
    expect(failures, formatFailures({ failures })).toEqual([]);
  });
});

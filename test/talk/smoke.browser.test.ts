import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { formatFailures, formatReport } from '../../src/smoke/report.ts';
import { runSmoke } from '../../src/smoke/run.ts';
import { SMOKE_CHECKS, type SmokeReport } from '../../src/smoke/types.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const results = path.resolve(import.meta.dirname, '../../test-results/smoke');

/** The talk in slides/ passes every smoke check (`npm run smoke` does the same from the command line). */
describe('the talk passes the smoke test', () => {
  let browser: Browser;
  let copy: string;
  let report: SmokeReport;
  beforeAll(async () => {
    browser = await launchBrowser({ executablePath: inject('executablePath') });
    // A private copy: another run in this tree may rebuild the setup's build under the server.
    copy = tempDir('deck-smoke-talk-');
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

  it('asks for nothing from another site, not even a file it names (it works offline)', () => {
    expect(report.warnings).toEqual([]);
  });

  it('holds every slide to the talk’s own type sizes and balance, declared in its CSS', () => {
    expect(report.fit?.thresholds).toEqual({
      minTextPx: 28,
      minBodyPx: 38,
      minSmallPx: 30,
      smallSelector: expect.stringContaining('.talk-caption'),
      minSpan: 0.55,
    });
    expect(report.fit?.slides.map((s) => s.index)).toEqual(report.screenshots.map((_, i) => i));
    for (const slide of report.fit?.slides ?? []) {
      expect(slide.smallestPx, slide.title).toBeGreaterThanOrEqual(27.5);
      if (slide.smallestBodyPx !== null) expect(slide.smallestBodyPx, slide.title).toBeGreaterThanOrEqual(37.5);
      expect(slide.span >= 0.55 || slide.centred, `${slide.title}: spans ${slide.span}`).toBe(true);
    }
    expect(formatReport(report)).toMatch(/fit per slide \(text ≥ 28 px; body ≥ 38 px; .* content spans ≥ 55 %/);
  });
});

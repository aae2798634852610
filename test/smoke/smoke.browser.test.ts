import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { main } from '../../src/cli/smoke.ts';
import type { DeckJson } from '../../src/model.ts';
import { formatFailures, formatReport } from '../../src/smoke/report.ts';
import type { SmokeProgress } from '../../src/smoke/progress.ts';
import { runSmoke } from '../../src/smoke/run.ts';
import {
  SMOKE_CHECKS,
  type SmokeCheck,
  type SmokeFailure,
  type SmokeOptions,
  type SmokeReport,
} from '../../src/smoke/types.ts';
import { buildSmokeFixture, REAL_FIXTURES } from '../smoke/fixtures.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const results = path.resolve(import.meta.dirname, '../../test-results/smoke');

// One browser for the starter deck and every fixture (Chromium as the global setup found it).
let browser: Browser;
/** Temp projects and copies this file made, removed at the end. */
const made: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser({ executablePath: inject('executablePath') });
});
afterAll(async () => {
  await browser?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function build(name: string, from?: string): Promise<string> {
  const { projectDir, distDir } = await buildSmokeFixture(name, from);
  made.push(projectDir);
  return distDir;
}

function tempCopy(from: string, prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  cpSync(from, dir, { recursive: true });
  return dir;
}

describe('the starter deck `deck new` writes, built by the global setup', () => {
  let report: SmokeReport;
  beforeAll(async () => {
    // A private copy: other runs in this tree rebuild the global setup's build, which would pull files from under the server.
    const distDir = tempCopy(inject('distDir'), 'deck-smoke-starter-');
    report = await runSmoke({ distDir, browser, screenshotsDir: path.join(results, 'starter') });
  }, 120_000);

  it.each(SMOKE_CHECKS)('%s', (check) => {
    const failures = report.failures.filter((f) => f.check === check);
    expect(failures, formatFailures({ failures })).toEqual([]);
  });

  it('asks for nothing from another site, not even a file it names', () => {
    expect(report.warnings).toEqual([]);
  });

  it('writes a screenshot of every slide and a contact sheet to look through', () => {
    const deck = JSON.parse(readFileSync(path.join(inject('distDir'), 'deck.json'), 'utf8')) as DeckJson;
    expect(report.screenshots).toHaveLength(deck.slides.length);
    for (const file of report.screenshots) expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(report.gallery, 'utf8')).toContain(deck.slides[0]!.title);
  });
});

/** "check slide" pairs, sorted, for exact comparisons. */
function summary(report: SmokeReport): string[] {
  return [...new Set(report.failures.map((f) => `${f.check} ${f.slide?.number ?? '-'}`))].sort();
}

function failuresOf(report: SmokeReport, check: SmokeCheck, slide: number | null): SmokeFailure[] {
  return report.failures.filter((f) => f.check === check && (f.slide?.number ?? null) === slide);
}

/** Every failure says where to look: the screenshot it names exists. */
function expectScreenshots(report: SmokeReport): void {
  for (const f of report.failures) if (f.screenshot) expect(existsSync(f.screenshot), f.screenshot).toBe(true);
}

async function smokeFixture(
  name: string,
  checks: SmokeCheck[],
  distDir?: string,
  readyTimeoutMs?: number,
  fit?: SmokeOptions['fit'],
): Promise<SmokeReport> {
  const dist = distDir ?? (await build(name));
  return runSmoke({
    distDir: dist,
    browser,
    checks,
    screenshotsDir: path.join(results, 'fixtures', name),
    readyTimeoutMs,
    fit,
  });
}

describe('the smoke test fails when it should', () => {
  let cleanDist = '';
  beforeAll(async () => {
    cleanDist = await build('clean');
  }, 60_000);

  it('passes a clean deck with a vertical stack, fragments and an image on every check', async () => {
    const report = await smokeFixture('clean', [...SMOKE_CHECKS], cleanDist);
    expect(report.failures, formatFailures(report)).toEqual([]);
    expect(report.screenshots).toHaveLength(5);
  });

  it('fit, prints and phones: names an overflowing, a clipped, a too-wide and a covered slide', async () => {
    const report = await smokeFixture('overflow', ['fit', 'prints', 'phones']);
    expect(summary(report)).toEqual(['fit 2', 'fit 3', 'fit 4', 'fit 5', 'phones 4', 'prints 2']);
    expect(failuresOf(report, 'fit', 2)[0]).toMatchObject({
      slide: { number: 2, title: 'Too many points' },
      expected: 'content inside the 1280×720 slide',
      found: expect.stringMatching(/li “Sixteen points” reaches \d+ px below the bottom edge/),
      screenshot: path.join(results, 'fixtures/overflow/02-too-many-points.png'),
    });
    expect(failuresOf(report, 'fit', 3)[0]?.found).toMatch(
      /^(pre|code)\b.*: \d+ px across of its content is cut off \(overflow: auto\)/,
    );
    expect(failuresOf(report, 'fit', 4)[0]?.found).toMatch(
      /^span “This sentence will not wrap, .*” reaches \d+ px past the right edge/,
    );
    expect(failuresOf(report, 'fit', 5)[0]?.found).toMatch(
      /^p “Hidden behind the arrows” is under button\.navigate-\w+/,
    );
    expect(failuresOf(report, 'prints', 2)[0]?.found).toMatch(/^2 pages: the slide is taller than the page/);
    expect(failuresOf(report, 'phones', 4).map((f) => f.where)).toEqual([
      '390×844 scroll view',
      '768×1024 scroll view',
    ]);
    expect(failuresOf(report, 'phones', 4)[0]?.found).toMatch(
      /^span “This sentence will not wrap.*” reaches \d+ px past the right edge of the screen/,
    );
    expectScreenshots(report);
  });

  it('start and fit: a missing image is a failed request and an image that did not load, on its slide', async () => {
    const report = await smokeFixture('missing-image', ['start', 'fit']);
    expect(summary(report)).toEqual(['fit 2', 'start 2']);
    const requests = failuresOf(report, 'start', 2).map((f) => `${f.where?.split(',')[0]}: ${f.found}`);
    expect(requests).toEqual([
      expect.stringMatching(
        /^http: request failed: http:\/\/127\.0\.0\.1:\d+\/nope\.png \(HTTP 404\) — outside the deck's folder/,
      ),
      expect.stringMatching(/^file:\/\/: request failed: file:\/\/\/nope\.png \(net::ERR_FILE_NOT_FOUND\)/),
    ]);
    expect(failuresOf(report, 'fit', 2)[0]).toMatchObject({
      expected: 'every image loaded',
      found: expect.stringMatching(/image did not load: .*\/nope\.png/),
    });
  });

  it('notes: names the slide without speaker notes', async () => {
    const report = await smokeFixture('no-notes', ['notes']);
    expect(report.failures).toEqual([
      {
        check: 'notes',
        slide: { number: 2, title: 'Forgotten', id: 'forgotten' },
        expected:
          'speaker notes (a "Note:" block under the slide): the deck sets minutes: 2, and the speaker view paces each slide by its notes',
        found: 'no notes (notesWords is 0 in deck.json; source slides/talk.md:16)',
        screenshot: path.join(results, 'fixtures/no-notes/02-forgotten.png'),
      },
    ]);
  });

  it('notes: a deck that asks for no pacing (no `minutes:`) is not failed for slides without notes', async () => {
    // A reveal-md deck: notes on one slide of five, no minutes.
    const dist = await build('reveal-md-code', path.join(REAL_FIXTURES, 'reveal-md-code'));
    const deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    expect(deck.minutes).toBeNull();
    expect(deck.slides.filter((s) => s.notesWords === 0).length).toBeGreaterThan(0);
    const report = await smokeFixture('reveal-md-code', ['notes'], dist);
    expect(report.failures).toEqual([]);
    // The same deck asking for pacing is held to notes on every slide, each slide named.
    writeFileSync(path.join(dist, 'deck.json'), JSON.stringify({ ...deck, minutes: 5 }));
    const paced = await smokeFixture('reveal-md-code', ['notes'], dist);
    expect(paced.failures.map((f) => f.slide?.number)).toEqual(
      deck.slides.filter((s) => s.notesWords === 0).map((s) => s.index + 1),
    );
  });

  it('phones: a slide shorter than the toolbar is not covered by it; a banner over the slides still fails', async () => {
    const dist = await build('short-slides');
    const report = await smokeFixture('short-slides', ['phones'], dist);
    expect(report.failures, formatFailures(report)).toEqual([]);
    // A banner the deck's page puts over the screen (below the toolbar) covers every slide.
    const covered = tempCopy(dist, 'deck-smoke-banner-');
    const html = readFileSync(path.join(covered, 'index.html'), 'utf8');
    const banner =
      '<div class="cookie-banner" style="position:fixed;left:0;right:0;top:60px;bottom:0;z-index:99;background:#fff">We use cookies</div>';
    writeFileSync(
      path.join(covered, 'index.html'),
      html.replace('</body>', () => `${banner}</body>`),
    );
    const bad = await smokeFixture('short-slides-banner', ['phones'], covered);
    expect(summary(bad)).toEqual(['phones 1', 'phones 2', 'phones 3', 'phones 4']);
    for (const f of bad.failures)
      expect(f.found).toContain('the slide is covered by div.cookie-banner “We use cookies”');
    expect(bad.failures.map((f) => f.where)).toEqual(
      expect.arrayContaining(['390×844 scroll view', '768×1024 scroll view']),
    );
  });

  it('a11y: prints which rule failed on which slide (contrast, heading order, alt text)', async () => {
    const report = await smokeFixture('low-contrast', ['a11y']);
    expect(report.failures.map((f) => `${f.slide?.number} ${f.found.split(':')[0]}`)).toEqual([
      '2 color-contrast (serious)',
      '3 heading-order (moderate)',
      '4 image-alt (critical)',
    ]);
    expect(failuresOf(report, 'a11y', 2)[0]?.found).toMatch(
      /insufficient color contrast of 1\.\d+ \(foreground color: #b8b8b8/,
    );
    expectScreenshots(report);
  });

  it('start: a script error and a console error name their slide, over http and from file://', async () => {
    const report = await smokeFixture('script-error', ['start']);
    expect(
      report.failures.map(
        (f) => `${f.slide?.number} ${f.where?.split(',')[0]} ${f.found.split('\n')[0]!.replace(/ \(at .*\)$/, '')}`,
      ),
    ).toEqual([
      '2 http page error: boom from slide two',
      '2 file:// page error: boom from slide two',
      '3 http console error: a complaint from slide three',
      '3 file:// console error: a complaint from slide three',
    ]);
  });

  it('--only fit opens one tab (no file:// start, no print or phone tabs) and still measures every slide', async () => {
    let opened = 0;
    const count = () => void opened++;
    browser.on('targetcreated', count);
    try {
      const report = await smokeFixture('clean', ['fit'], cleanDist);
      expect(opened).toBe(1);
      expect(report.fit?.slides).toHaveLength(5);
      expect(report.timings.map((t) => t.check)).toEqual(['screenshots', 'fit']);
      opened = 0;
      // The start check, asked for, opens the deck from file:// as well.
      await smokeFixture('clean', ['start'], cleanDist);
      expect(opened).toBe(2);
    } finally {
      browser.off('targetcreated', count);
    }
  });

  it('reports progress slide by slide through the sweep and each key walk, ending at the total', async () => {
    const seen: SmokeProgress[] = [];
    await runSmoke({
      distDir: cleanDist,
      browser,
      checks: ['fit', 'presents'],
      screenshotsDir: path.join(results, 'fixtures', 'clean-progress'),
      progress: (p) => seen.push(p),
    });
    const last = new Map(seen.map((p) => [p.what, p] as const));
    expect([...last.keys()]).toEqual(['fit', 'presents, arrow keys', 'presents, space / shift+space']);
    for (const [what, p] of last) {
      expect(p.done, what).toBe(p.total);
      expect(seen.filter((q) => q.what === what).map((q) => q.done)).toEqual(
        Array.from({ length: p.total }, (_, i) => i + 1),
      );
    }
    expect(last.get('fit')?.total).toBe(5);
  });

  it('a run that pictures only failing slides shoots those, each as the failure names it', async () => {
    const dist = await build('overflow');
    const report = await runSmoke({
      distDir: dist,
      browser,
      checks: ['fit'],
      screenshots: 'failing slides',
      screenshotsDir: path.join(results, 'fixtures', 'overflow-failing'),
    });
    const failing = [...new Set(report.failures.map((f) => f.slide!.number))];
    expect(failing).toEqual([2, 3, 4, 5]);
    // Named by slide number: the failing slides' pictures, and no other.
    expect(report.screenshots.map((f) => Number(path.basename(f).slice(0, 2)))).toEqual(failing);
    for (const f of report.failures) expect(report.screenshots).toContain(f.screenshot);
    expect(report.fit?.slides).toHaveLength(report.slideCount);
    expect(readFileSync(report.gallery, 'utf8')).not.toContain('01-');
  });

  it('fit: text under 28 px, in HTML and in a shrunken SVG', async () => {
    const report = await smokeFixture('small-text', ['fit']);
    expect(report.failures.map((f) => `${f.slide?.number} ${f.found}`)).toEqual([
      '2 20 px text: p “This sentence is set at twenty pixels.”',
      '3 20 px text: text “Label at 40 units”',
    ]);
    expect(report.failures[0]?.expected).toBe('text at least 28 px at 1280×720');
  });

  it('fit: a deck that asks for a room’s sizes fails small body text, a small caption and a top-heavy slide', async () => {
    const report = await smokeFixture('back-row', ['fit']);
    expect(report.failures.map((f) => `${f.slide?.number} ${f.expected}: ${f.found}`)).toEqual([
      '2 body text and headings at least 38 px at 1280×720: 32 px text: p “This sentence is set at thirty-two pixels.”',
      '3 small text (.caption) at least 30 px at 1280×720: 28 px text: p.caption “A caption at twenty-eight pixels.”',
      expect.stringMatching(
        /^4 content spanning at least 55 % of the slide’s height, or centred below the title: content spans 2\d % of the height \(\d+–\d+ px\) and leaves \d+ px empty below it/,
      ),
    ]);
    // Slide 5 holds as little as slide 4, centred below its title: it passes.
    expect(report.fit?.slides.map((s) => [s.index + 1, s.centred])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    const printed = formatReport(report);
    expect(printed).toMatch(/✗ {2}4 +38 px +38 +2\d % +no +Top of a page/);
    expect(printed).toMatch(/ {3}5 +38 px +38 +\d+ % +yes +Centred/);
  });

  it('fit: thresholds passed as options hold a deck that declares none; a bad selector is named', async () => {
    const quiet = await smokeFixture('clean', ['fit'], cleanDist);
    expect(quiet.fit?.thresholds).toMatchObject({ minBodyPx: null, minSmallPx: null, minSpan: null });
    expect(formatReport(quiet)).toContain('fit per slide (text ≥ 28 px):');
    const strict = await smokeFixture('clean', ['fit'], cleanDist, undefined, { minBodyPx: 60, smallSelector: '((' });
    expect(strict.failures[0]).toMatchObject({
      slide: null,
      expected: 'fit thresholds the check can read',
      found: 'small-text selector (( is not a valid selector list',
    });
    const small = strict.failures.filter((f) => f.expected === 'body text and headings at least 60 px at 1280×720');
    expect(small.length).toBeGreaterThan(0);
  });

  it('start: a remote image the slide names is blocked and warned about; a failure offline-strict', async () => {
    const dist = await build('other-origin');
    const report = await smokeFixture('other-origin', ['start'], dist);
    expect(report.failures).toEqual([]);
    expect(report.warnings.map((w) => `${w.slide?.number} ${w.message.split(' ')[0]}`)).toEqual([
      '2 https://example.com/logo.png',
    ]);
    const strict = await runSmoke({
      distDir: dist,
      browser,
      checks: ['start'],
      offlineStrict: true,
      screenshotsDir: path.join(results, 'fixtures', 'other-origin-strict'),
    });
    expect(strict.failures.map((f) => `${f.slide?.number} ${f.where?.split(',')[0]} ${f.found}`)).toEqual([
      '2 http GET https://example.com/logo.png (blocked by the smoke test): a remote file the slide names',
      '2 file:// GET https://example.com/logo.png (blocked by the smoke test): a remote file the slide names',
    ]);
  });

  it('presents: keys that do nothing fail the walk, overview, help and speaker view', async () => {
    const report = await smokeFixture('no-keys', ['presents']);
    expect(report.failures.map((f) => f.where).sort()).toEqual([
      'arrow keys',
      'help overlay (?)',
      'overview (o, Esc)',
      'space / shift+space',
      'speaker view (s)',
    ]);
    expect(report.failures.find((f) => f.where === 'arrow keys')).toMatchObject({
      slide: { number: 1 },
      expected: 'ArrowRight on slide 1 to go to slide 2',
      found: 'slide 1 (No keys) after ArrowRight',
    });
  });

  it('start: a slide count that differs from deck.json', async () => {
    const dist = tempCopy(cleanDist, 'deck-smoke-count-');
    const json = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    json.slides.pop();
    writeFileSync(path.join(dist, 'deck.json'), JSON.stringify(json));
    const report = await smokeFixture('count', ['start'], dist);
    expect(report.failures.map((f) => [f.where?.split(' ')[0], f.expected, f.found])).toEqual([
      ['http', '4 slides (deck.json)', '5 slides (Reveal.getTotalSlides()), 5 sections with data-deck-index'],
      ['file://', '4 slides (deck.json)', '5 slides (Reveal.getTotalSlides()), 5 sections with data-deck-index'],
    ]);
  });

  it('start: a deck that never gets ready', async () => {
    const dist = tempCopy(cleanDist, 'deck-smoke-ready-');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    writeFileSync(path.join(dist, 'index.html'), html.replace(/<script defer src="[^"]+"><\/script>/, ''));
    const report = await smokeFixture('never-ready', ['start'], dist, 1500);
    expect(report.failures.map((f) => f.found)).toEqual([
      'no deck:ready event within 1.5 s (window.Reveal is undefined: the deck script did not run)',
      'no deck:ready event within 1.5 s (window.Reveal is undefined: the deck script did not run)',
    ]);
    // Asked only for fit, the run still says why it could not measure anything (over http, where fit runs).
    const fitOnly = await smokeFixture('never-ready', ['fit'], dist, 1500);
    expect(fitOnly.failures.map((f) => `${f.check} ${f.where?.split(' ')[0]} ${f.found}`)).toEqual([
      'start http no deck:ready event within 1.5 s (window.Reveal is undefined: the deck script did not run)',
    ]);
    expect(fitOnly.checks).toEqual(['start', 'fit']);
  });
});

describe('npm run smoke', () => {
  it('shows progress per slide as plain lines when stderr is not a terminal, and none with --quiet', async () => {
    const err: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    try {
      expect(process.stderr.isTTY).toBeFalsy();
      const distDir = await build('clean');
      const screenshots = path.join(results, 'fixtures/cli-progress');
      expect(await main([distDir, '--only', 'fit', '--screenshots', screenshots])).toBe(0);
      const lines = err.join('').split('\n');
      // Five slides: a line each (a long deck gets one per tenth), in order, with the slide's title.
      expect(lines.filter((l) => l.startsWith('smoke: fit '))).toEqual([
        'smoke: fit 1/5 “Clean deck”',
        'smoke: fit 2/5 “Steps”',
        'smoke: fit 3/5 “Below”',
        'smoke: fit 4/5 “Further below”',
        'smoke: fit 5/5 “The end”',
      ]);
      expect(err.join('')).not.toMatch(/[\r\x1b]/);
      err.length = 0;
      expect(await main([distDir, '--only', 'fit', '--quiet', '--screenshots', screenshots])).toBe(0);
      expect(err.join('')).toBe('');
    } finally {
      out.mockRestore();
      spy.mockRestore();
    }
  });

  it('exits 1 and prints the failure with its slide, 0 when the checks pass', async () => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const distDir = await build('no-notes');
      const screenshots = path.join(results, 'fixtures/cli');
      expect(await main([distDir, '--only', 'notes', '--screenshots', screenshots])).toBe(1);
      expect(out.join('')).toContain('✗ notes · slide 2 “Forgotten”');
      out.length = 0;
      expect(await main([distDir, '--only', 'start', '--screenshots', screenshots])).toBe(0);
      expect(out.join('')).toMatch(/✓ start\s+\d+\.\d s/);
    } finally {
      write.mockRestore();
      err.mockRestore();
    }
  });
});

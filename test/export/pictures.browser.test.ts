import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { parseHTML } from 'linkedom';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDownloads } from '../../src/export/downloads.ts';
import { toCliError } from '../../src/cli/errors.ts';
import { ExportError } from '../../src/export/errors.ts';
import { exportDeck, type ExportResult } from '../../src/export/export-deck.ts';
import { resolveExportOptions, type RawExportOptions } from '../../src/export/options.ts';
import { notesAsText } from '../../src/export/pptx.ts';
import { slideImageName } from '../../src/export/slide-images.ts';
import type { DeckJson } from '../../src/model.ts';
import { useBrowser } from '../helpers/browser.ts';
import { FIXTURE_DECK, fixtureProject, squash } from './helpers/project.ts';
import { runCli } from './helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const SLUG = 'export-fixture';

async function run(projectDir: string, raw: RawExportOptions): Promise<{ result: ExportResult; steps: string[] }> {
  const steps: string[] = [];
  const result = await exportDeck(resolveExportOptions(raw, projectDir), {
    reporter: {
      step: (label, _ms, detail, ok) => steps.push(`${ok ? 'ok' : 'FAILED'} ${label} ${detail}`),
      warn: () => {},
    },
  });
  return { result, steps };
}

function readPng(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

function slidePngs(dist: string): string[] {
  return readdirSync(dist)
    .filter((f) => /^export-fixture-\d{2,}(-\d+)?\.png$/.test(f))
    .sort();
}

/** The parts of a .pptx that PowerPoint's outline, notes pane and screen readers use, read back from the package. */
interface PptxFacts {
  slides: { title: string; alt: string[]; notes: string; links: string[] }[];
  media: number;
  core: string;
}

function texts(xml: string): string[] {
  return [...xml.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => decodeXml(m[1]!));
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function readPptx(file: string): Promise<PptxFacts> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files);
  const count = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  const slides: PptxFacts['slides'] = [];
  for (let i = 1; i <= count; i++) {
    const xml = await zip.file(`ppt/slides/slide${i}.xml`)!.async('string');
    const rels = await zip.file(`ppt/slides/_rels/slide${i}.xml.rels`)!.async('string');
    const title = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?type="title"[\s\S]*?<\/p:sp>/.exec(xml)?.[0] ?? '';
    const notesTarget = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    const notes = notesTarget ? await zip.file(`ppt/notesSlides/${notesTarget}`)!.async('string') : '';
    // The notes body is the placeholder of type "body"; the slide number placeholder follows it.
    const body = /type="body"[\s\S]*?<\/p:txBody>/.exec(notes)?.[0] ?? '';
    slides.push({
      title: texts(title).join(''),
      alt: [...xml.matchAll(/<p:pic>[\s\S]*?descr="([^"]*)"/g)].map((m) => decodeXml(m[1]!)),
      notes: [...body.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => texts(p[1]!).join('')).join('\n'),
      links: [...rels.matchAll(/Type="[^"]*\/(hyperlink|slide)" Target="([^"]*)"/g)].map((m) =>
        m[1] === 'slide' ? `slide:${m[2]}` : decodeXml(m[2]!),
      ),
    });
  }
  return {
    slides,
    media: names.filter((n) => n.startsWith('ppt/media/') && !zip.files[n]!.dir).length,
    core: await zip.file('docProps/core.xml')!.async('string'),
  };
}

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

describe('export --only png,pptx on the fixture deck', () => {
  const chromium = useBrowser();
  let projectDir: string;
  let dist: string;
  let deck: DeckJson;
  let first: { result: ExportResult; steps: string[] };

  beforeAll(async () => {
    projectDir = fixtureProject(FIXTURE_DECK);
    dist = path.join(projectDir, 'dist');
    first = await run(projectDir, { only: ['png', 'pptx', 'preview'] });
    deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
  });
  afterAll(() => rmSync(projectDir, { recursive: true, force: true }));

  it('writes one 2560×1440 PNG per slide, named by slide number, and nothing it was not asked for', () => {
    const pngs = slidePngs(dist);
    expect(pngs).toEqual(deck.slides.map((s) => slideImageName(SLUG, s.index, null, deck.slides.length)));
    expect(pngs[0]).toBe('export-fixture-01.png');
    for (const f of pngs) {
      const png = readPng(path.join(dist, f));
      expect([f, png.width, png.height]).toEqual([f, 2560, 1440]);
    }
    expect(existsSync(path.join(dist, `${SLUG}.pdf`))).toBe(false);
    expect(first.steps.map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
      'ok build 6',
      'ok browser ',
      'ok link preview',
      'ok PNG 6',
      'ok contact sheet',
      'ok PowerPoint 6',
      'ok publish site',
    ]);
    const written = first.result.files.map((f) => [f.kind, path.basename(f.path)]);
    expect(written).toContainEqual(['png', 'export-fixture-contact.png']);
    expect(written).toContainEqual(['pptx', 'export-fixture.pptx']);
    expect(readdirSync(projectDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('each PNG shows its slide as the deck shows it (same pixels within a small tolerance), with no controls or progress bar', async () => {
    const page = await chromium.browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 720, deviceScaleFactor: 2 });
      await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      for (const index of [1, 4]) {
        const slide = deck.slides[index]!;
        // The deck as a visitor opens it, straight at the slide, then reveal's own controls and our toolbar hidden.
        const url = pathToFileURL(path.join(dist, 'index.html'));
        url.search = 'mode=present&margin=0';
        url.hash = `/${slide.id}`;
        await page.goto(url.href, { waitUntil: 'load' });
        await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
        await page.addStyleTag({
          content: '.deck-ui, .reveal .controls, .reveal .progress { display: none !important; }',
        });
        await page.evaluate(async () => {
          await document.fonts.ready;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        });
        const shot = PNG.sync.read(Buffer.from(await page.screenshot({ type: 'png' })));
        const file = readPng(path.join(dist, slideImageName(SLUG, index, null, deck.slides.length)));
        expect([shot.width, shot.height]).toEqual([file.width, file.height]);
        const diff = pixelmatch(shot.data, file.data, null, file.width, file.height, { threshold: 0.1 });
        expect(diff / (file.width * file.height)).toBeLessThan(0.002);
        // And it is not a blank picture: the slide has text, so many pixels differ from the background.
        const blank = Buffer.alloc(file.data.length, 255);
        expect(pixelmatch(blank, file.data, null, file.width, file.height)).toBeGreaterThan(2000);
      }
      // The controls would be drawn in the bottom-right corner: the PNG has only background there.
      const png = readPng(path.join(dist, slideImageName(SLUG, 1, null, deck.slides.length)));
      const at = (x: number, y: number) => png.data.readUInt32BE((y * png.width + x) * 4);
      const background = at(2540, 20);
      for (const [x, y] of [
        [2460, 1360],
        [2500, 1400],
        [1280, 1436],
      ] as const)
        expect(at(x, y)).toBe(background);
    } finally {
      await page.close();
    }
  });

  it('writes a contact sheet: every slide as a thumbnail in a grid of 3 columns and 2 rows, with its number and title', () => {
    const sheet = readPng(path.join(dist, `${SLUG}-contact.png`));
    const BORDER = 0xb8c4c6ff; // the thumbnails' 1 px frame
    const at = (x: number, y: number) => sheet.data.readUInt32BE((y * sheet.width + x) * 4);
    // Down the left edge of the first column: one frame per row.
    const left = 32;
    const rows: number[] = [];
    for (let y = 0; y < sheet.height; y++) if (at(left, y) === BORDER && at(left, y - 1) !== BORDER) rows.push(y);
    expect(rows).toHaveLength(2);
    // Across the middle of the first row: one frame's left and right edges per column, 400 px apart.
    const mid = rows[0]! + 112;
    const edges: number[] = [];
    for (let x = 1; x < sheet.width; x++) if (at(x, mid) === BORDER && at(x - 1, mid) !== BORDER) edges.push(x);
    const lefts = edges.filter((_, i) => i % 2 === 0);
    expect(lefts).toEqual([32, 32 + 422, 32 + 2 * 422]);
    // Below each frame, the label: dark text (the number and the title) on white.
    for (const row of rows) {
      let dark = 0;
      for (let y = row + 228; y < row + 252; y++)
        for (let x = left; x < left + 300; x++) if (at(x, y) >>> 24 < 0x80) dark++;
      expect(dark).toBeGreaterThan(50);
    }
    expect(sheet.height).toBeLessThan(rows[1]! + 226 + 80);
  });

  it('writes a PowerPoint file: one 16:9 picture slide per slide, titles, alt text, notes, links, properties', async () => {
    const pptx = await readPptx(path.join(dist, `${SLUG}.pptx`));
    expect(pptx.slides).toHaveLength(deck.slides.length);
    expect(pptx.media).toBe(deck.slides.length);
    pptx.slides.forEach((s, i) => {
      const info = deck.slides[i]!;
      expect(s.title).toBe(info.title);
      expect(s.alt).toHaveLength(1);
      expect(squash(s.alt[0]!)).toContain(squash(info.title));
      expect(squash(s.notes)).toContain(squash(notesAsText(info.notesHtml).split('\n')[0]!));
    });
    expect(pptx.slides[0]!.notes).toContain('This sentence is only in the speaker notes of the first slide.');
    // The alt text is what the slide shows, not its notes.
    expect(pptx.slides[0]!.alt[0]).not.toContain('only in the speaker notes');
    // Slide 2's external link is a clickable region and is listed in the notes; its citation jumps to the Works Cited slide.
    expect(pptx.slides[1]!.links).toContain('https://example.org/plain-link');
    expect(pptx.slides[1]!.notes).toMatch(/Links on this slide:\n.*https:\/\/example\.org\/plain-link/);
    expect(pptx.slides[1]!.links).toContain(`slide:slide${deck.slides.length}.xml`);
    expect(pptx.core).toContain('<dc:title>Export fixture</dc:title>');
    expect(pptx.core).toContain('<dc:creator>Ada Author, Bo Writer</dc:creator>');
    expect(pptx.core).toContain('<cp:keywords>export, PDF outline</cp:keywords>');
    expect(pptx.core).toContain('<dc:language>en-GB</dc:language>');
    const sizes = (await JSZip.loadAsync(readFileSync(path.join(dist, `${SLUG}.pptx`))))
      .file('ppt/presentation.xml')!
      .async('string');
    expect(await sizes).toContain('<p:sldSz cx="9144000" cy="5143500"/>');
  });

  it.skipIf(!hasSoffice())('LibreOffice Impress opens it: converted to PDF, one page per slide', () => {
    const out = tempDir('deck-pptx-lo-');
    const profile = tempDir('deck-lo-profile-');
    try {
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          out,
          path.join(dist, `${SLUG}.pptx`),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
      const info = execFileSync('pdfinfo', [path.join(out, `${SLUG}.pdf`)], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(deck.slides.length);
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('makes the link preview: a 1200×630 picture of the title slide, named by the page’s metadata', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const { document } = parseHTML(html);
    const meta = (key: string) =>
      document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? null;
    expect(meta('og:title')).toBe('Export fixture');
    expect(meta('og:description')).toBe(deck.description);
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(meta('og:image')).toBe(`./${SLUG}-preview.png`);
    expect(meta('twitter:image')).toBe(meta('og:image'));
    const preview = readPng(path.join(dist, `${SLUG}-preview.png`));
    expect([preview.width, preview.height]).toEqual([1200, 630]);
  });

  it('offers the PowerPoint file and the contact sheet as downloads, with sizes', () => {
    const downloads = readDownloads(readFileSync(path.join(dist, 'index.html'), 'utf8'));
    expect(downloads.map((d) => [d.kind, d.href])).toEqual([
      ['pptx', `./${SLUG}.pptx`],
      ['contact', `./${SLUG}-contact.png`],
    ]);
    expect(downloads[0]!.bytes).toBe(readFileSync(path.join(dist, `${SLUG}.pptx`)).length);
    expect(downloads[0]!.pages).toBe(deck.slides.length);
  });

  it('the title slide lists them with their sizes: the PowerPoint file counts slides, the picture nothing', async () => {
    const page = await chromium.browser.newPage();
    try {
      const url = pathToFileURL(path.join(dist, 'index.html'));
      url.search = 'mode=present';
      await page.goto(url.href, { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
      const links = await page.$$eval('.deck-title-downloads a', (as) =>
        as.map((a) => [a.getAttribute('href'), a.textContent?.replace(/\s+/g, ' ').trim()]),
      );
      expect(links).toEqual([
        [`./${SLUG}.pptx`, expect.stringMatching(/^Slides \(PowerPoint\) – \d+(\.\d)? [kM]B, 6 slides$/)],
        [`./${SLUG}-contact.png`, expect.stringMatching(/^All slides at a glance \(PNG\) – \d+ kB$/)],
      ]);
    } finally {
      await page.close();
    }
  });

  it('with --fragments --scale 1: one 1280×720 PNG and one PowerPoint slide per fragment step; stale pictures go', async () => {
    await run(projectDir, { only: ['png', 'pptx'], fragments: true, scale: '1', build: false });
    const pngs = slidePngs(dist);
    const expected = deck.slides.flatMap((s) =>
      s.fragments === 0
        ? [slideImageName(SLUG, s.index, null, deck.slides.length)]
        : Array.from({ length: s.fragments + 1 }, (_, step) => slideImageName(SLUG, s.index, step, deck.slides.length)),
    );
    expect(pngs).toEqual([...expected].sort());
    const child = deck.slides.find((s) => s.fragments === 2)!;
    expect(pngs).toContain(`${SLUG}-0${child.index + 1}-3.png`);
    expect(pngs).not.toContain(`${SLUG}-0${child.index + 1}.png`);
    for (const f of pngs) {
      const png = readPng(path.join(dist, f));
      expect([png.width, png.height]).toEqual([1280, 720]);
    }
    // Each step shows more than the one before.
    const steps = [1, 2, 3].map((n) => readPng(path.join(dist, `${SLUG}-0${child.index + 1}-${n}.png`)));
    for (let i = 1; i < steps.length; i++)
      expect(pixelmatch(steps[i - 1]!.data, steps[i]!.data, null, 1280, 720)).toBeGreaterThan(100);
    const pptx = await readPptx(path.join(dist, `${SLUG}.pptx`));
    expect(pptx.slides).toHaveLength(expected.length);
    expect(pptx.slides.filter((s) => s.title === child.title)).toHaveLength(3);
    // The alt text of the first step leaves out what is not shown yet.
    const childSlides = pptx.slides.filter((s) => s.title === child.title);
    expect(childSlides[0]!.alt[0]).not.toContain('first step');
    expect(childSlides[2]!.alt[0]).toContain('second step');
  });

  it('a deck that fails to render leaves the earlier exports as they were', async () => {
    const files = readdirSync(dist, { withFileTypes: true }).filter((e) => e.isFile());
    const before = new Map(files.map((e) => [e.name, readFileSync(path.join(dist, e.name))]));
    // A local file that is no picture: the build bundles it (it exists), the page cannot show it.
    // (A remote picture that does not load is only a warning: remote-assets.browser.test.ts.)
    writeFileSync(path.join(projectDir, 'slides/missing.png'), 'not a picture');
    appendFileSync(
      path.join(projectDir, 'slides/talk.md'),
      '\n---\n\n## Broken\n\n![missing](missing.png)\n\nNote: a slide whose image cannot load.\n',
    );
    const err = await run(projectDir, { only: ['png', 'pptx'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect(toCliError(err).exitCode).toBe(1);
    expect((err as Error).message).toMatch(/missing-\w+\.png/);
    expect((err as Error).message).toMatch(/slide 7 “Broken”/);
    const after = readdirSync(dist, { withFileTypes: true }).filter((e) => e.isFile());
    expect(after.map((e) => e.name).sort()).toEqual([...before.keys()].sort());
    for (const [f, bytes] of before) expect(readFileSync(path.join(dist, f)).equals(bytes)).toBe(true);
    expect(readdirSync(projectDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('export --only png,pptx from the command line: the same exit codes', () => {
  const projectDir = fixtureProject(FIXTURE_DECK);
  afterAll(() => rmSync(projectDir, { recursive: true, force: true }));

  it('exits 3 before any work when there is no browser, 2 for a bad --scale, 1 when a slide does not render', async () => {
    const none = await runCli(['--only', 'png'], {
      cwd: projectDir,
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: path.join(projectDir, 'no-such-chrome') },
    });
    expect(none.code).toBe(3);
    expect(none.stdout).not.toContain('build');
    const bad = await runCli(['--only', 'pptx', '--scale', '3'], { cwd: projectDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scale/);
    writeFileSync(path.join(projectDir, 'slides/missing.png'), 'not a picture');
    appendFileSync(
      path.join(projectDir, 'slides/talk.md'),
      '\n---\n\n## Broken\n\n![missing](missing.png)\n\nNote: cannot load.\n',
    );
    const broken = await runCli(['--only', 'pptx'], { cwd: projectDir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/slide 7 “Broken”.*missing-\w+\.png/);
    expect(existsSync(path.join(projectDir, 'dist'))).toBe(false);
    expect(readdirSync(projectDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { outputFileName, resolveExportOptions } from '../../src/export/options.ts';
import { closeAll, printPdfs } from '../../src/export/print-pdfs.ts';
import { planParts, printInParts } from '../../src/export/print-parts.ts';
import { silentReporter } from '../../src/export/report.ts';
import type { DeckJson } from '../../src/model.ts';
import { buildDeck, buildFixture } from '../helpers/build-deck.ts';
import { readPdf, type PdfFacts } from './helpers/read-pdf.ts';
import { FIXTURE_DECK } from './helpers/project.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Every page of a PDF as PNG bytes, rendered by poppler (as a reader's viewer would draw it). */
function pagePixels(pdf: string): Buffer[] {
  const dir = tempDir('deck-pixels-');
  execFileSync('pdftoppm', ['-png', '-r', '40', pdf, path.join(dir, 'p')]);
  return readdirSync(dir)
    .sort()
    .map((f) => readFileSync(path.join(dir, f)));
}

/**
 * The tag tree as poppler reads it, as the sequence of its tagged elements and their text: the
 * object numbers of link annotations and the nesting of the untyped wrappers (NonStruct, one set
 * per part) left out, which a screen reader does not announce, and element IDs (which Chromium
 * numbers per document) named by their order of first use, so that a table cell must still name
 * its own headers.
 */
function tagSequence(pdf: string): string[] {
  const ids = new Map<string, string>();
  const id = (raw: string) => ids.get(raw) ?? ids.set(raw, `id${ids.size + 1}`).get(raw)!;
  return execFileSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l !== 'NonStruct' && l !== '""')
    .map((l) =>
      l
        .replace(/^Object \d+ 0$/, 'Object')
        .replace(/^(\w+) <([^>]*)>:$/, (_, role: string, raw: string) => `${role} <${id(raw)}>:`)
        .replace(
          /^\/Headers \[(.*)\]$/,
          (_, list: string) => `/Headers [${list.replace(/\(([^)]*)\)/g, (_m, raw: string) => id(raw))}]`,
        ),
    );
}

function hasQpdf(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type Printed = { file: string; facts: PdfFacts };

/** A built site printed with printPdfs, slides only, in a browser of its own, in a copy of the site. */
async function printCopy(
  built: { projectDir: string; distDir: string },
  deck: DeckJson,
  parts: { size?: number; from?: number },
): Promise<Printed> {
  const options = { ...resolveExportOptions({}, built.projectDir), outputs: ['slides' as const] };
  const dir = tempDir('deck-parts-');
  cpSync(built.distDir, dir, { recursive: true });
  const browser = await launchBrowser({ executablePath: inject('executablePath') });
  await printPdfs(browser, deck, dir, options, silentReporter, parts);
  const file = path.join(dir, outputFileName('slides', deck.slug));
  return { file, facts: await readPdf(file) };
}

/** What a reader gets from two PDFs of the same deck: pages, text, outline, links, tags, metadata, pixels. */
function expectSamePdf(parts: Printed, whole: Printed): void {
  expect(parts.facts.pages).toEqual(whole.facts.pages);
  expect(parts.facts.outline).toEqual(whole.facts.outline);
  expect(parts.facts.links).toEqual(whole.facts.links);
  expect(parts.facts.structText).toEqual(whole.facts.structText);
  expect(parts.facts.catalog).toEqual(whole.facts.catalog);
  const { CreationDate: _a, ModDate: _b, ...info } = whole.facts.info;
  expect(parts.facts.info).toMatchObject(info);
  expect(tagSequence(parts.file)).toEqual(tagSequence(whole.file));
  const a = pagePixels(parts.file);
  const b = pagePixels(whole.file);
  expect(a).toHaveLength(b.length);
  a.forEach((png, i) => expect(png.equals(b[i]!), `page ${i + 1}`).toBe(true));
}

/**
 * The fixture deck printed in one go and in forced small parts (2 and 3 slides: a part boundary
 * inside the vertical stack, a citation link from one part to the Works Cited in another), each
 * in a browser of its own, slides PDF only.
 */
describe('a deck printed in parts gives the same PDF as one print', () => {
  let deck: DeckJson;
  let built: { projectDir: string; distDir: string };
  const pdfs: Record<'whole' | 'parts of 2' | 'parts of 3', Printed> = {} as never;

  beforeAll(async () => {
    built = await buildFixture(FIXTURE_DECK);
    deck = JSON.parse(readFileSync(path.join(built.distDir, 'deck.json'), 'utf8')) as DeckJson;
    pdfs.whole = await printCopy(built, deck, {});
    pdfs['parts of 2'] = await printCopy(built, deck, { size: 2, from: 0 });
    pdfs['parts of 3'] = await printCopy(built, deck, { size: 3, from: 0 });
  }, 120_000);

  it.each(['parts of 2', 'parts of 3'] as const)(
    '%s: same pages, pixels, text, outline, links and tag tree',
    (name) => {
      const parts = pdfs[name];
      expect(parts.facts.pages).toHaveLength(deck.slides.length);
      expectSamePdf(parts, pdfs.whole);
      // The citation on slide 2 still jumps to the Works Cited page, printed in another part.
      expect(parts.facts.links.filter((l) => l.page === 2 && l.url === null).map((l) => l.destPage)).toContain(6);
      // Every slide's heading is in the tag tree; qpdf, where installed, finds the file sound.
      const headings = tagSequence(parts.file).filter((l) => l.startsWith('H1') || l.startsWith('H2'));
      expect(headings).toHaveLength(deck.slides.length);
      if (hasQpdf()) execFileSync('qpdf', ['--check', parts.file], { stdio: 'pipe' });
    },
  );

  it('a part that fails fails the export: the earlier PDF stays as it was, no temporary file, no browser', async () => {
    const dir = tempDir('deck-parts-');
    cpSync(built.distDir, dir, { recursive: true });
    // An image that does not load, on the last slide: only the third part of two slides sees it.
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    writeFileSync(
      path.join(dir, 'index.html'),
      html.replace('<ul class="deck-refs">', '<img src="gone.png" alt=""><ul class="deck-refs">'),
    );
    const earlier = path.join(dir, outputFileName('slides', deck.slug));
    writeFileSync(earlier, 'the earlier export');
    const options = { ...resolveExportOptions({}, built.projectDir), outputs: ['slides' as const] };
    const browser = await launchBrowser({ executablePath: inject('executablePath') });
    await expect(printPdfs(browser, deck, dir, options, silentReporter, { size: 2, from: 0 })).rejects.toThrow(
      /gone\.png did not load/,
    );
    expect(readFileSync(earlier, 'utf8')).toBe('the earlier export');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([]);
    expect(browser.connected).toBe(false);
    const child = browser.process();
    expect(child?.exitCode !== null || child?.signalCode !== null).toBe(true);
  }, 60_000);

  it('after the first part, each tab is given only its own slides to parse, under the page’s own address', async () => {
    const dir = tempDir('deck-parts-');
    cpSync(built.distDir, dir, { recursive: true });
    const size = readFileSync(path.join(dir, 'index.html')).length;
    const browser = await launchBrowser({ executablePath: inject('executablePath') });
    const seen: { bytes: number; url: string; slides: number }[] = [];
    const ranges = planParts(deck.slides.length, 2, 0);
    try {
      await printInParts(
        browser,
        dir,
        deck,
        ranges,
        { fragments: false, timeoutMs: 30_000 },
        {
          each: async (layout) => {
            seen.push(
              await layout.page.evaluate(() => ({
                bytes: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).decodedBodySize,
                url: location.pathname.split('/').pop() ?? '',
                slides: document.querySelectorAll('section[data-deck-index]').length,
              })),
            );
          },
          run: (_label, work) => work(),
        },
      );
    } finally {
      await closeAll(browser);
    }
    expect(ranges.length).toBeGreaterThan(1);
    expect(seen).toHaveLength(ranges.length);
    expect(seen[0]!.bytes).toBe(size);
    for (const part of seen.slice(1)) {
      expect(part.url).toBe('index.html');
      expect(part.bytes).toBeGreaterThan(0);
      expect(part.bytes).toBeLessThan(size);
    }
    expect(seen.map((p) => p.slides)).toEqual(ranges.map((r) => r.to - r.from));
  }, 60_000);
});

/** The talk in slides/ (its contents and citation links cross parts of 4), built apart from the repository. */
describe('the talk printed in parts of 4 gives the same PDF as one print', () => {
  it('same pages, pixels, text, outline, links and tag tree', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const distDir = tempDir('deck-parts-talk-');
    await buildDeck({ projectDir: root, slidesDir: path.join(root, 'slides'), outDir: distDir });
    const deck = JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson;
    const built = { projectDir: root, distDir };
    const whole = await printCopy(built, deck, {});
    const parts = await printCopy(built, deck, { size: 4, from: 0 });
    expect(parts.facts.pages.length).toBeGreaterThan(4);
    expect(parts.facts.links.some((l) => l.url === null)).toBe(true);
    expectSamePdf(parts, whole);
  }, 120_000);
});

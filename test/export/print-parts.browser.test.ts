import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { outputFileName, resolveExportOptions } from '../../src/export/options.ts';
import { printPdfs } from '../../src/export/print-pdfs.ts';
import { silentReporter } from '../../src/export/report.ts';
import type { DeckJson } from '../../src/model.ts';
import { buildFixture } from '../helpers/build-deck.ts';
import { readPdf, type PdfFacts } from './helpers/read-pdf.ts';
import { FIXTURE_DECK } from './helpers/project.ts';

/** Every page of a PDF as PNG bytes, rendered by poppler (as a reader's viewer would draw it). */
function pagePixels(pdf: string): Buffer[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deck-pixels-'));
  execFileSync('pdftoppm', ['-png', '-r', '40', pdf, path.join(dir, 'p')]);
  return readdirSync(dir)
    .sort()
    .map((f) => readFileSync(path.join(dir, f)));
}

/**
 * The tag tree as poppler reads it, as the sequence of its tagged elements and their text: the
 * object numbers of link annotations and the nesting of the untyped wrappers (NonStruct, one set
 * per part) left out, which a screen reader does not announce.
 */
function tagSequence(pdf: string): string[] {
  return execFileSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l !== 'NonStruct' && l !== '""')
    .map((l) => l.replace(/^Object \d+ 0$/, 'Object'));
}

function hasQpdf(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The fixture deck printed in one go and in forced small parts (2 and 3 slides: a part boundary
 * inside the vertical stack, a citation link from one part to the Works Cited in another), each
 * in a browser of its own, slides PDF only.
 */
describe('a deck printed in parts gives the same PDF as one print', () => {
  let deck: DeckJson;
  let built: { projectDir: string; distDir: string };
  const pdfs: Record<'whole' | 'parts of 2' | 'parts of 3', { file: string; facts: PdfFacts }> = {} as never;

  beforeAll(async () => {
    built = await buildFixture(FIXTURE_DECK);
    const { projectDir, distDir } = built;
    deck = JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson;
    const options = { ...resolveExportOptions({}, projectDir), outputs: ['slides' as const] };
    const runs = [
      ['whole', {}],
      ['parts of 2', { size: 2, from: 0 }],
      ['parts of 3', { size: 3, from: 0 }],
    ] as const;
    for (const [name, parts] of runs) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'deck-parts-'));
      cpSync(distDir, dir, { recursive: true });
      const browser = await launchBrowser({ executablePath: inject('executablePath') });
      await printPdfs(browser, deck, dir, options, silentReporter, parts);
      const file = path.join(dir, outputFileName('slides', deck.slug));
      pdfs[name] = { file, facts: await readPdf(file) };
    }
  }, 120_000);

  it.each(['parts of 2', 'parts of 3'] as const)('%s: same pages, text, outline, links and tag tree', (name) => {
    const whole = pdfs.whole.facts;
    const parts = pdfs[name].facts;
    expect(parts.pages).toHaveLength(deck.slides.length);
    expect(parts.pages).toEqual(whole.pages);
    expect(parts.outline).toEqual(whole.outline);
    expect(parts.links).toEqual(whole.links);
    // The citation on slide 2 still jumps to the Works Cited page, printed in another part.
    expect(parts.links.filter((l) => l.page === 2 && l.url === null).map((l) => l.destPage)).toContain(6);
    expect(parts.structText).toEqual(whole.structText);
    expect(parts.catalog).toEqual(whole.catalog);
    const { CreationDate: _a, ModDate: _b, ...info } = whole.info;
    expect(parts.info).toMatchObject(info);
  });

  it.each(['parts of 2', 'parts of 3'] as const)('%s: the same pixels on every page', (name) => {
    const whole = pagePixels(pdfs.whole.file);
    const parts = pagePixels(pdfs[name].file);
    expect(parts).toHaveLength(whole.length);
    parts.forEach((png, i) => expect(png.equals(whole[i]!), `page ${i + 1}`).toBe(true));
  });

  it.each(['parts of 2', 'parts of 3'] as const)(
    '%s: a tag tree that covers every page, as poppler reads it',
    (name) => {
      const tags = tagSequence(pdfs[name].file);
      expect(tags).toEqual(tagSequence(pdfs.whole.file));
      expect(tags.filter((l) => l.startsWith('H1') || l.startsWith('H2'))).toHaveLength(deck.slides.length);
      if (hasQpdf()) execFileSync('qpdf', ['--check', pdfs[name].file], { stdio: 'pipe' });
    },
  );

  it('a part that fails fails the export: the earlier PDF stays as it was, no temporary file, no browser', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deck-parts-'));
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
});

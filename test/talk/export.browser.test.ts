import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { exportDeck, type ExportResult } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { allText, readPdf, type PdfFacts } from '../export/helpers/read-pdf.ts';
import { squash } from '../export/helpers/project.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** The talk in slides/, built once by the talk suite's global setup (test/talk/global-setup.ts), exported end to end. */
describe('export of the talk', () => {
  let result: ExportResult;
  let slides: PdfFacts;
  let handout: PdfFacts;

  beforeAll(async () => {
    const dist = tempDir('deck-talk-export-');
    cpSync(inject('distDir'), dist, { recursive: true });
    result = await exportDeck(
      resolveExportOptions({ only: ['slides', 'handout'], build: false, outDir: dist }, process.cwd()),
    );
    slides = await readPdf(result.files[0]!.path);
    handout = await readPdf(result.files[1]!.path);
  });

  it('slides PDF: a page per slide, every title as text and as a bookmark', () => {
    const { deck } = result;
    expect(slides.pages).toHaveLength(deck.slides.length);
    deck.slides.forEach((s, i) => expect(squash(slides.pages[i]!.text), s.title).toContain(squash(s.title)));
    expect(slides.outline.map((o) => squash(o.title))).toEqual(deck.slides.map((s) => squash(s.title)));
    expect(slides.outline.map((o) => o.page)).toEqual(deck.slides.map((_, i) => i + 1));
  });

  it('every Works Cited URL and DOI is a live link in both PDFs', () => {
    const hrefs = result.deck.references.flatMap((r) =>
      [...r.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')),
    );
    expect(hrefs.length).toBeGreaterThan(0);
    for (const pdf of [slides, handout]) expect(pdf.links.map((l) => l.url)).toEqual(expect.arrayContaining(hrefs));
  });

  it('handout: the first sentence of every slide’s notes, and the Works Cited as text', () => {
    // A line that ends at a word's own hyphen ("head-" / "on") is one word, not two.
    const text = squash(allText(handout)).replace(/(\p{L})- (?=\p{L})/gu, '$1-');
    for (const s of result.deck.slides) {
      if (!s.notesText || /^works cited/i.test(s.title)) continue;
      const sentence = squash(s.notesText).split(/(?<=[.!?])\s/)[0]!;
      expect(text, s.title).toContain(sentence);
    }
    for (const r of result.deck.references) expect(text).toContain(squash(r.text).slice(0, 40));
  });

  it('sets both PDFs in the bundled typeface (the page holds it back only for its first paint)', () => {
    for (const file of result.files) {
      // poppler's pdffonts, as CI installs it beside pdfinfo: one row per embedded font.
      const fonts = execFileSync('pdffonts', [file.path], { encoding: 'utf8' });
      expect(fonts, file.path).toMatch(/AtkinsonHyperlegible-Regular/);
      expect(fonts, file.path).toMatch(/AtkinsonHyperlegible-Bold/);
      // None of the letters was printed in a fallback face.
      expect(fonts, file.path).not.toMatch(/Liberation|Arimo|Arial|Roboto/);
    }
  });

  it('keeps files small: fonts embedded once, text as text', () => {
    expect(result.files[0]!.bytes / result.deck.slides.length).toBeLessThan(12 * 1024);
    expect(allText(slides).length).toBeGreaterThan(1000);
  });
});

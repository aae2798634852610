import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { finishPdf } from '../../src/export/finish-pdf.ts';
import { pdfTextString } from '../../src/export/pdf-metadata.ts';
import { addToDict, parseSkiaPdf, UnsupportedPdfError } from '../../src/export/pdf-repack.ts';
import { pdfFrom } from './helpers/pdf-from.ts';

/** A PDF laid out the way Skia writes one: one object per `N 0 obj`, a classic xref table. */
function skiaLikePdf(pageCount: number): Uint8Array {
  const objects: string[] = [];
  const pageNums = Array.from({ length: pageCount }, (_, i) => 4 + i * 2);
  objects[1] = '<</Title (Old)\n/Producer (Skia/PDF m156)>>';
  objects[2] = `<</Type /Catalog\n/Pages 3 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/StructTreeRoot ${4 + pageCount * 2} 0 R\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>\n/Lang (en)>>`;
  objects[3] = `<</Type /Pages\n/Count ${pageCount}\n/Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}]>>`;
  for (const n of pageNums) {
    objects[n] = `<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 960 540]\n/Contents ${n + 1} 0 R>>`;
    const content = 'BT /F1 12 Tf 10 10 Td (Hi) Tj ET';
    objects[n + 1] = `<</Length ${content.length}>> stream\n${content}\nendstream`;
  }
  objects[4 + pageCount * 2] = '<</Type /StructTreeRoot /K []>>';
  return pdfFrom(objects, 2, 1);
}

const meta = {
  title: 'Ünïcödé “talk”',
  author: 'Ada Author; Bo Writer',
  subject: 'A subject (with parentheses)',
  keywords: ['one', 'two words'],
  lang: 'en-GB',
  creator: 'test',
  producer: 'Chromium (Skia/PDF)',
  date: new Date('2026-01-02T03:04:05Z'),
};

describe('fast PDF rewrite', () => {
  it('reads the pages in order through the page tree', () => {
    expect(parseSkiaPdf(skiaLikePdf(3)).pageRefs).toEqual([4, 6, 8]);
  });

  it('adds metadata, XMP, outline and keeps the tag tree; pdf-lib reads the result', async () => {
    const out = finishPdf(skiaLikePdf(3), meta, [
      {
        title: 'One',
        target: { type: 'page', pageIndex: 0 },
        children: [{ title: 'Two', target: { type: 'page', pageIndex: 1 }, children: [] }],
      },
      { title: 'Three', target: { type: 'page', pageIndex: 2 }, children: [] },
    ]);
    expect(out.pages).toBe(3);
    const doc = await PDFDocument.load(out.bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toBe(meta.title);
    expect(doc.getAuthor()).toBe(meta.author);
    expect(doc.getSubject()).toBe(meta.subject);
    expect(doc.getKeywords()).toBe('one, two words');
    expect(doc.getProducer()).toBe(meta.producer);
    for (const key of ['StructTreeRoot', 'MarkInfo', 'Outlines', 'Metadata', 'ViewerPreferences'])
      expect(doc.catalog.has(PDFName.of(key)), key).toBe(true);
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(en)'); // Chromium's, from <html lang>, kept
  });

  it('refuses, saying why, a PDF not laid out as Chromium writes them', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const bytes = await doc.save({ useObjectStreams: true }); // an xref stream: not Skia's layout
    expect(() => parseSkiaPdf(bytes)).toThrow(UnsupportedPdfError);
    expect(() => finishPdf(bytes, meta, [])).toThrow(/cannot finish \(not a classic xref table/);
  });

  it('adds only catalog keys that are not there, at the top level', () => {
    const dict = '<</Type /Catalog\n/A <</Lang (xx)>>\n/S (a /Lang in a string)\n/Lang (en)>>';
    expect(addToDict(dict, { Lang: '(de)', Outlines: '9 0 R' })).toBe(
      '<</Type /Catalog\n/A <</Lang (xx)>>\n/S (a /Lang in a string)\n/Lang (en)\n/Outlines 9 0 R>>',
    );
    expect(addToDict('<</Type /Catalog\n/A <</Outlines 1 0 R>>>>', { Outlines: '9 0 R' })).toContain(
      '/Outlines 9 0 R>>',
    );
  });

  it('writes text strings as PDF literals or UTF-16', () => {
    expect(pdfTextString('Plain (x) \\ y')).toBe('(Plain \\(x\\) \\\\ y)');
    expect(pdfTextString('é')).toBe('<FEFF00E9>');
  });
});

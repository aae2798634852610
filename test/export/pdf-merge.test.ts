import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishPdf } from '../../src/export/finish-pdf.ts';
import { mergeSkiaPdfs } from '../../src/export/pdf-merge.ts';
import { parseSkiaPdf, UnsupportedPdfError } from '../../src/export/pdf-repack.ts';
import { arrayItems, dictEntries, renumberRefs, shiftStructParents } from '../../src/export/pdf-syntax.ts';
import { pdfFrom } from './helpers/pdf-from.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { tempDir } from '../helpers/temp-dir.ts';

interface PartSpec {
  /** One page per text, tagged as a paragraph. */
  texts: string[];
  /** Named destinations this part defines: name → page index in the part. */
  dests?: Record<string, number>;
  /** A link on page `page` of the part to a named destination. */
  links?: { page: number; to: string }[];
}

/**
 * A tagged part as Chromium prints one: catalog, page tree, a Document whose children are one P
 * per page (MCID 0 on each page), a flat parent tree, /Dests, link annotations with named
 * destinations. Each paragraph's /Alt reads like a reference, to show that strings stay as they are.
 */
function taggedPart(spec: PartSpec): Uint8Array {
  const o: string[] = [];
  const n = spec.texts.length;
  const page = (i: number) => 10 + i * 4;
  o[1] = '<</Producer (Skia/PDF m156)>>';
  o[2] =
    '<</Type /Catalog\n/Pages 3 0 R\n/Dests 8 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/StructTreeRoot 5 0 R\n/Lang (en)>>';
  o[3] = `<</Type /Pages\n/Count ${n}\n/Kids [${spec.texts.map((_, i) => `${page(i)} 0 R`).join(' ')}]>>`;
  o[4] = '<</Type /Font\n/Subtype /Type1\n/BaseFont /Helvetica>>';
  o[5] = `<</Type /StructTreeRoot\n/K 6 0 R\n/ParentTreeNextKey ${n}\n/ParentTree 7 0 R>>`;
  o[6] = `<</Type /StructElem\n/S /Document\n/Lang (en)\n/P 5 0 R\n/K [${spec.texts.map((_, i) => `${page(i) + 2} 0 R`).join(' ')}]>>`;
  o[7] = `<</Type /ParentTree\n/Nums [${spec.texts.map((_, i) => `${i} ${page(i) + 3} 0 R`).join(' ')}]>>`;
  o[8] = `<<${Object.entries(spec.dests ?? {})
    .map(([name, i]) => `/${name} [${page(i)} 0 R /XYZ 0 100 0]`)
    .join('\n')}>>`;
  let annot = 10 + n * 4;
  spec.texts.forEach((text, i) => {
    const annots: number[] = [];
    for (const link of (spec.links ?? []).filter((l) => l.page === i)) {
      o[annot] = `<</Type /Annot\n/Subtype /Link\n/Rect [0 0 50 50]\n/Dest /${link.to}>>`;
      annots.push(annot++);
    }
    o[page(i)] =
      `<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 200 100]\n/Resources <</Font <</F1 4 0 R>>>>\n/Contents ${page(i) + 1} 0 R\n/StructParents ${i}` +
      (annots.length ? `\n/Annots [${annots.map((a) => `${a} 0 R`).join(' ')}]` : '') +
      '>>';
    const content = `/P <</MCID 0>> BDC BT /F1 12 Tf 10 50 Td (${text}) Tj ET EMC`;
    o[page(i) + 1] = `<</Length ${content.length}>> stream\n${content}\nendstream`;
    o[page(i) + 2] =
      `<</Type /StructElem\n/S /P\n/P 6 0 R\n/Pg ${page(i)} 0 R\n/Alt (see ${i + 3} 0 R \\(${text}\\))\n/K 0>>`;
    o[page(i) + 3] = `[${page(i) + 2} 0 R]`;
  });
  return pdfFrom(o, 2, 1);
}

const meta = {
  title: 'Merged',
  author: 'Ada',
  subject: '',
  keywords: [],
  lang: 'en',
  creator: 'test',
  producer: 'test',
  date: new Date('2026-01-02T03:04:05Z'),
};

async function read(bytes: Uint8Array) {
  const file = path.join(tempDir('deck-merge-'), 'merged.pdf');
  writeFileSync(file, bytes);
  return readPdf(file);
}

describe('merging the PDFs of a deck printed in parts', () => {
  // Part 1 links to "refs", which lives in part 3; part 1 holds only a stand-in for it.
  const parts: { spec: PartSpec; stubs: string[] }[] = [
    { spec: { texts: ['One', 'Two'], dests: { refs: 0 }, links: [{ page: 1, to: 'refs' }] }, stubs: ['refs'] },
    { spec: { texts: ['Three'], dests: { three: 0 }, links: [{ page: 0, to: 'three' }] }, stubs: [] },
    { spec: { texts: ['Four', 'Refs'], dests: { refs: 1 }, links: [{ page: 0, to: 'refs' }] }, stubs: [] },
  ];
  const merged = () =>
    mergeSkiaPdfs(parts.map((p) => ({ pdf: parseSkiaPdf(taggedPart(p.spec)), stubs: new Set(p.stubs) })));

  it('keeps every page in order, with its text', async () => {
    const facts = await read(finishPdf(merged(), meta, []).bytes);
    expect(facts.pages.map((p) => p.text.trim())).toEqual(['One', 'Two', 'Three', 'Four', 'Refs']);
  });

  it('points a link to the part that holds its target, not to the stand-in', async () => {
    const facts = await read(finishPdf(merged(), meta, []).bytes);
    expect(facts.links).toEqual([
      { page: 2, url: null, destPage: 5 },
      { page: 3, url: null, destPage: 3 },
      { page: 4, url: null, destPage: 5 },
    ]);
  });

  it('joins the tag trees: one Document, each page found through its shifted /StructParents', async () => {
    const pdf = merged();
    const facts = await read(finishPdf(pdf, meta, []).bytes);
    expect(facts.catalog.hasStructTree).toBe(true);
    expect(facts.structText.trim()).toBe('One Two Three Four Refs');
    const pages = pdf.pageRefs.map((n) => dictEntries(pdf.objects.get(n)!.body).get('StructParents'));
    expect(pages).toEqual(['0', '1', '2', '3', '4']);
    const root = dictEntries(pdf.objects.get(pdf.rootRef)!.body);
    const tree = dictEntries(pdf.objects.get(Number(root.get('StructTreeRoot')!.split(' ')[0]))!.body);
    expect(tree.get('ParentTreeNextKey')).toBe('5');
    const doc = dictEntries(pdf.objects.get(Number(tree.get('K')!.split(' ')[0]))!.body);
    expect(arrayItems(doc.get('K')!)).toHaveLength(5);
  });

  it('leaves strings alone while renumbering: alt text that reads like a reference survives', () => {
    const alts = [...merged().objects.values()].map((o) => /\/Alt (\(.*\))/.exec(o.body)?.[1]).filter(Boolean);
    expect(alts).toEqual(
      expect.arrayContaining(['(see 3 0 R \\(One\\))', '(see 3 0 R \\(Three\\))', '(see 4 0 R \\(Refs\\))']),
    );
  });

  it('adds an outline to the merged pages', async () => {
    const facts = await read(
      finishPdf(merged(), meta, [{ title: 'Four', target: { type: 'page', pageIndex: 3 }, children: [] }]).bytes,
    );
    expect(facts.outline).toEqual([{ title: 'Four', page: 4, depth: 0 }]);
  });

  it('refuses a tag tree it cannot join, rather than writing a worse file', () => {
    const bad = Buffer.from(taggedPart({ texts: ['A'] }))
      .toString('latin1')
      .replace('/S /Document', '/S /Sections'); // same length: the xref stays right
    const part = { pdf: parseSkiaPdf(new Uint8Array(Buffer.from(bad, 'latin1'))), stubs: new Set<string>() };
    expect(() => mergeSkiaPdfs([part, part])).toThrow(UnsupportedPdfError);
  });
});

describe('PDF syntax for the merge', () => {
  it('reads top-level dictionary entries, refs as one value, nested values whole', () => {
    const d = dictEntries('<</Type /Page\n/Parent 3 0 R /Rect [0 0 5 5] /A <</URI (x >> y)>> /N 12 /S (a (b) c)>>');
    expect([...d]).toEqual([
      ['Type', '/Page'],
      ['Parent', '3 0 R'],
      ['Rect', '[0 0 5 5]'],
      ['A', '<</URI (x >> y)>>'],
      ['N', '12'],
      ['S', '(a (b) c)'],
    ]);
    expect(arrayItems('[0 28 0 R 1 <</MCID 2>> /Name]')).toEqual(['0', '28 0 R', '1', '<</MCID 2>>', '/Name']);
  });

  it('renumbers references outside strings only, and only a stream’s dictionary', () => {
    const map = (n: number) => n + 100;
    expect(renumberRefs('<</F4 4 0 R /K [0 28 0 R] /T (12 0 R) /H <3120>>>', map)).toBe(
      '<</F4 104 0 R /K [0 128 0 R] /T (12 0 R) /H <3120>>>',
    );
    expect(renumberRefs('<</Length 7 /X 2 0 R>> stream\n1 0 R x\nendstream', map)).toBe(
      '<</Length 7 /X 102 0 R>> stream\n1 0 R x\nendstream',
    );
    expect(shiftStructParents('<</StructParents 3 /T (/StructParents 3)>>', 10)).toBe(
      '<</StructParents 13 /T (/StructParents 3)>>',
    );
  });
});

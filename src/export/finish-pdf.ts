import { PDFDocument, PDFName } from 'pdf-lib';
import { infoDictText, writeMetadata, xmpStream, type PdfMetadata } from './pdf-metadata.ts';
import { outlineObjects, writeOutline, type OutlineNode } from './pdf-outline.ts';
import { nextObjectNumber, parseSkiaPdf, UnsupportedPdfError, writeRepacked } from './pdf-repack.ts';

/** A PDF as written: its bytes and page count. */
export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Chromium's PDF plus what Chromium cannot add: full metadata (Info and XMP), /Lang and the
 * outline built from deck.json. The tag tree (/StructTreeRoot, /MarkInfo) is carried over
 * untouched, and the small objects are packed into compressed object streams, which makes the
 * file about 40 % smaller. The fast rewrite (pdf-repack.ts) handles what Chromium writes; any
 * other PDF goes through pdf-lib.
 */
export async function finishPdf(
  chromiumPdf: Uint8Array,
  meta: PdfMetadata,
  outline: readonly OutlineNode[],
): Promise<FinishedPdf> {
  try {
    return finishFast(chromiumPdf, meta, outline);
  } catch (err) {
    if (!(err instanceof UnsupportedPdfError)) throw err;
    return finishWithPdfLib(chromiumPdf, meta, outline);
  }
}

/** The fast path: streams copied as they are, a few objects added. */
export function finishFast(chromiumPdf: Uint8Array, meta: PdfMetadata, outline: readonly OutlineNode[]): FinishedPdf {
  const pdf = parseSkiaPdf(chromiumPdf);
  let next = nextObjectNumber(pdf);
  const objects = new Map<number, string | { dict: string; data: Uint8Array }>();
  const xmpRef = next++;
  objects.set(xmpRef, xmpStream(meta));
  const catalog: Record<string, string> = {
    Lang: `(${meta.lang.replace(/[^A-Za-z0-9-]/g, '')})`,
    Metadata: `${xmpRef} 0 R`,
    ViewerPreferences: '<</DisplayDocTitle true>>',
  };
  const tree = outlineObjects(outline, next, pdf.pageRefs);
  if (tree) {
    for (const [num, text] of tree.objects) objects.set(num, text);
    catalog.Outlines = `${tree.root} 0 R`;
    catalog.PageMode = '/UseOutlines';
  }
  const bytes = writeRepacked(pdf, { catalog, info: infoDictText(meta), objects });
  return { bytes, pages: pdf.pageRefs.length };
}

/** The general path: pdf-lib parses and rewrites the whole file (slower, any PDF). */
export async function finishWithPdfLib(
  chromiumPdf: Uint8Array,
  meta: PdfMetadata,
  outline: readonly OutlineNode[],
): Promise<FinishedPdf> {
  const doc = await PDFDocument.load(chromiumPdf, { updateMetadata: false });
  const tagged = doc.catalog.has(PDFName.of('StructTreeRoot'));
  writeMetadata(doc, meta);
  writeOutline(doc, outline);
  if (tagged && !(doc.catalog.has(PDFName.of('StructTreeRoot')) && doc.catalog.has(PDFName.of('MarkInfo')))) {
    throw new Error('post-processing lost the PDF tag tree');
  }
  const bytes = await doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount() };
}

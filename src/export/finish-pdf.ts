import { infoDictText, xmpStream, type PdfMetadata } from './pdf-metadata.ts';
import { outlineObjects, type OutlineNode } from './pdf-outline.ts';
import { nextObjectNumber, parseSkiaPdf, writeRepacked, type SkiaPdf } from './pdf-repack.ts';

/** A PDF as written: its bytes and page count. */
export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Chromium's PDF plus what Chromium cannot add: full metadata (Info and XMP), /Lang and the
 * outline built from deck.json. The tag tree (/StructTreeRoot, /MarkInfo) is carried over
 * untouched, and the small objects are packed into compressed object streams, which makes the
 * file about half the size. Streams are copied as they are and a few objects added
 * (pdf-repack.ts), about ten times faster than a rewrite through pdf-lib, whose files also came
 * out larger (`npm run bench -- pdf-finish`). A PDF not laid out as Chromium writes them is an
 * UnsupportedPdfError. A deck printed in parts comes as their merge (pdf-merge.ts), already parsed.
 */
export function finishPdf(
  chromiumPdf: Uint8Array | SkiaPdf,
  meta: PdfMetadata,
  outline: readonly OutlineNode[],
): FinishedPdf {
  const pdf = chromiumPdf instanceof Uint8Array ? parseSkiaPdf(chromiumPdf) : chromiumPdf;
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

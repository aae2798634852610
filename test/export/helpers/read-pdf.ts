import { readFileSync } from 'node:fs';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, PDFName } from 'pdf-lib';

/** One bookmark as a reader sees it: title, 1-based page it opens, nesting depth. */
export interface OutlineEntry {
  title: string;
  page: number | null;
  depth: number;
}

export interface PdfLink {
  page: number;
  /** External target, or null for a link inside the document. */
  url: string | null;
  /** Page an internal link goes to (1-based), when it is one. */
  destPage: number | null;
}

/** What the export tests check in a PDF, read with pdf.js (as a viewer would) and pdf-lib (the catalog). */
export interface PdfFacts {
  pages: { width: number; height: number; text: string }[];
  info: Record<string, unknown>;
  /** The XMP packet, as text. */
  xmp: string | null;
  outline: OutlineEntry[];
  links: PdfLink[];
  catalog: { lang: string | null; hasStructTree: boolean; marked: boolean; displayDocTitle: boolean };
  /** Text of the tagged structure tree in reading order (page by page), to check screen-reader order. */
  structText: string;
}

async function destPage(doc: PDFDocumentProxy, dest: unknown): Promise<number | null> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
  if (!explicit || !explicit[0]) return null;
  return (await doc.getPageIndex(explicit[0] as never)) + 1;
}

interface StructNode {
  role?: string;
  children?: (StructNode | { type: string; id: string })[];
}

/** Reads every fact the tests use from a PDF file. */
export async function readPdf(file: string): Promise<PdfFacts> {
  const bytes = new Uint8Array(readFileSync(file));
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    const pages: PdfFacts['pages'] = [];
    const links: PdfLink[] = [];
    const structParts: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, string>();
      let current: string | null = null;
      let text = '';
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContentProps' && item.id) current = item.id;
          else if (item.type === 'endMarkedContent') current = null;
          continue;
        }
        text += item.str + (item.hasEOL ? '\n' : '');
        if (current) byId.set(current, (byId.get(current) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
      }
      pages.push({ width: x1 - x0, height: y1 - y0, text });
      const tree = (await page.getStructTree()) as StructNode | null;
      const walk = (n: StructNode | { type: string; id: string }): void => {
        if ('type' in n && n.type === 'content') structParts.push(byId.get(n.id) ?? '');
        else for (const c of (n as StructNode).children ?? []) walk(c);
      };
      if (tree) walk(tree);
      for (const a of await page.getAnnotations()) {
        if (a.subtype !== 'Link') continue;
        links.push({
          page: i,
          url: (a.url as string | undefined) ?? null,
          destPage: a.dest ? await destPage(doc, a.dest) : null,
        });
      }
    }
    const outline: OutlineEntry[] = [];
    const walkOutline = async (
      items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>>,
      depth: number,
    ): Promise<void> => {
      for (const item of items ?? []) {
        outline.push({ title: item.title, page: await destPage(doc, item.dest), depth });
        await walkOutline(item.items, depth + 1);
      }
    };
    await walkOutline(await doc.getOutline(), 0);
    const meta = await doc.getMetadata();
    const lib = await PDFDocument.load(bytes, { updateMetadata: false });
    const lang = lib.catalog.get(PDFName.of('Lang'));
    const prefs = lib.catalog.lookup(PDFName.of('ViewerPreferences'));
    const markInfo = lib.catalog.lookup(PDFName.of('MarkInfo'));
    return {
      pages,
      info: meta.info as Record<string, unknown>,
      xmp: meta.metadata ? (meta.metadata as unknown as { getRaw(): string }).getRaw() : null,
      outline,
      links,
      catalog: {
        lang: lang ? (lang as unknown as { decodeText(): string }).decodeText() : null,
        hasStructTree: lib.catalog.has(PDFName.of('StructTreeRoot')),
        marked:
          !!markInfo &&
          String((markInfo as unknown as { get(n: PDFName): unknown }).get(PDFName.of('Marked'))) === 'true',
        displayDocTitle:
          !!prefs &&
          String((prefs as unknown as { get(n: PDFName): unknown }).get(PDFName.of('DisplayDocTitle'))) === 'true',
      },
      structText: structParts.join(' ').replace(/\s+/g, ' '),
    };
  } finally {
    await doc.destroy();
  }
}

/** All the text of a PDF, whitespace collapsed, for "is this sentence in it" checks. */
export function allText(facts: PdfFacts): string {
  return facts.pages
    .map((p) => p.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

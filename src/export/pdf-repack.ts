import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * A small, fast rewriter for the PDFs Chromium (Skia) writes: a classic xref table and one
 * object per `N 0 obj … endobj`. It copies streams (pages, fonts, images) byte for byte, packs
 * every other object (the tag tree is thousands of small dictionaries) into compressed object
 * streams with Node's native zlib, and adds or replaces a few objects (catalog entries, Info,
 * XMP, outline). pdf-lib did the same job by parsing everything into JS objects: about 0.15 s
 * for a 150-slide deck and 1 s for 1,000 slides, against 15 ms and 0.1 s here. Anything
 * unexpected throws an UnsupportedPdfError.
 */

/** An object of the input PDF, as its bytes between `N 0 obj` and `endobj`. */
interface SourceObject {
  body: string; // latin1: one char per byte, so binary survives the round trip
  isStream: boolean;
}

/** The parts of a Skia PDF the rewrite needs. */
export interface SkiaPdf {
  objects: Map<number, SourceObject>;
  rootRef: number;
  infoRef: number | null;
  /** Object numbers of the pages, in order. */
  pageRefs: number[];
}

/** The input was not laid out as Chromium writes PDFs, so the export cannot finish it. */
export class UnsupportedPdfError extends Error {
  constructor(why: string) {
    super(`the browser wrote a PDF this export cannot finish (${why}): export with Chromium or Chrome`);
    this.name = 'UnsupportedPdfError';
  }
}

function fail(why: string): never {
  throw new UnsupportedPdfError(why);
}

/** Parses Skia's output: header, last xref table and trailer, every object, the page tree. */
export function parseSkiaPdf(bytes: Uint8Array): SkiaPdf {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) fail('not a PDF');
  const sx = text.lastIndexOf('startxref');
  if (sx < 0) fail('no startxref');
  const xrefAt = Number(/startxref\s+(\d+)/.exec(text.slice(sx))?.[1]);
  if (!text.startsWith('xref', xrefAt)) fail('not a classic xref table (an xref stream)');
  const trailerAt = text.indexOf('trailer', xrefAt);
  if (trailerAt < 0) fail('no trailer');
  const trailer = text.slice(trailerAt, sx);
  if (/\/Prev\b|\/Encrypt\b/.test(trailer)) fail('an incremental update or encryption');
  const rootRef = Number(/\/Root\s+(\d+)\s+0\s+R/.exec(trailer)?.[1] ?? NaN);
  if (!Number.isInteger(rootRef)) fail('no /Root');
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(trailer);

  // xref subsections: "start count" then 20-byte entries.
  const offsets: [num: number, offset: number][] = [];
  const lines = text
    .slice(xrefAt + 4, trailerAt)
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = 0; i < lines.length;) {
    const [start, count] = lines[i]!.split(/\s+/).map(Number) as [number, number];
    if (!Number.isInteger(start) || !Number.isInteger(count)) fail('bad xref subsection');
    for (let k = 0; k < count; k++) {
      const entry = lines[i + 1 + k]?.split(/\s+/);
      if (!entry || entry.length < 3) fail('short xref table');
      if (entry[2] === 'n') offsets.push([start + k, Number(entry[0])]);
    }
    i += 1 + count;
  }
  const sorted = [...offsets].sort((a, b) => a[1] - b[1]);
  const objects = new Map<number, SourceObject>();
  const header = /\s*(\d+)\s+0\s+obj\b/y;
  sorted.forEach(([num, offset], i) => {
    const end = sorted[i + 1]?.[1] ?? xrefAt;
    header.lastIndex = offset;
    const h = header.exec(text);
    if (!h || Number(h[1]) !== num || header.lastIndex > end) fail(`object ${num} is not where the xref says`);
    const close = text.lastIndexOf('endobj', end);
    if (close < header.lastIndex) fail(`object ${num} has no endobj`);
    const body = text.slice(header.lastIndex, close).trim();
    objects.set(num, { body, isStream: body.endsWith('endstream') });
  });

  const dictOf = (num: number): string => {
    const o = objects.get(num);
    if (!o || o.isStream) fail(`object ${num} is not a dictionary`);
    return o.body;
  };
  const pagesRef = Number(/\/Pages\s+(\d+)\s+0\s+R/.exec(dictOf(rootRef))?.[1] ?? NaN);
  if (!Number.isInteger(pagesRef)) fail('the catalog has no /Pages');
  const pageRefs: number[] = [];
  const walk = (num: number, depth: number): void => {
    if (depth > 32) fail('page tree too deep');
    const dict = dictOf(num);
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? fail(`page tree node ${num} has no /Kids`);
      for (const m of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(m[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(dict)) pageRefs.push(num);
    else fail(`object ${num} in the page tree is neither /Pages nor /Page`);
  };
  walk(pagesRef, 0);
  return { objects, rootRef, infoRef: info ? Number(info[1]) : null, pageRefs };
}

/** What to change: entries to add to the catalog, objects to add or replace. */
export interface PdfEdits {
  /** Catalog entries, `/Key value` text; an existing key is left as Chromium wrote it. */
  catalog: Record<string, string>;
  /** Replaces the Info dictionary: the object's text. */
  info: string;
  /** New objects by number (take numbers from `nextObjectNumber`): text, or a stream's dict and data. */
  objects: Map<number, string | { dict: string; data: Uint8Array }>;
}

/** The first object number free for new objects. */
export function nextObjectNumber(pdf: SkiaPdf): number {
  let max = 0;
  for (const n of pdf.objects.keys()) max = Math.max(max, n);
  return max + 1;
}

/** Adds catalog entries whose keys are not there yet (top-level keys only, before the final `>>`). */
export function addToDict(dict: string, entries: Record<string, string>): string {
  const body = dict.trim();
  if (!body.startsWith('<<') || !body.endsWith('>>')) fail('the catalog is not a dictionary');
  // Top-level keys: scan with a nesting depth so keys of inner dictionaries do not count.
  const present = new Set<string>();
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '<' && body[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && body[i + 1] === '>') {
      depth--;
      i++;
    } else if (c === '(') {
      for (let nest = 1, j = i + 1; j < body.length; j++) {
        if (body[j] === '\\') j++;
        else if (body[j] === '(') nest++;
        else if (body[j] === ')' && --nest === 0) {
          i = j;
          break;
        }
      }
    } else if (c === '/' && depth === 1) {
      const key = /^\/[^\s/<>[\]()]+/.exec(body.slice(i))?.[0];
      if (key) present.add(key.slice(1));
    }
  }
  const extra = Object.entries(entries)
    .filter(([k]) => !present.has(k))
    .map(([k, v]) => `/${k} ${v}`)
    .join('\n');
  return extra ? `${body.slice(0, -2)}\n${extra}>>` : body;
}

const OBJECTS_PER_STREAM = 200;

/**
 * Writes the PDF anew: streams copied, other objects packed into compressed object streams,
 * an xref stream. PDF 1.7 (object streams need 1.5).
 */
export function writeRepacked(pdf: SkiaPdf, edits: PdfEdits): Uint8Array {
  const bodies = new Map<number, string | { dict: string; data: Uint8Array }>();
  const direct = new Set<number>([pdf.rootRef]); // written as they are, outside object streams
  for (const [num, o] of pdf.objects) {
    bodies.set(num, o.body);
    if (o.isStream) direct.add(num);
  }
  bodies.set(pdf.rootRef, addToDict(pdf.objects.get(pdf.rootRef)!.body, edits.catalog));
  for (const [num, body] of edits.objects) {
    if (bodies.has(num)) fail(`object ${num} already exists`);
    bodies.set(num, body);
  }
  let next = 1;
  for (const n of bodies.keys()) next = Math.max(next, n + 1);
  const infoRef = pdf.infoRef ?? next++;
  bodies.set(infoRef, edits.info);

  const chunks: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    offset += b.length;
  };
  push(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));

  // type 1: [offset], type 2: [object stream, index]
  const xref = new Map<number, [1, number] | [2, number, number]>();
  const packable: number[] = [];
  for (const [num, body] of bodies) {
    if (direct.has(num) || typeof body !== 'string') {
      xref.set(num, [1, offset]);
      if (typeof body === 'string') push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1'));
      else {
        push(
          Buffer.from(
            `${num} 0 obj\n${body.dict.replace(/>>\s*$/, '')}/Length ${body.data.length}>>\nstream\n`,
            'latin1',
          ),
        );
        push(Buffer.from(body.data));
        push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
      }
    } else packable.push(num);
  }

  for (let i = 0; i < packable.length; i += OBJECTS_PER_STREAM) {
    const group = packable.slice(i, i + OBJECTS_PER_STREAM);
    const parts: string[] = [];
    const index: string[] = [];
    let at = 0;
    group.forEach((num, k) => {
      const body = `${bodies.get(num) as string}\n`;
      index.push(`${num} ${at}`);
      parts.push(body);
      at += Buffer.byteLength(body, 'latin1');
      xref.set(num, [2, next, k]);
    });
    const head = `${index.join(' ')}\n`;
    const data = deflateSync(Buffer.from(head + parts.join(''), 'latin1'));
    xref.set(next, [1, offset]);
    push(
      Buffer.from(
        `${next} 0 obj\n<</Type /ObjStm /N ${group.length} /First ${Buffer.byteLength(head, 'latin1')} /Filter /FlateDecode /Length ${data.length}>>\nstream\n`,
        'latin1',
      ),
    );
    push(data);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    next++;
  }

  const xrefNum = next;
  const size = xrefNum + 1;
  xref.set(xrefNum, [1, offset]);
  const rows = Buffer.alloc(size * 7);
  for (let n = 0; n < size; n++) {
    const e = xref.get(n);
    const row = n * 7;
    if (!e) {
      rows.writeUInt8(0, row); // free
      rows.writeUInt32BE(0, row + 1);
      rows.writeUInt16BE(n === 0 ? 65535 : 0, row + 5);
    } else if (e[0] === 1) {
      rows.writeUInt8(1, row);
      rows.writeUInt32BE(e[1], row + 1);
      rows.writeUInt16BE(0, row + 5);
    } else {
      rows.writeUInt8(2, row);
      rows.writeUInt32BE(e[1], row + 1);
      rows.writeUInt16BE(e[2], row + 5);
    }
  }
  const id = createHash('md5')
    .update(Buffer.concat(chunks.slice(0, 8)))
    .update(String(offset))
    .digest('hex');
  const data = deflateSync(rows);
  const xrefAt = offset;
  push(
    Buffer.from(
      `${xrefNum} 0 obj\n<</Type /XRef /Size ${size} /W [1 4 2] /Root ${pdf.rootRef} 0 R /Info ${infoRef} 0 R /ID [<${id}> <${id}>] /Filter /FlateDecode /Length ${data.length}>>\nstream\n`,
      'latin1',
    ),
  );
  push(data);
  push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks, offset));
}

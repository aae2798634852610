import type { DeckJson } from '../model.ts';

/** What a PDF says about itself: the Info dictionary, the XMP packet and the catalog's /Lang. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 language tag of the text ("en", "en-GB"). */
  lang: string;
  /** The application the document was made with. */
  creator: string;
  /** The software that wrote the PDF. */
  producer: string;
  date: Date;
}

/** Metadata of an export, from deck.json's front matter. Pure. */
export function pdfMetadata(
  deck: DeckJson,
  kind: 'slides' | 'handout',
  tools: { creator: string; producer: string; date: Date },
): PdfMetadata {
  const subject = deck.description || deck.subtitle;
  return {
    title: kind === 'slides' ? deck.title : `${deck.title} (handout)`,
    author: deck.authors.join('; '),
    subject,
    keywords: deck.keywords,
    lang: deck.lang || 'en',
    creator: tools.creator,
    producer: tools.producer,
    date: tools.date,
  };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The XMP packet: PDF 2.0 and PDF/UA read the title and language from here, and some viewers
 * prefer it to the Info dictionary.
 */
export function xmpPacket(meta: PdfMetadata): string {
  const date = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const li = (items: string[]) => items.map((i) => `<rdf:li>${xmlEscape(i)}</rdf:li>`).join('');
  const authors = meta.author ? meta.author.split('; ') : [];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    authors.length ? `<dc:creator><rdf:Seq>${li(authors)}</rdf:Seq></dc:creator>` : '',
    meta.subject
      ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>`
      : '',
    meta.keywords.length ? `<dc:subject><rdf:Bag>${li(meta.keywords)}</rdf:Bag></dc:subject>` : '',
    `<dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    meta.keywords.length ? `<pdf:Keywords>${xmlEscape(meta.keywords.join(', '))}</pdf:Keywords>` : '',
    `<pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${xmlEscape(meta.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A PDF text string: a literal for printable ASCII, else UTF-16BE hex with a byte-order mark. */
export function pdfTextString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
  return `<FEFF${utf16}>`;
}

/** A PDF date: `(D:20261125132839Z)`. */
export function pdfDate(d: Date): string {
  return `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
}

/** The Info dictionary as PDF text. */
export function infoDictText(meta: PdfMetadata): string {
  const entries: [string, string][] = [
    ['Title', pdfTextString(meta.title)],
    ['Author', meta.author ? pdfTextString(meta.author) : ''],
    ['Subject', meta.subject ? pdfTextString(meta.subject) : ''],
    ['Keywords', meta.keywords.length ? pdfTextString(meta.keywords.join(', ')) : ''],
    ['Creator', pdfTextString(meta.creator)],
    ['Producer', pdfTextString(meta.producer)],
    ['CreationDate', pdfDate(meta.date)],
    ['ModDate', pdfDate(meta.date)],
  ];
  return `<<${entries
    .filter(([, v]) => v)
    .map(([k, v]) => `/${k} ${v}`)
    .join('\n')}>>`;
}

/** The XMP packet as a metadata stream's dictionary and UTF-8 bytes. */
export function xmpStream(meta: PdfMetadata): { dict: string; data: Uint8Array } {
  return { dict: '<</Type /Metadata /Subtype /XML>>', data: new TextEncoder().encode(xmpPacket(meta)) };
}

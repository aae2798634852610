import JSZip from 'jszip';
import { parseHTML } from 'linkedom';
import PptxGenJS from 'pptxgenjs';
import type { DeckJson } from '../model.ts';
import type { SlideShot } from './slide-images.ts';

/** PowerPoint's 16:9 layout, in inches: the slide picture fills it edge to edge. */
const WIDTH_IN = 10;
const HEIGHT_IN = 5.625;
const MASTER = 'DECK_PICTURE';

/**
 * Speaker notes as PowerPoint's notes pane shows them: plain text, one paragraph a line with a
 * blank line between paragraphs, list items as "• item" (or "1. item"), citations as their text.
 */
export function notesAsText(notesHtml: string): string {
  if (!notesHtml.trim()) return '';
  const { document } = parseHTML(`<!doctype html><html><body>${notesHtml}</body></html>`);
  const blocks: string[] = [];
  const flat = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const isList = (el: Element) => /^(ul|ol)$/i.test(el.tagName);
  // A nested list continues below its item, indented.
  const listLines = (list: Element, depth: number): string[] =>
    Array.from(list.children)
      .filter((c) => c.tagName.toLowerCase() === 'li')
      .flatMap((li, i) => {
        const nested = Array.from(li.children).filter(isList);
        for (const n of nested) n.remove();
        const marker = list.tagName.toLowerCase() === 'ol' ? `${i + 1}.` : '•';
        return [`${'  '.repeat(depth)}${marker} ${flat(li)}`, ...nested.flatMap((n) => listLines(n, depth + 1))];
      });
  const walk = (parent: Element) => {
    for (const el of Array.from(parent.children)) {
      const tag = el.tagName.toLowerCase();
      if (isList(el)) blocks.push(listLines(el, 0).join('\n'));
      else if (tag === 'pre') blocks.push((el.textContent ?? '').trimEnd());
      else if (el.children.length > 0 && /^(div|section|aside|figure|dl)$/.test(tag)) walk(el);
      else if (flat(el)) blocks.push(flat(el));
    }
  };
  walk(document.body);
  // Text outside any element (notes that are one bare line).
  if (blocks.length === 0) {
    const text = (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}

/** "Links on this slide:" and one line per external link, for the notes (a picture's links are easy to miss). */
export function linksAsText(shot: SlideShot): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const link of shot.links) {
    if (!link.url || seen.has(link.url)) continue;
    seen.add(link.url);
    lines.push(`${link.text && !link.url.includes(link.text) ? `${link.text}: ` : ''}${link.url}`);
  }
  return lines.length ? `Links on this slide:\n${lines.join('\n')}` : '';
}

/**
 * The deck as a PowerPoint file: one 16:9 slide per picture (per fragment step when the shots
 * were taken step by step), the picture full-bleed with the slide's visible text as its alt
 * text, the slide's title in the title placeholder (under the picture: PowerPoint's outline,
 * slide sorter and screen readers read it, nobody sees it twice), the links as clickable
 * regions over the picture and listed in the notes, the speaker notes as text, and the document
 * properties from the front matter.
 */
export async function buildPptx(deck: DeckJson, shots: readonly SlideShot[]): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = deck.title;
  pptx.subject = deck.subtitle || deck.description;
  pptx.author = deck.authors.join(', ');
  pptx.company = '';
  pptx.defineSlideMaster({
    title: MASTER,
    objects: [{ placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.3, w: 9, h: 1 }, text: '' } }],
  });
  // Internal links jump to the first PowerPoint slide of the deck slide they name.
  const firstSlide = new Map<number, number>();
  shots.forEach((s, i) => {
    if (!firstSlide.has(s.slide)) firstSlide.set(s.slide, i + 1);
  });
  for (const shot of shots) {
    const info = deck.slides[shot.slide];
    const slide = pptx.addSlide({ masterName: MASTER });
    const title = info?.title || `Slide ${shot.slide + 1}`;
    slide.addText(title, { placeholder: 'title', lang: deck.lang });
    slide.addImage({
      data: `image/png;base64,${Buffer.from(shot.png).toString('base64')}`,
      x: 0,
      y: 0,
      w: WIDTH_IN,
      h: HEIGHT_IN,
      altText: shot.text || title,
    });
    for (const link of shot.links) {
      const target = link.url ? { url: link.url } : link.slide !== null ? { slide: firstSlide.get(link.slide) } : null;
      if (!target || (!target.url && !target.slide)) continue;
      slide.addShape(pptx.ShapeType.rect, {
        x: link.x * WIDTH_IN,
        y: link.y * HEIGHT_IN,
        w: link.w * WIDTH_IN,
        h: link.h * HEIGHT_IN,
        fill: { color: 'FFFFFF', transparency: 100 },
        line: { type: 'none' },
        hyperlink: { ...target, tooltip: link.text || link.url || '' },
        objectName: `Link: ${link.text || link.url}`,
      });
    }
    const notes = [notesAsText(info?.notesHtml ?? ''), linksAsText(shot)].filter(Boolean).join('\n\n');
    if (notes) slide.addNotes(notes);
  }
  const out = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return finishPackage(out, deck);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The one run pptxgenjs writes the notes into (its text already XML-escaped by pptxgenjs). */
const NOTES_RUN =
  /<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/;

/**
 * Two things pptxgenjs does not do: the notes become one paragraph per line (it writes them as
 * one run with line breaks inside, which PowerPoint does not show as breaks) in the deck's
 * language, and the core properties get the deck's keywords and language.
 */
async function finishPackage(bytes: Uint8Array, deck: DeckJson): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const lang = escapeXml(deck.lang);
  for (const name of Object.keys(zip.files).filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async('string');
    const fixed = xml.replace(NOTES_RUN, (_all, text: string) =>
      text
        .split(/\r?\n/)
        .map((line) =>
          line
            ? `<a:p><a:r><a:rPr lang="${lang}" dirty="0"/><a:t>${line}</a:t></a:r></a:p>`
            : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`,
        )
        .join(''),
    );
    zip.file(name, fixed);
  }
  const core = await zip.file('docProps/core.xml')?.async('string');
  if (core) {
    const extra = `<cp:keywords>${escapeXml(deck.keywords.join(', '))}</cp:keywords><dc:language>${lang}</dc:language>`;
    zip.file(
      'docProps/core.xml',
      core.replace('</cp:coreProperties>', () => `${extra}</cp:coreProperties>`),
    );
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDownloads } from '../../src/export/downloads.ts';
import { exportDeck, type ExportResult } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import type { DeckJson } from '../../src/model.ts';
import { allText, readPdf, type PdfFacts } from './helpers/read-pdf.ts';
import { FIXTURE_DECK, fixtureProject, squash } from './helpers/project.ts';

/** ISO A4 and US Letter in points; Chromium rounds to whole CSS pixels, so allow 1 pt. */
const A4 = { width: 595.28, height: 841.89 };
const LETTER = { width: 612, height: 792 };

function hasPdfinfoStructText(): boolean {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('npm run export on a fixture deck (all outputs, defaults)', () => {
  let projectDir: string;
  let dist: string;
  let result: ExportResult;
  let deck: DeckJson;
  let slides: PdfFacts;
  let handout: PdfFacts;
  const steps: string[] = [];

  beforeAll(async () => {
    projectDir = fixtureProject(FIXTURE_DECK);
    const options = resolveExportOptions({}, projectDir);
    result = await exportDeck(options, {
      reporter: {
        step: (label, _ms, detail, ok) => steps.push(`${ok ? 'ok' : 'FAILED'} ${label} ${detail}`),
        warn: () => {},
      },
    });
    dist = options.outDir;
    deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    slides = await readPdf(path.join(dist, 'export-fixture.pdf'));
    handout = await readPdf(path.join(dist, 'export-fixture-handout.pdf'));
  });

  it('writes the site and, next to it, the three files, reporting each step', () => {
    expect(readdirSync(dist).sort()).toEqual(
      expect.arrayContaining([
        'index.html',
        'deck.json',
        'assets',
        'export-fixture.pdf',
        'export-fixture-handout.pdf',
        'export-fixture-offline.html',
      ]),
    );
    expect(result.files.map((f) => [f.kind, path.basename(f.path)])).toEqual([
      ['slides', 'export-fixture.pdf'],
      ['handout', 'export-fixture-handout.pdf'],
      ['preview', 'export-fixture-preview.png'],
      ['offline', 'export-fixture-offline.html'],
    ]);
    expect(steps.map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
      'ok build 6',
      'ok browser ',
      'ok link preview',
      'ok layout 6',
      'ok slides PDF',
      'ok handout PDF',
      'ok offline HTML',
      'ok publish site',
    ]);
    // Nothing temporary left beside the output folder.
    expect(readdirSync(projectDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('slides PDF: one 16:9 page per slide (960×540 pt), every title as text', () => {
    expect(slides.pages).toHaveLength(deck.slides.length);
    for (const p of slides.pages) expect([p.width, p.height]).toEqual([960, 540]);
    deck.slides.forEach((s, i) => expect(squash(slides.pages[i]!.text)).toContain(squash(s.title)));
    expect(allText(slides)).not.toContain('only in the speaker notes'); // notes stay off the slides
  });

  it('slides PDF: metadata from the front matter, tagged, with its language', () => {
    expect(slides.info).toMatchObject({
      Title: 'Export fixture',
      Author: 'Ada Author; Bo Writer',
      Subject: 'A small deck that exercises the slides PDF, the handout and the offline page.',
      Keywords: 'export, PDF outline',
      Creator: expect.stringContaining('border-control-deck'),
      Producer: expect.stringMatching(/Chromium \d+/),
      Language: 'en-GB',
    });
    expect(slides.xmp).toContain('<rdf:li xml:lang="x-default">Export fixture</rdf:li>');
    expect(slides.catalog).toEqual({ lang: 'en-GB', hasStructTree: true, marked: true, displayDocTitle: true });
  });

  it('slides PDF: a bookmark per slide, nested for the vertical slide, at its page', () => {
    expect(slides.outline).toEqual([
      { title: 'Export fixture', page: 1, depth: 0 },
      { title: 'Links and sources', page: 2, depth: 0 },
      { title: 'Stack top', page: 3, depth: 0 },
      { title: 'Stack child', page: 4, depth: 1 },
      { title: 'Ünïcödé – “quotes”', page: 5, depth: 0 },
      { title: 'Works Cited', page: 6, depth: 0 },
    ]);
  });

  it('slides PDF: Works Cited URLs and DOIs are live links; citations jump to the Works Cited page', () => {
    const urls = slides.links.map((l) => l.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://example.org/plain-link',
        'https://example.org/exports/page',
        'https://doi.org/10.1234/example.5678',
      ]),
    );
    expect(slides.links.filter((l) => l.page === 2 && l.url === null).map((l) => l.destPage)).toContain(6);
  });

  it('slides PDF: the tag tree reads every slide, in order (not only the first)', () => {
    const order = deck.slides.map((s) => squash(slides.structText).indexOf(squash(s.title)));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('handout: portrait A4 pages, header title and page numbers, notes beneath each slide', () => {
    for (const p of handout.pages) {
      expect(Math.abs(p.width - A4.width)).toBeLessThan(1);
      expect(Math.abs(p.height - A4.height)).toBeLessThan(1);
    }
    const n = handout.pages.length;
    handout.pages.forEach((p, i) => expect(squash(p.text)).toContain(`${i + 1} / ${n}`));
    expect(squash(handout.pages.at(-1)!.text)).toContain('Export fixture');
    const text = squash(allText(handout));
    expect(text).toContain('This sentence is only in the speaker notes of the first slide.');
    expect(text).toContain('Two fragment steps appear on this vertical child slide.');
    for (const s of deck.slides.filter((s) => s.id !== 'works-cited')) expect(text).toContain(squash(s.title));
    expect(text).toContain('Stack child first step second step'); // the last fragment step: all shown
  });

  it('handout: Works Cited at the end as text with live links, and metadata', () => {
    const last = squash(handout.pages.at(-1)!.text);
    expect(last).toContain('Works Cited');
    expect(last).toContain('Writer, Bo. “A Page About Exports.”');
    expect(handout.links.map((l) => l.url)).toEqual(
      expect.arrayContaining(['https://example.org/exports/page', 'https://doi.org/10.1234/example.5678']),
    );
    expect(handout.links.some((l) => l.url === null && l.destPage === handout.pages.length)).toBe(true); // citations → the list
    expect(handout.info).toMatchObject({
      Title: 'Export fixture (handout)',
      Author: 'Ada Author; Bo Writer',
      Language: 'en-GB',
    });
    expect(handout.catalog).toEqual({ lang: 'en-GB', hasStructTree: true, marked: true, displayDocTitle: true });
  });

  it('handout: an outline of its slides (nested) and the Works Cited, each at the right page', () => {
    expect(handout.outline.map((o) => [o.title, o.depth])).toEqual([
      ['Export fixture', 0],
      ['Links and sources', 0],
      ['Stack top', 0],
      ['Stack child', 1],
      ['Ünïcödé – “quotes”', 0],
      ['Works Cited', 0],
    ]);
    for (const entry of handout.outline) {
      expect(entry.page).not.toBeNull();
      const page = handout.pages[entry.page! - 1]!;
      expect(squash(page.text)).toContain(squash(entry.title));
    }
  });

  it.runIf(hasPdfinfoStructText())(
    'handout: a screen reader meets cover, then each slide and its notes, then the Works Cited',
    () => {
      const tree = execFileSync('pdfinfo', ['-struct-text', path.join(dist, 'export-fixture-handout.pdf')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const text = squash(tree.replace(/"/g, ' '));
      const marks = [
        'Every export feature once',
        'Slide 1 of 6',
        'only in the speaker notes',
        'Slide 2 of 6',
        'Links and sources',
        'Readers of the handout',
        'Slide 4 of 6',
        'Stack child',
        'Two fragment steps',
        'Works Cited',
        'A Page About Exports',
      ];
      const at = marks.map((m) => text.indexOf(m));
      expect(
        at.every((i) => i >= 0),
        JSON.stringify(at),
      ).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    },
  );

  it('lists the PDFs in index.html with sizes and page counts, and none in the offline page, which travels alone', () => {
    const expected = [
      { kind: 'slides', href: './export-fixture.pdf', bytes: result.files[0]!.bytes, pages: 6, label: 'Slides (PDF)' },
      {
        kind: 'handout',
        href: './export-fixture-handout.pdf',
        bytes: result.files[1]!.bytes,
        pages: handout.pages.length,
        label: 'Handout (PDF)',
      },
    ];
    expect(readDownloads(readFileSync(path.join(dist, 'index.html'), 'utf8'))).toEqual(expected);
    expect(readDownloads(readFileSync(path.join(dist, 'export-fixture-offline.html'), 'utf8'))).toEqual([]);
  });

  it('re-export with --fragments, 3-up on Letter, no build: one page per fragment step; three slides a page', async () => {
    const options = resolveExportOptions(
      { only: ['slides,handout'], fragments: true, layout: '3-up', paper: 'letter', build: false },
      projectDir,
    );
    await exportDeck(options);
    const frag = await readPdf(path.join(dist, 'export-fixture.pdf'));
    // 1 + 1 + 1 + (1 + 2 fragment steps) + 1 + 1
    expect(frag.pages).toHaveLength(8);
    expect(frag.outline.map((o) => o.page)).toEqual([1, 2, 3, 4, 7, 8]);
    expect(squash(frag.pages[3]!.text)).not.toContain('first step');
    expect(squash(frag.pages[4]!.text)).toContain('first step');
    expect(squash(frag.pages[4]!.text)).not.toContain('second step');
    expect(squash(frag.pages[5]!.text)).toContain('second step');
    const threeUp = await readPdf(path.join(dist, 'export-fixture-handout.pdf'));
    for (const p of threeUp.pages) {
      expect(Math.abs(p.width - LETTER.width)).toBeLessThan(1);
      expect(Math.abs(p.height - LETTER.height)).toBeLessThan(1);
    }
    // 5 slides (Works Cited as text): 3 on page 1, 2 on page 2, the list on page 3
    expect(threeUp.pages).toHaveLength(3);
    expect(threeUp.pages.map((p) => (p.text.match(/Slide \d of 6/g) ?? []).length)).toEqual([3, 2, 0]);
    expect(allText(threeUp)).not.toContain('only in the speaker notes');
    expect(readDownloads(readFileSync(path.join(dist, 'index.html'), 'utf8')).map((d) => d.pages)).toEqual([8, 3]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDeck } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { fixtureProject, squash } from './helpers/project.ts';

/** The fixture decks in real decks' styles go through the whole export: PDFs and the offline file. */
const realDir = path.resolve(import.meta.dirname, '../fixtures/real');

async function exportFixture(name: string, only: string[], fragments = false) {
  const projectDir = fixtureProject(path.join(realDir, name));
  const options = resolveExportOptions({ only, fragments }, projectDir);
  const warnings: string[] = [];
  await exportDeck(options, { reporter: { step: () => {}, warn: (w) => warnings.push(w) } });
  return { dist: options.outDir, warnings };
}

describe('exporting decks written for reveal-md', () => {
  it('prints each code step as a page with --fragments, the code as text', async () => {
    const { dist } = await exportFixture('reveal-md-code', ['slides'], true);
    const pdf = await readPdf(path.join(dist, 'async-python-in-five-minutes.pdf'));
    // 5 slides, 2 more pages for the code steps and 3 for the list's fragments.
    expect(pdf.pages).toHaveLength(10);
    expect(squash(pdf.pages[1]!.text)).toContain('async def fetch(n):');
  }, 120_000);

  it('prints math as text a PDF reader can find, and ships it in the offline file', async () => {
    const { dist } = await exportFixture('lecture-math', ['slides', 'offline']);
    const pdf = await readPdf(path.join(dist, 'lecture-3-least-squares.pdf'));
    expect(pdf.pages).toHaveLength(4);
    expect(squash(pdf.pages[1]!.text)).toContain('Tickets cost $5 and $10 at the door.');
    expect(pdf.pages[1]!.text).toMatch(/β/);
    const offline = readFileSync(path.join(dist, 'lecture-3-least-squares-offline.html'), 'utf8');
    expect(offline).toContain('class="katex"');
    expect(offline).toMatch(/font-family:\s*KaTeX_Main[^}]*url\(data:font\/woff2/);
    expect(offline).not.toMatch(/src="\.\/assets|href="\.\/assets/);
  }, 120_000);

  it('prints a deck whose remote images cannot load, warning with each URL and its slide', async () => {
    const { dist, warnings } = await exportFixture('remote-assets', ['slides']);
    const pdf = await readPdf(path.join(dist, 'remote-assets.pdf'));
    expect(pdf.pages).toHaveLength(2);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/https:\/\/example\.invalid\/picture\.png.* on slide 1 “Remote assets”/),
        expect.stringMatching(/https:\/\/example\.invalid\/bg\.jpg.* on slide 2 “A remote background”/),
      ]),
    );
  }, 120_000);
});

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../src/export/errors.ts';
import { exportDeck } from '../../src/export/export-deck.ts';
import { resolveExportOptions, type RawExportOptions } from '../../src/export/options.ts';
import { remoteDeck, startRemoteSites, type RemoteSites } from '../helpers/remote-servers.ts';
import { readPdf } from './helpers/read-pdf.ts';
import { squash } from './helpers/project.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * A deck naming files on other sites, exported where one site never answers and another answers
 * 404: it still prints, every slide, warning with each URL and its slide; --offline-strict stops.
 * The "sites" are local servers on other loopback addresses (no internet here).
 */
let sites: RemoteSites;
let projectDir: string;

function newProject(): string {
  const dir = tempDir('deck-remote-');
  mkdirSync(path.join(dir, 'slides'));
  writeFileSync(path.join(dir, 'slides/talk.md'), remoteDeck(sites));
  return dir;
}

async function run(dir: string, raw: RawExportOptions) {
  const warnings: string[] = [];
  const result = await exportDeck(resolveExportOptions(raw, dir), {
    reporter: { step: () => {}, warn: (w) => warnings.push(w) },
  });
  return { result, warnings };
}

/** Pixels of a PNG that are pure red: the one remote picture that loads. */
function redPixels(file: string): number {
  const png = PNG.sync.read(readFileSync(file));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i]! > 240 && png.data[i + 1]! < 16 && png.data[i + 2]! < 16) n++;
  return n;
}

beforeAll(async () => {
  sites = await startRemoteSites();
  projectDir = newProject();
});
afterAll(async () => {
  await sites.close();
  rmSync(projectDir, { recursive: true, force: true });
});

describe('remote files at export', () => {
  it('prints every slide with what loaded, warning with each URL that did not and its slide', async () => {
    const { warnings } = await run(projectDir, { only: ['slides', 'handout', 'preview', 'png'], scale: 1 });
    const dist = path.join(projectDir, 'dist');
    const pdf = await readPdf(path.join(dist, 'remote-things.pdf'));
    expect(pdf.pages.map((p) => squash(p.text).split(' ').slice(0, 3).join(' '))).toEqual([
      'A silent picture',
      'A missing background',
      'A silent frame',
      'A silent video',
      'A picture that',
    ]);
    // The browser did ask the sites: the deck was not printed without trying.
    expect(sites.asked.silent).toEqual(expect.arrayContaining(['/silent.png', '/frame.html', '/clip.webm']));
    expect(sites.asked.missing).toContain('/gone.jpg');
    const remote = warnings.filter((w) => w.startsWith('remote '));
    const silent = sites.silent.replace(/\./g, '\\.');
    expect(remote).toEqual([
      expect.stringMatching(
        new RegExp(
          `^remote silent\\.png did not load within 5 s \\(${silent}/silent\\.png\\) on slide 1 “A silent picture”`,
        ),
      ),
      expect.stringMatching(
        /^remote gone\.jpg answered 404 Not Found \(.*\/gone\.jpg\) on slide 2 “A missing background”/,
      ),
      expect.stringMatching(/^remote frame\.html did not load within 5 s \(.*\) on slide 3 “A silent frame”/),
      expect.stringMatching(/^remote clip\.webm did not load within 5 s \(.*\) on slide 4 “A silent video”/),
    ]);
    // The picture that did arrive is in the slide's picture; the link preview and handout were written too.
    expect(redPixels(path.join(dist, 'remote-things-05.png'))).toBeGreaterThan(10_000);
    expect(redPixels(path.join(dist, 'remote-things-01.png'))).toBe(0);
    expect(existsSync(path.join(dist, 'remote-things-preview.png'))).toBe(true);
    expect((await readPdf(path.join(dist, 'remote-things-handout.pdf'))).pages.length).toBeGreaterThan(0);
  });

  it('pictures alone (no PDF) warn about the remote files too, and --offline-strict stops them', async () => {
    const dir = newProject();
    try {
      const { warnings } = await run(dir, { only: ['png'], scale: 1 });
      const remote = warnings.filter((w) => w.startsWith('remote '));
      expect(remote).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^remote silent\.png did not load within 5 s .* on slide 1 “A silent picture”/),
          expect.stringMatching(/^remote frame\.html .* on slide 3 “A silent frame”/),
        ]),
      );
      expect(redPixels(path.join(dir, 'dist/remote-things-05.png'))).toBeGreaterThan(10_000);
      const err = await run(dir, { only: ['preview'], offlineStrict: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExportError);
      expect((err as Error).message).toMatch(/silent\.png on slide 1 “A silent picture”/);
      expect(existsSync(path.join(dir, 'dist/remote-things-preview.png'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--offline-strict: an error naming every remote URL and its slide, and nothing written', async () => {
    const dir = newProject();
    try {
      const err = await run(dir, { only: ['slides'], offlineStrict: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExportError);
      const message = (err as Error).message;
      expect(message).toMatch(/the deck loads 5 files from other sites, which --offline-strict forbids/);
      const expected: [string, string][] = [
        ['silent.png', 'slide 1 “A silent picture”'],
        ['gone.jpg', 'slide 2 “A missing background”'],
        ['frame.html', 'slide 3 “A silent frame”'],
        ['clip.webm', 'slide 4 “A silent video”'],
        // Loaded or not: a deck that must print offline may not need another site.
        ['red.svg', 'slide 5 “A picture that loads”'],
      ];
      for (const [file, slide] of expected)
        expect(message).toMatch(new RegExp(`/${file.replace('.', '\\.')} on ${slide}`));
      expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

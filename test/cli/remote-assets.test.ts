import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../export/helpers/read-pdf.ts';
import { remoteDeck, startRemoteSites, type RemoteSites } from '../helpers/remote-servers.ts';
import { runDeck } from './run-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// `deck export` on a deck naming files on other sites (local servers stand in for them): one never answers, one 404s.
let sites: RemoteSites;
let tmp: string;

beforeAll(async () => {
  sites = await startRemoteSites();
  tmp = tempDir('deck-remote-cli-');
  writeFileSync(path.join(tmp, 'remote.md'), remoteDeck(sites));
});
afterAll(async () => {
  await sites.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('deck export and remote files', { timeout: 180_000 }, () => {
  it('exports with warnings naming each URL and slide; --offline-strict exits 1 naming them, the PDF as it was', async () => {
    const lenient = await runDeck(['export', 'remote.md', '--only', 'slides'], { cwd: tmp });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toMatch(
      /warning: remote silent\.png did not load within 5 s \(http:\/\/127\.0\.0\.2:\d+\/silent\.png\) on slide 1 “A silent picture”/,
    );
    expect(lenient.stderr).toMatch(
      /warning: remote gone\.jpg answered 404 Not Found .* on slide 2 “A missing background”/,
    );
    expect(lenient.stderr).toMatch(/warning: remote frame\.html .* on slide 3 “A silent frame”/);
    expect(lenient.stderr).toMatch(/warning: remote clip\.webm .* on slide 4 “A silent video”/);
    expect(lenient.stderr).not.toContain('red.svg');
    const pdfFile = path.join(tmp, 'dist/remote-things.pdf');
    expect((await readPdf(pdfFile)).pages).toHaveLength(5);
    const before = readFileSync(pdfFile);

    const strict = await runDeck(['export', 'remote.md', '--only', 'slides', '--offline-strict'], { cwd: tmp });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('which --offline-strict forbids');
    for (const [file, slide] of [
      ['silent.png', 1],
      ['gone.jpg', 2],
      ['frame.html', 3],
      ['clip.webm', 4],
      ['red.svg', 5],
    ] as const)
      expect(strict.stderr).toMatch(new RegExp(`/${file.replace('.', '\\.')} on slide ${slide} “`));
    expect(strict.stderr).toContain('Earlier exports were left as they were');
    expect(readFileSync(pdfFile).equals(before)).toBe(true);
  });
});

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOWNLOADS_ELEMENT_ID } from '../../src/contract/downloads.ts';
import { deckUrl, openDeck, PHONE, useReadingFixture } from './reader-page.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const reading = useReadingFixture();

/** A copy of the built deck with the export step's block written before </body>, as it writes it. */
function withDownloadsBlock(json: string, files: string[] = []): string {
  const copy = tempDir('deck-downloads-');
  cpSync(reading.dist, copy, { recursive: true });
  const indexPath = path.join(copy, 'index.html');
  const block = `<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">${json}</script>\n`;
  writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace('</body>', `${block}</body>`));
  for (const f of files) writeFileSync(path.join(copy, f), '%PDF-1.7\n');
  return copy;
}

const EXPORTED = JSON.stringify([
  { kind: 'slides', href: './reading-fixture.pdf', bytes: 1_234_567, pages: 9, label: 'Slides (PDF)' },
  { kind: 'handout', href: './reading-fixture-handout.pdf', bytes: 85_400, pages: 1, label: 'Handout (PDF)' },
]);

const offered = () => ({
  button: document.querySelector('.deck-toolbar .deck-downloads-button')?.textContent ?? null,
  title: Array.from(
    document.querySelectorAll<HTMLAnchorElement>('section[data-deck-index="0"] .deck-downloads a'),
    (a) => [a.getAttribute('href'), a.textContent],
  ),
  menu: Array.from(document.querySelectorAll<HTMLAnchorElement>('#deck-contents .deck-downloads a'), (a) => [
    a.getAttribute('href'),
    a.textContent,
  ]),
  anyPdfLink: document.querySelectorAll('a[href$=".pdf"]').length,
});

describe('downloads', () => {
  it('offers nothing when no PDF was exported', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist));
    expect(await page.evaluate(offered)).toEqual({ button: null, title: [], menu: [], anyPdfLink: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers the exported PDFs with their sizes on the title slide and in the menu, in both modes', async () => {
    const copy = withDownloadsBlock(EXPORTED, ['reading-fixture.pdf', 'reading-fixture-handout.pdf']);
    const expected = [
      ['./reading-fixture.pdf', 'Slides (PDF) – 1.2 MB, 9 pages'],
      ['./reading-fixture-handout.pdf', 'Handout (PDF) – 85 kB, 1 page'],
    ];
    for (const query of ['?mode=present', '?mode=read']) {
      const { page, errors } = await openDeck(reading.browser, deckUrl(copy, { query }), {
        viewport: PHONE,
        mobile: true,
      });
      expect(await page.evaluate(offered), query).toEqual({
        button: 'Downloads',
        title: expected,
        menu: expected,
        anyPdfLink: 4,
      });
      // The title slide's links are on screen, not clipped off the slide.
      const visible = await page.evaluate(() =>
        Array.from(document.querySelectorAll('section[data-deck-index="0"] .deck-downloads a'), (a) => {
          const r = a.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      );
      expect(visible, query).toEqual([true, true]);
      await page.click('.deck-toolbar .deck-downloads-button');
      await page.waitForSelector('#deck-contents[open]');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('./reading-fixture.pdf');
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('ignores malformed blocks and entries that are not same-folder files', async () => {
    const bad = JSON.stringify([
      { kind: 'slides', href: 'javascript:alert(1)', bytes: 10, pages: 1, label: 'Slides (PDF)' },
      { kind: 'slides', href: 'https://example.com/x.pdf', bytes: 10, pages: 1, label: 'Elsewhere' },
      { kind: 'handout', href: './h.pdf', label: 'No size' },
      'not an object',
    ]);
    for (const json of [bad, '{not json', '{"kind":"slides"}']) {
      const { page, errors } = await openDeck(reading.browser, deckUrl(withDownloadsBlock(json)));
      expect(await page.evaluate(offered)).toEqual({ button: null, title: [], menu: [], anyPdfLink: 0 });
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDir, type StaticServer } from '../../src/chromium/serve.ts';
import { DOWNLOADS_ELEMENT_ID } from '../../src/contract/downloads.ts';
import {
  buildReadingFixture,
  deckState,
  openDeck,
  PHONE,
  showSlide,
  startBrowser,
  waitForSlide,
} from './reader-page.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const dist = await buildReadingFixture();
  // The export step's output: the PDFs and their list before </body>.
  const site = tempDir('deck-served-');
  cpSync(dist, site, { recursive: true });
  writeFileSync(path.join(site, 'reading-fixture.pdf'), '%PDF-1.7\n');
  const list = JSON.stringify([
    { kind: 'slides', href: './reading-fixture.pdf', bytes: 52_000, pages: 9, label: 'Slides (PDF)' },
  ]);
  const index = path.join(site, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace(
      '</body>',
      `<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">${list}</script>\n</body>`,
    ),
  );
  server = await serveDir(site, { base: '/courses/talk/' });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('served over http from a sub-path', () => {
  it('reads, deep-links, switches, offers downloads that resolve, and resumes', async () => {
    const context = await browser.createBrowserContext();
    try {
      const { page, errors } = await openDeck(context, `${server.url}?mode=read#/wide-table`, {
        viewport: PHONE,
        mobile: true,
      });
      await waitForSlide(page, 5, 'read');
      const link = await page.$eval('#deck-contents .deck-downloads a', (a) => (a as HTMLAnchorElement).href);
      expect(link).toBe(`${server.url}reading-fixture.pdf`);
      expect(await page.evaluate(async (href) => (await fetch(href)).status, link)).toBe(200);
      await page.click('.deck-toolbar .deck-mode-button');
      await waitForSlide(page, 5, 'present');
      await showSlide(page, 7);
      await page.waitForFunction(() => localStorage.getItem('deck:reading-fixture:position')?.includes('"index":7'));
      await page.close();

      const back = await openDeck(context, server.url, { viewport: PHONE, mobile: true });
      expect((await deckState(back.page)).mode).toBe('read');
      await back.page.waitForSelector('.deck-resume [data-deck-resume]');
      await back.page.click('.deck-resume [data-deck-resume]');
      await waitForSlide(back.page, 7, 'read');
      expect([...errors, ...back.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

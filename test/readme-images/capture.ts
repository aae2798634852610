/**
 * Regenerates the README's images (this folder) from the talk as built: `npm run screenshots`.
 * Builds the talk and its notes handout into a temporary folder (dist/ is left alone), opens them
 * in Chromium and writes one PNG per picture the README shows. Run it after changing how the
 * talk or the engine looks, and commit the PNGs with that change.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { serveDir } from '../../src/chromium/serve.ts';
import { exportDeck } from '../../src/export/export-deck.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { buildDeck } from '../helpers/build-deck.ts';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');

/** One README picture of the built deck: a viewport, a URL (query and hash) and a file name. */
interface Shot {
  file: string;
  width: number;
  height: number;
  search: string;
  hash: string;
}

const SHOTS: Shot[] = [
  { file: 'title-slide.png', width: 1280, height: 720, search: '?mode=present', hash: '#/title' },
  { file: 'visual-slide.png', width: 1280, height: 720, search: '?mode=present', hash: '#/eu-action-plan' },
  { file: 'reader-mode.png', width: 1280, height: 720, search: '?mode=read', hash: '#/globalization' },
  { file: 'reader-mode-phone.png', width: 390, height: 844, search: '?mode=read', hash: '' },
];

async function shootDeck(browser: Browser, url: string, shot: Shot): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: shot.width, height: shot.height });
    await page.goto(`${url}index.html${shot.search}${shot.hash}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
    await settle(page);
    await page.screenshot({ path: path.join(here, shot.file) });
  } finally {
    await page.close();
  }
}

/** Fonts loaded and two frames drawn after the jump to the slide. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** The handout's first page as a reader of the PDF sees it, drawn by pdf.js in the same browser. */
async function shootHandout(browser: Browser, url: string, pdfName: string): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 600, height: 800 });
    await page.goto(`${url}_pdfjs/page.html`);
    await page.evaluate(
      async (lib: string, worker: string, pdf: string) => {
        const pdfjs = (await import(lib)) as typeof import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = worker;
        const doc = await pdfjs.getDocument(pdf).promise;
        const first = await doc.getPage(1);
        // A4's 595 points at 496 px wide: the width the README shows it at.
        const viewport = first.getViewport({ scale: 496 / first.getViewport({ scale: 1 }).width });
        const canvas = document.getElementById('c') as HTMLCanvasElement;
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        await first.render({ canvas, viewport }).promise;
      },
      `${url}_pdfjs/pdf.min.mjs`,
      `${url}_pdfjs/pdf.worker.min.mjs`,
      `${url}${pdfName}`,
    );
    const canvas = await page.$('#c');
    await canvas!.screenshot({ path: path.join(here, 'handout-notes.png') });
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'deck-readme-images-'));
  let browser: Browser | undefined;
  try {
    const dist = path.join(work, 'dist');
    await buildDeck({ projectDir: root, outDir: dist });
    const exported = await exportDeck(resolveExportOptions({ only: ['handout'], build: false, outDir: dist }, root));
    const handout = exported.files.find((f) => f.kind === 'handout');
    if (!handout) throw new Error('the export wrote no handout');
    // pdf.js beside the deck, so that the page loads it from its own origin.
    const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/build/pdf.min.mjs'));
    mkdirSync(path.join(dist, '_pdfjs'));
    for (const name of ['pdf.min.mjs', 'pdf.worker.min.mjs'])
      copyFileSync(path.join(pdfjs, name), path.join(dist, '_pdfjs', name));
    writeFileSync(
      path.join(dist, '_pdfjs', 'page.html'),
      '<!doctype html><title>handout</title><body style="margin:0"><canvas id="c"></canvas>',
    );
    const server = await serveDir(dist, { base: '/' });
    try {
      browser = await launchBrowser();
      for (const shot of SHOTS) await shootDeck(browser, server.url, shot);
      await shootHandout(browser, server.url, path.basename(handout.path));
    } finally {
      await server.close();
    }
    process.stdout.write(
      `README images written to ${path.relative(process.cwd(), here) || '.'}: ${[...SHOTS.map((s) => s.file), 'handout-notes.png'].join(', ')}\n`,
    );
  } finally {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

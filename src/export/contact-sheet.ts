import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { forgetTemporary, trackTemporary } from './atomic-write.ts';

/** One cell of the sheet: a slide's picture on disk, its number and its title. */
export interface ContactSheetCell {
  /** Absolute path of the slide's PNG. */
  image: string;
  number: number;
  title: string;
}

/** Columns and thumbnail width for `count` slides: a sheet a little wider than tall, thumbnails still legible. */
export function sheetLayout(count: number): { columns: number; thumbWidth: number } {
  const columns = Math.max(1, Math.min(count, Math.ceil(Math.sqrt(count * 0.8))));
  return { columns, thumbWidth: columns <= 5 ? 400 : 320 };
}

/**
 * The sheet's page: style only. Every value (titles, paths) goes in through the DOM as text or
 * as a property, never into this markup.
 */
const SHEET_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><style>
  html { background: #fff; color: #1a1a1a; font-family: "Atkinson Hyperlegible", system-ui, sans-serif; }
  body { margin: 0; padding: 32px; width: max-content; }
  h1 { font-size: 28px; margin: 0 0 4px; }
  p.sub { font-size: 16px; margin: 0 0 24px; color: #444; }
  ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 24px 20px; }
  li { margin: 0; }
  canvas { display: block; border: 1px solid #b8c4c6; }
  .label { display: flex; gap: 8px; font-size: 16px; line-height: 1.3; margin-top: 6px; }
  .number { font-weight: 700; min-width: 2ch; }
  .title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
</style></head><body><h1></h1><p class="sub"></p><ol></ol></body></html>`;

/** In the page: lays out the grid and waits for every thumbnail to be decoded. */
async function fillSheetInPage(
  heading: string,
  sub: string,
  cells: { src: string; number: number; title: string }[],
  columns: number,
  thumbWidth: number,
): Promise<{ width: number; height: number; missing: string[] }> {
  document.querySelector('h1')!.textContent = heading;
  document.querySelector('p.sub')!.textContent = sub;
  const list = document.querySelector('ol')!;
  list.style.gridTemplateColumns = `repeat(${columns}, ${thumbWidth + 2}px)`;
  const missing: string[] = [];
  const height = Math.round((thumbWidth * 9) / 16);
  for (const cell of cells) {
    const item = document.createElement('li');
    // Each picture drawn into its own thumbnail and let go: a deck of 140 full-size pictures
    // decoded at once would take gigabytes.
    const canvas = document.createElement('canvas');
    canvas.width = thumbWidth;
    canvas.height = height;
    const img = new Image();
    img.src = cell.src;
    try {
      await img.decode();
      const ctx = canvas.getContext('2d')!;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, 0, 0, thumbWidth, height);
    } catch {
      missing.push(cell.src);
    }
    img.src = '';
    const label = document.createElement('div');
    label.className = 'label';
    const number = document.createElement('span');
    number.className = 'number';
    number.textContent = String(cell.number);
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = cell.title;
    title.style.maxWidth = `${thumbWidth - 40}px`;
    label.append(number, title);
    item.append(canvas, label);
    list.append(item);
  }
  await document.fonts.ready;
  return { width: document.body.scrollWidth, height: document.body.scrollHeight, missing };
}

/**
 * A contact sheet: every slide as a thumbnail with its number and title, in reading order, for a
 * quick look or a printed overview. Drawn by the browser already running, from the PNGs already
 * written (so nothing is encoded twice).
 */
export async function renderContactSheet(
  browser: Browser,
  cells: readonly ContactSheetCell[],
  heading: { title: string; subtitle: string },
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const { columns, thumbWidth } = sheetLayout(cells.length);
  // A file page, so that it may show the slides' file pictures.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deck-contact-sheet-'));
  trackTemporary(dir);
  const page = await browser.newPage();
  try {
    const file = path.join(dir, 'sheet.html');
    writeFileSync(file, SHEET_HTML);
    await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const size = await page.evaluate(
      fillSheetInPage,
      heading.title,
      heading.subtitle,
      cells.map((c) => ({ src: pathToFileURL(c.image).href, number: c.number, title: c.title })),
      columns,
      thumbWidth,
    );
    if (size.missing.length) throw new Error(`contact sheet: could not read ${size.missing.join(', ')}`);
    await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: 1 });
    const png = await page.screenshot({ type: 'png', fullPage: true });
    return { png, width: size.width, height: size.height };
  } finally {
    await page.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    forgetTemporary(dir);
  }
}

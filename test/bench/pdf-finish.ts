/**
 * `npm run bench -- pdf-finish`: the cost of finishing Chromium's PDFs (metadata, XMP, /Lang,
 * outline, object streams) on real Chromium output: the talk and synthetic decks of 150 and
 * 1,000 slides, slides PDF and notes handout. Printed, never asserted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../../src/chromium/launch.ts';
import { readDeckJson } from '../../src/deck-json-file.ts';
import { finishPdf } from '../../src/export/finish-pdf.ts';
import { handoutOutline, printHandout } from '../../src/export/handout.ts';
import { resolveExportOptions } from '../../src/export/options.ts';
import { pdfMetadata } from '../../src/export/pdf-metadata.ts';
import { openPrintLayout } from '../../src/export/print-layout.ts';
import { printSlides, slidesOutline } from '../../src/export/print-slides.ts';
import type { OutlineNode } from '../../src/export/pdf-outline.ts';
import type { PdfMetadata } from '../../src/export/pdf-metadata.ts';
import { buildDeck } from '../helpers/build-deck.ts';
import { syntheticDeck, syntheticRefs } from './synthetic.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeFinish(raw: Uint8Array, meta: PdfMetadata, outline: OutlineNode[], rounds: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const out = await finishPdf(raw, meta, outline);
    times.push(performance.now() - t);
    bytes = out.bytes.length;
  }
  return { ms: median(times), bytes };
}

export async function run(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-finish-'));
  try {
    const decks: { name: string; distDir: string }[] = [];
    decks.push({ name: 'the talk', distDir: await buildDeck({ projectDir, outDir: path.join(root, 'talk') }) });
    for (const n of (process.env.DECK_BENCH_SLIDES ?? '150,1000').split(',').map(Number)) {
      const dir = path.join(root, `s${n}`);
      mkdirSync(path.join(dir, 'slides'), { recursive: true });
      mkdirSync(path.join(dir, 'public'), { recursive: true });
      writeFileSync(path.join(dir, 'slides/talk.md'), syntheticDeck(n));
      writeFileSync(path.join(dir, 'slides/refs.json'), syntheticRefs);
      decks.push({
        name: `synthetic ${n}`,
        distDir: await buildDeck({ projectDir: dir, outDir: path.join(dir, 'dist') }),
      });
    }
    const browser = await launchBrowser();
    try {
      for (const { name, distDir } of decks) {
        const deck = readDeckJson(distDir, (f) => new Error(`${f} missing`));
        const options = resolveExportOptions({ build: false, outDir: distDir, timeout: 600 }, projectDir);
        const layout = await openPrintLayout(browser, distDir, deck, { fragments: false, timeoutMs: 600_000 });
        const slidesRaw = await printSlides(layout, 600_000);
        const { pdf: handoutRaw, dom } = await printHandout(layout, deck, options);
        await layout.page.close();
        const tools = { creator: 'bench', producer: 'Chromium (Skia/PDF)', date: new Date() };
        const rounds = deck.slides.length > 500 ? 3 : 7;
        for (const [kind, raw, outline] of [
          ['slides', slidesRaw, slidesOutline(deck, layout)],
          ['handout', handoutRaw, handoutOutline(deck, dom)],
        ] as const) {
          const r = await timeFinish(raw, pdfMetadata(deck, kind, tools), outline, rounds);
          console.log(
            `${name} (${deck.slides.length} slides) ${kind}: Chromium ${(raw.length / 1024).toFixed(0)} K → ${(r.bytes / 1024).toFixed(0)} K, finished in ${r.ms.toFixed(0)} ms (median of ${rounds})`,
          );
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { slideRef, type DeckJson } from '../model.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { describeSlide, ExportError } from './errors.ts';
import { finishPdf, type FinishedPdf } from './finish-pdf.ts';
import { outputFileName, type ExportOptions } from './options.ts';
import { pdfMetadata } from './pdf-metadata.ts';
import { openPrintLayout, pageCount } from './print-layout.ts';
import { printSlides, slidesOutline } from './print-slides.ts';
import { formatBytes, timed, type Reporter } from './report.ts';

/** The PDFs one browser wrote, by kind. */
export type WrittenPdfs = Map<'slides' | 'handout', FinishedPdf>;

/** "Chromium 156.0.8078.108" from puppeteer's "HeadlessChrome/156.0.8078.108". */
function browserName(version: string): string {
  return version.replace(/^(Headless)?Chrome\//, 'Chromium ');
}

/** Puppeteer's TimeoutError as an ExportError that says which step and how long. */
function rethrowTimeout(err: unknown, step: string, timeoutMs: number): never {
  if (err instanceof Error && err.name === 'TimeoutError')
    throw new ExportError(
      `${step} did not finish within ${Number((timeoutMs / 1000).toFixed(2))} s (raise --timeout for a very large deck)`,
    );
  throw err;
}

/**
 * Closes the browser, then ends what is left of its process group: Chromium's zygote processes
 * otherwise outlive it by a moment, and the CLI should leave nothing behind when it exits.
 */
async function closeAll(browser: Browser): Promise<void> {
  const pid = browser.process()?.pid;
  await browser.close().catch(() => {});
  if (pid && process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL'); // puppeteer starts Chromium as the leader of its own group
    } catch {
      // the group is already gone
    }
  }
}

/** Keeps a rejection from being reported as unhandled while other work runs; await the original later. */
function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/**
 * Both PDFs from one tab: reveal lays the deck out once; the slides PDF is printed from that
 * layout, then the same tab becomes the handout and is printed. Node's work overlaps Chromium's:
 * the slides PDF is post-processed and written while the handout is being built and printed,
 * and the browser closes while the last PDF is finished. PDFs go to `dir` (temp file + rename).
 */
export async function printPdfs(
  browser: Browser,
  deck: DeckJson,
  dir: string,
  options: ExportOptions,
  reporter: Reporter,
): Promise<WrittenPdfs> {
  const wantSlides = options.outputs.includes('slides');
  const wantHandout = options.outputs.includes('handout');
  // Loaded only for a handout (its DOM library is the slowest module to start), while Chromium lays the deck out.
  const loadingHandout = wantHandout ? later(import('./handout.ts')) : null;
  const written: WrittenPdfs = new Map();
  let closing: Promise<void> | null = null;
  const closeBrowser = () => (closing ??= closeAll(browser));
  try {
    const version = browserName(await browser.version());
    const layout = await timed(
      reporter,
      'layout',
      () => openPrintLayout(browser, dir, deck, { fragments: options.fragments, timeoutMs: options.timeoutMs }),
      (l) => `${deck.slides.length} slides, ${pageCount(l.pages)} print pages · ${version}`,
    );
    for (const line of layout.warnings) reporter.warn(line);
    for (const index of layout.overflowing) {
      const slide = slideRef(deck, index);
      if (slide) reporter.warn(`${describeSlide(slide)} is taller than the slide: printed on more than one page`);
    }
    const tools = { creator: 'border-control-deck (reveal.js 6)', producer: `${version} (Skia/PDF)`, date: new Date() };

    const finishAndWrite = async (
      kind: 'slides' | 'handout',
      started: number,
      run: () => Promise<FinishedPdf>,
      detail: string,
    ): Promise<void> => {
      try {
        const pdf = await run();
        await writeFileAtomic(path.join(dir, outputFileName(kind, deck.slug)), pdf.bytes);
        written.set(kind, pdf);
        reporter.step(
          `${kind} PDF`,
          performance.now() - started,
          `${pdf.pages} pages · ${detail}${detail ? ' · ' : ''}${formatBytes(pdf.bytes.length)}`,
          true,
        );
      } catch (err) {
        reporter.step(`${kind} PDF`, performance.now() - started, '', false);
        throw err;
      }
    };

    const writes: Promise<void>[] = [];
    const slidesStarted = performance.now();
    const slidesRaw = wantSlides
      ? await printSlides(layout, options.timeoutMs).catch((err: unknown) =>
          rethrowTimeout(err, 'printing the slides PDF', options.timeoutMs),
        )
      : null;
    const handoutStarted = performance.now();
    const handoutModule = loadingHandout ? await loadingHandout : null;
    const handout = handoutModule
      ? later(
          handoutModule
            .printHandout(layout, deck, options)
            .catch((err: unknown) => rethrowTimeout(err, 'printing the handout', options.timeoutMs)),
        )
      : null;
    if (!handout) void closeBrowser();
    // Let the handout's first command reach Chromium before Node is busy with the slides PDF.
    await new Promise((resolve) => setImmediate(resolve));
    if (slidesRaw) {
      writes.push(
        later(
          finishAndWrite(
            'slides',
            slidesStarted,
            async () => {
              const pdf = finishPdf(slidesRaw, pdfMetadata(deck, 'slides', tools), slidesOutline(deck, layout));
              const expected = pageCount(layout.pages);
              if (pdf.pages !== expected)
                throw new ExportError(`the slides PDF has ${pdf.pages} pages where the layout has ${expected}`);
              return pdf;
            },
            '',
          ),
        ),
      );
    }
    if (handout) {
      const { pdf: raw, dom } = await handout;
      void closeBrowser();
      writes.push(
        finishAndWrite(
          'handout',
          handoutStarted,
          async () => finishPdf(raw, pdfMetadata(deck, 'handout', tools), handoutModule!.handoutOutline(deck, dom)),
          `${options.layout}, ${options.paper === 'a4' ? 'A4' : 'US Letter'}`,
        ),
      );
    }
    await Promise.all(writes);
    return written;
  } finally {
    await closeBrowser();
  }
}

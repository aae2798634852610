import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { dialogsOf } from '../chromium/dialogs.ts';
import { slideRef, type DeckJson } from '../model.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { describeSlide, ExportError } from './errors.ts';
import { finishPdf, type FinishedPdf } from './finish-pdf.ts';
import { outputFileName, type ExportOptions } from './options.ts';
import { pdfMetadata } from './pdf-metadata.ts';
import { openPrintLayout, pageCount, type PrintedPage, type PrintLayout } from './print-layout.ts';
import { planParts, printInParts } from './print-parts.ts';
import { printSlides, slidesOutline } from './print-slides.ts';
import { formatBytes, timed, type Reporter } from './report.ts';

/** The PDFs one browser wrote, by kind. */
export type WrittenPdfs = Map<'slides' | 'handout', FinishedPdf>;

/** "Chromium 156.0.8078.108" from puppeteer's "HeadlessChrome/156.0.8078.108". */
function browserName(version: string): string {
  return version.replace(/^(Headless)?Chrome\//, 'Chromium ');
}

function timeoutError(step: string, timeoutMs: number): ExportError {
  return new ExportError(
    `${step} did not finish within ${Number((timeoutMs / 1000).toFixed(2))} s (raise --timeout for a very large deck)`,
  );
}

/** Puppeteer's TimeoutError as an ExportError that says which step and how long. */
function rethrowTimeout(err: unknown, step: string, timeoutMs: number): never {
  if (err instanceof Error && err.name === 'TimeoutError') throw timeoutError(step, timeoutMs);
  throw err;
}

/** The errors puppeteer rejects with when the browser or its tab went away mid-command. */
function isBrowserGone(err: unknown, browser: Browser): boolean {
  const e = err as { name?: unknown; message?: unknown } | null;
  return (
    !browser.connected ||
    e?.name === 'TargetCloseError' ||
    e?.name === 'ConnectionClosedError' ||
    (typeof e?.message === 'string' && /(Target|Session|Connection) closed/i.test(e.message))
  );
}

/** "(killed by SIGKILL)" or "(exit code 1)" once Chromium's process has ended, to tell a crash from a kill. */
async function howItEnded(browser: Browser): Promise<string> {
  const child = browser.process();
  // The pipe closes a moment before the process is reaped: wait for that moment, briefly.
  if (child && child.exitCode === null && child.signalCode === null)
    await new Promise((resolve) => {
      child.once('exit', resolve);
      setTimeout(resolve, 1000).unref();
    });
  if (child?.signalCode) return ` (its process was killed by ${child.signalCode})`;
  if (child?.exitCode !== null && child?.exitCode !== undefined) return ` (it exited with code ${child.exitCode})`;
  return '';
}

/** How long past --timeout a step may run before we stop waiting for puppeteer's own timeout. */
const DEADLINE_GRACE_MS = 2000;

/**
 * Runs one step of the export against its deadline, without relying on the page: a page that
 * blocks (a dialog, a busy script) cannot stop this timer. A browser that crashes or is killed
 * during the step reads as "Chromium closed while <step>", never as a protocol error.
 */
async function step<T>(browser: Browser, label: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(label, timeoutMs)), timeoutMs + DEADLINE_GRACE_MS);
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') throw timeoutError(label, timeoutMs);
    if (!(err instanceof ExportError) && isBrowserGone(err, browser))
      throw new ExportError(`Chromium closed while ${label}${await howItEnded(browser)}`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the browser and its whole process group (puppeteer, and spawnEarly, start Chromium as the
 * leader of its own group), so the CLI leaves nothing behind when it exits. Its profile is a
 * throwaway folder, so nothing is worth Chromium's polite shutdown, which took a third of a
 * second and more after the last PDF: the group is killed at once and we wait only until the
 * browser's process has ended (so its profile can go).
 */
export async function closeAll(browser: Browser): Promise<void> {
  const child = browser.process();
  const pid = child?.pid;
  if (!child || !pid || process.platform === 'win32') {
    // No process group to end: a page stuck in a script can hold up a polite close, so not for long.
    await Promise.race([browser.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    if (pid) child?.kill('SIGKILL');
    return;
  }
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => {
          child.once('exit', resolve);
          setTimeout(resolve, 3000).unref();
        });
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
  await exited;
  await browser.disconnect().catch(() => {});
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
  /** Slides per part and the deck size from which to print in parts (print-parts.ts); tests force small ones. */
  parts: { size?: number; from?: number } = {},
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
    const layoutOptions = {
      fragments: options.fragments,
      timeoutMs: options.timeoutMs,
      offlineStrict: options.offlineStrict,
    };
    // A part of a deck printed in parts says again what every part says (an unused favicon): once is enough.
    const said = new Set<string>();
    const warn = (line: string) => {
      if (!said.has(line)) reporter.warn(line);
      said.add(line);
    };
    const reportLayout = async (l: PrintLayout): Promise<void> => {
      for (const line of l.warnings) warn(line);
      for (const dialog of await dialogsOf(l.page)) {
        const slide = dialog.slide === null ? null : slideRef(deck, dialog.slide);
        warn(
          `${slide ? `${describeSlide(slide)}: ` : ''}the page opened a dialog, ${dialog.type}(“${dialog.message}”), which the export dismissed`,
        );
      }
      for (const index of l.overflowing) {
        const slide = slideRef(deck, index);
        if (slide) warn(`${describeSlide(slide)} is taller than the slide: printed on more than one page`);
      }
    };
    const openLayout = () =>
      step(browser, 'laying out the deck for print', options.timeoutMs, () =>
        openPrintLayout(browser, dir, deck, layoutOptions),
      );
    // A large deck's slides print in parts, a tab each, so that Chromium's memory stays bounded.
    const ranges = wantSlides ? planParts(deck.slides.length, parts.size, parts.from) : [];
    const partsStarted = performance.now();
    const printed =
      ranges.length > 1
        ? await printInParts(browser, dir, deck, ranges, layoutOptions, {
            each: async (l, _range, i) => {
              if (i === 0)
                reporter.step(
                  'layout',
                  performance.now() - partsStarted,
                  `${deck.slides.length} slides, in ${ranges.length} parts · ${version}`,
                  true,
                );
              await reportLayout(l);
            },
            run: (label, work) =>
              step(browser, label, options.timeoutMs, work).catch((err: unknown) =>
                rethrowTimeout(err, label, options.timeoutMs),
              ),
          })
        : null;
    // One tab laid out with the whole deck: for the slides unless printed in parts, and for the handout.
    const layout =
      printed && !wantHandout
        ? null
        : printed
          ? await openLayout()
          : await timed(
              reporter,
              'layout',
              openLayout,
              (l) => `${deck.slides.length} slides, ${pageCount(l.pages)} print pages · ${version}`,
            );
    if (layout) await reportLayout(layout);
    const slidePages: PrintedPage[] = printed?.pages ?? layout?.pages ?? [];
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
    // In parts, the slides PDF's time is the parts' too (the first part's layout counted in both).
    const slidesStarted = printed ? partsStarted : performance.now();
    const slidesRaw = printed
      ? printed.pdf
      : wantSlides && layout
        ? await step(browser, 'printing the slides PDF', options.timeoutMs, () =>
            printSlides(layout, options.timeoutMs),
          ).catch((err: unknown) => rethrowTimeout(err, 'printing the slides PDF', options.timeoutMs))
        : null;
    const handoutStarted = performance.now();
    const handoutModule = loadingHandout ? await loadingHandout : null;
    const handout =
      handoutModule && layout
        ? later(
            step(browser, 'printing the handout', options.timeoutMs, () =>
              handoutModule.printHandout(layout, deck, options),
            ).catch((err: unknown) => rethrowTimeout(err, 'printing the handout', options.timeoutMs)),
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
              const pdf = finishPdf(
                slidesRaw,
                pdfMetadata(deck, 'slides', tools),
                slidesOutline(deck, { pages: slidePages }),
              );
              const expected = pageCount(slidePages);
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

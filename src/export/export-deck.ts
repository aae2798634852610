/**
 * export/: turns a built deck into the slides PDF, the handout and the offline page, staged and
 * swapped into place. Callable as a library; the command is cli/export.ts.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { launchBrowser, makeProfileDir, removeStaleProfiles } from '../chromium/launch.ts';
import { removeProfile } from '../chromium/profile.ts';
import type { DeckJson } from '../model.ts';
import { forgetTemporary, removeTemporary, trackTemporary, writeFileAtomic } from './atomic-write.ts';
import { DOWNLOAD_LABELS, type DeckDownload } from '../contract/downloads.ts';
import { injectDownloads, readDownloads } from './downloads.ts';
import { EnvironmentError } from './errors.ts';
import type { FinishedPdf } from './finish-pdf.ts';
import { writeOfflinePage } from './offline-page.ts';
import { needsBrowser, outputFileName, type ExportOptions, type OutputKind } from './options.ts';
import {
  pictureDownloads,
  picturesToKeep,
  exportPictures,
  wantsPictures,
  type PictureFile,
} from './picture-exports.ts';
import { closeAll, printPdfs } from './print-pdfs.ts';
import { formatBytes, silentReporter, timed, type Reporter, type WrittenFile } from './report.ts';
import { previousBuild } from './build-stamp.ts';
import { launchEarly, locateBrowser, profileRoot, type EarlyBrowser } from './early-browser.ts';

export { locateBrowser };
import { MANIFEST_NAME, manifestText, refuseForeign } from './out-dir.ts';
import {
  buildSite,
  carryOver,
  prepareOutDir,
  publishSite,
  readDeckJson,
  stagingDirFor,
  type BuildKind,
} from './site-build.ts';

/** What the export can be given instead of the real thing (tests, the benchmark). */
export interface ExportDeps {
  /** Starts the browser; by default finds Chromium as find-browser.ts says and launches it. */
  launch?: () => Promise<Browser>;
  /** Finds the browser before anything else is done, so a missing one stops the export at once. */
  findBrowser?: () => string;
  reporter?: Reporter;
  /**
   * Called the moment the exports are in place (synchronously after the swap): from then on an
   * interruption has nothing left to undo (cli/interrupt.ts lets the command finish).
   */
  onPublished?: () => void;
  /** A browser the caller began to start before loading the export (cli/export.ts); the export takes or discards it. */
  early?: EarlyBrowser;
}

export interface ExportResult {
  deck: DeckJson;
  /** The files this run wrote, in the order written. */
  files: WrittenFile[];
  totalMs: number;
}

const PDF_KINDS = ['slides', 'handout'] as const;

/**
 * Launches Chromium with a profile folder of our own: the launcher removes a profile it made
 * as soon as the connection drops, while Chromium may still be writing to it; we remove ours
 * once the whole browser has ended (print-pdfs.ts closes it and its process group).
 */
async function startBrowser(executablePath: string, profile: string): Promise<Browser> {
  try {
    return await launchBrowser({ executablePath, userDataDir: profile });
  } catch (err) {
    throw new EnvironmentError(
      `the browser at ${executablePath} did not start: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Keeps a rejection from being reported as unhandled while other work runs; await the original later. */
function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Page count of a PDF already on disk (an earlier export this run keeps). */
async function pdfPages(file: string): Promise<number> {
  const { PDFDocument } = await import('pdf-lib'); // rarely needed: not loaded at start-up
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  return doc.getPageCount();
}

/**
 * The downloads list: exactly the PDFs that exist in `dir`, with sizes and page counts. A PDF
 * this run did not write keeps the page count the previous list gave it when its size still
 * matches (opening a large PDF just to count pages would cost more than printing it).
 */
async function listDownloads(
  dir: string,
  slug: string,
  known: ReadonlyMap<OutputKind, FinishedPdf>,
  previous: readonly DeckDownload[],
): Promise<DeckDownload[]> {
  const list: DeckDownload[] = [];
  for (const kind of PDF_KINDS) {
    const name = outputFileName(kind, slug);
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const bytes = statSync(file).size;
    const listed = previous.find((d) => d.href === `./${name}` && d.bytes === bytes)?.pages;
    const pages = known.get(kind)?.pages ?? listed ?? (await pdfPages(file));
    list.push({ kind, href: `./${name}`, bytes, pages, label: DOWNLOAD_LABELS[kind] });
  }
  return list;
}

/** The list in the output folder's current index.html, if any. */
function previousDownloads(outDir: string): DeckDownload[] {
  try {
    return readDownloads(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
  } catch {
    return [];
  }
}

/** The tool's own files of a built site (its manifest's), copied into a fresh staging folder. */
function copySite(outDir: string, stagingDir: string, owned: ReadonlySet<string>): void {
  rmSync(stagingDir, { recursive: true, force: true });
  trackTemporary(stagingDir);
  mkdirSync(stagingDir, { recursive: true });
  for (const name of owned) {
    const from = path.join(outDir, name);
    if (existsSync(from)) cpSync(from, path.join(stagingDir, name), { recursive: true });
  }
}

/**
 * `npm run export`: builds the site (unless `build` is false), lays the deck out once in one
 * browser, prints the slides PDF and then the handout from that same tab, post-processes both
 * (metadata, outline), lists them in the page, writes the single-file offline page, and only then
 * puts everything in place. Any failure throws (ExportError: the deck; EnvironmentError: the
 * machine) and leaves the output folder as it was.
 */
export async function exportDeck(options: ExportOptions, deps: ExportDeps = {}): Promise<ExportResult> {
  const reporter = deps.reporter ?? silentReporter;
  const t0 = performance.now();
  const wantsPdf = options.outputs.some((k) => k === 'slides' || k === 'handout');
  const wantsBrowser = needsBrowser(options.outputs);
  // Before any work: a missing browser stops the export at once.
  const executablePath = wantsBrowser && !deps.early ? (deps.findBrowser ?? (() => locateBrowser()))() : '';
  // Before any work too: an output folder that would overwrite the user's work is refused.
  const own = prepareOutDir(options.projectDir, options.outDir);
  removeStaleProfiles();
  if (profileRoot() !== os.tmpdir()) removeStaleProfiles(profileRoot());
  // The site in the output folder was built by an export from the same deck and engine: reuse it.
  // It is copied into the staging folder (kilobytes, not a build), so the export stays all-or-nothing.
  // A strict run compiles again: the last build may have been a lenient one that let a warning through.
  const last = options.build ? previousBuild(options.projectDir, options.outDir, options.slidesDir) : null;
  const lastBuild = last && options.strict ? { ...last, current: false } : last;
  // Chromium starts while the build runs; the profile is ours to remove once the browser has ended.
  const profile = deps.early ? (deps.early.profile ?? '') : wantsBrowser ? makeProfileDir() : '';
  if (profile) trackTemporary(profile, removeProfile);
  const early =
    deps.early ?? (wantsBrowser ? launchEarly(deps.launch ?? (() => startBrowser(executablePath, profile))) : null);

  const siteDir = options.build ? stagingDirFor(options.outDir) : options.outDir;
  const createdOutDir = !existsSync(options.outDir);
  const files: WrittenFile[] = [];
  let published = !options.build;
  let kind: BuildKind = 'full';
  let offline: Promise<{ bytes: number; ms: number }> | null = null;
  try {
    const deck = options.build
      ? await timed(
          reporter,
          'build',
          async () => {
            if (lastBuild?.current) {
              copySite(options.outDir, siteDir, own.owned);
            } else {
              kind = await buildSite(
                options.projectDir,
                siteDir,
                (line) => reporter.warn(line),
                options.slidesDir,
                options.strict,
                lastBuild ? { ...lastBuild, outDir: options.outDir } : undefined,
              );
            }
            return readDeckJson(siteDir);
          },
          (d) =>
            lastBuild?.current
              ? `${d.slides.length} slides, reused: deck and engine unchanged since the last export`
              : kind === 'slides'
                ? `${d.slides.length} slides, the page's code and styles reused from the last build`
                : `${d.slides.length} slides`,
        )
      : readDeckJson(siteDir);
    // Written straight into the output folder: never over a file of the user's named like ours.
    if (!options.build)
      refuseForeign(
        siteDir,
        options.outputs.map((k) => outputFileName(k, deck.slug)),
        own,
        '--out-dir',
      );
    const written = new Map<OutputKind, FinishedPdf>();
    const target = (kind: OutputKind) => path.join(siteDir, outputFileName(kind, deck.slug));
    const finalPath = (kind: OutputKind) => path.join(options.outDir, outputFileName(kind, deck.slug));

    // The offline page needs only the site: it is made while Chromium prints (Node's work beside Chromium's).
    if (options.outputs.includes('offline')) {
      const started = performance.now();
      offline = later(
        writeOfflinePage(siteDir, target('offline')).then(
          (bytes) => ({ bytes, ms: performance.now() - started }),
          (err: unknown) => {
            reporter.step('offline HTML', performance.now() - started, '', false);
            throw err;
          },
        ),
      );
    }

    let pictures: PictureFile[] = [];
    if (early) {
      let pdfs: Awaited<ReturnType<typeof printPdfs>> = new Map();
      let browser: Browser | null = null;
      try {
        // The step's time is the wait left after the build: the launch began before it.
        browser = await timed(reporter, 'browser', () => early.take());
        // The link preview, PNGs and PowerPoint from a tab of the same browser, before the PDFs close it.
        if (wantsPictures(options.outputs)) pictures = await exportPictures(browser, deck, siteDir, options, reporter);
        if (wantsPdf) pdfs = await printPdfs(browser, deck, siteDir, options, reporter);
      } finally {
        if (browser) await closeAll(browser);
        if (profile) removeTemporary(profile);
      }
      for (const kind of PDF_KINDS) {
        const pdf = pdfs.get(kind);
        if (!pdf) continue;
        written.set(kind, pdf);
        files.push({ kind, path: finalPath(kind), bytes: pdf.bytes.length, pages: pdf.pages });
      }
      files.push(
        ...pictures.map((p) => ({
          kind: p.kind,
          path: path.join(options.outDir, p.name),
          bytes: p.bytes,
          pages: p.pages,
        })),
      );
    }

    // Earlier exports this run does not redo stay (and stay listed) when the new build replaces the folder.
    if (options.build) {
      await carryOver(options.outDir, siteDir, [
        ...(['slides', 'handout', 'offline'] as const)
          .filter((k) => !options.outputs.includes(k))
          .map((k) => outputFileName(k, deck.slug)),
        ...picturesToKeep(options.outDir, deck.slug, options.outputs),
      ]);
    }
    const indexFile = path.join(siteDir, 'index.html');
    const previous = previousDownloads(options.outDir);
    const downloads = [
      ...(await listDownloads(siteDir, deck.slug, written, previous)),
      ...(await pictureDownloads(siteDir, deck.slug, pictures, previous)),
    ];
    const html = injectDownloads(readFileSync(indexFile, 'utf8'), downloads);
    await writeFileAtomic(indexFile, html);

    if (offline) {
      const { bytes, ms } = await offline;
      files.push({ kind: 'offline', path: finalPath('offline'), bytes, pages: null });
      reporter.step('offline HTML', ms, formatBytes(bytes), true);
    }

    if (options.build) {
      await timed(
        reporter,
        'publish',
        async () => {
          publishSite(siteDir, options.outDir, own);
          // In the same synchronous stretch: a signal that came during the swap is handled only after it.
          deps.onPublished?.();
        },
        () => `site and exports in ${options.outDir}`,
      );
      published = true;
    } else {
      // The exports written beside an existing build become the tool's files too.
      const names = [...own.owned, ...files.map((f) => path.basename(f.path))];
      await writeFileAtomic(path.join(options.outDir, MANIFEST_NAME), manifestText(names));
      deps.onPublished?.();
    }
    return { deck, files, totalMs: performance.now() - t0 };
  } finally {
    // Nothing may still be writing into the staging folder when it is removed.
    await offline?.catch(() => {});
    if (early) {
      await early.discard();
      if (profile) removeTemporary(profile);
    }
    if (!published) {
      rmSync(siteDir, { recursive: true, force: true });
      forgetTemporary(siteDir);
      // A folder made only to stage in goes again when nothing was published.
      if (createdOutDir && existsSync(options.outDir) && readdirSync(options.outDir).length === 0)
        rmSync(options.outDir, { recursive: true });
    }
  }
}

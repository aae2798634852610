import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'vite';
import { isAlive } from '../chromium/process-alive.ts';
import { readDeckJson as readBuiltDeckJson } from '../deck-json-file.ts';
import type { DeckJson } from '../model.ts';
import type { BuiltPage, Precompiled } from '../vite/plugin.ts';
import { forgetTemporary, trackTemporary } from './atomic-write.ts';
import { BUILD_STAMP_FILE, previousBuild, sha256, writeBuildStamp, type PreviousBuild } from './build-stamp.ts';
import { DeckBuildError, ExportError } from './errors.ts';
import {
  MANIFEST_NAME,
  manifestText,
  ownership,
  refuseForeign,
  refuseOverlap,
  stagingPid,
  type Ownership,
} from './out-dir.ts';
import { updateSite } from './site-update.ts';

/**
 * The site is built into a staging folder inside the output folder, the exports are written
 * there, and only when everything succeeded do its entries replace the ones the tool wrote
 * before. So a broken deck, a failed print, a full disk or Ctrl-C leaves the previous site and
 * PDFs as they were; Vite's emptyOutDir only ever empties the staging folder; and files in the
 * output folder that the tool did not write are never touched. Staging inside the output folder
 * keeps every rename on one file system, also when the output folder is a mount point.
 */
export function stagingDirFor(outDir: string): string {
  return path.join(outDir, `.deck-staging-${process.pid}`);
}

function previousDirFor(outDir: string): string {
  return path.join(outDir, `.deck-previous-${process.pid}`);
}

/** The `deck:slides` plugin error inside whatever Vite/Rolldown threw, if the deck caused it. */
export function deckErrorOf(err: unknown): DeckBuildError | null {
  const candidates: unknown[] = [err, ...((err as { errors?: unknown[] })?.errors ?? [])];
  for (const c of candidates) {
    const e = c as { plugin?: string; message?: string; frame?: string };
    if (e && e.plugin === 'deck:slides' && typeof e.message === 'string') {
      return new DeckBuildError(
        e.message.replace(/^\[plugin deck:slides\]\s*/, '').split('\n')[0] ?? e.message,
        e.frame ?? '',
      );
    }
  }
  return null;
}

/** Vite's logger, quiet except for the deck's warnings (the commands print errors themselves). */
function quietLogger(createLogger: typeof import('vite').createLogger, warn: (line: string) => void): Logger {
  const logger = createLogger('warn');
  // The bundle-size hint is for the engine's developers, not for someone exporting a talk.
  const relevant = (msg: string) => !/chunks are larger than/.test(msg);
  logger.warn = (msg) => relevant(msg) && warn(msg);
  logger.warnOnce = (msg) => relevant(msg) && warn(msg);
  logger.error = () => {};
  return logger;
}

/**
 * Removes what runs that were killed outright left in `outDir`: staging folders and temporary
 * files of pids that no longer run. A run killed in the middle of publishing leaves its
 * `.deck-previous-PID` folder: its entries go back where they were.
 */
export function removeStale(outDir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(outDir)) return removed;
  for (const name of readdirSync(outDir)) {
    const pid = stagingPid(name);
    if (pid === null || isAlive(pid)) continue;
    const dir = path.join(outDir, name);
    if (name.startsWith('.deck-previous-')) {
      for (const entry of readdirSync(dir)) {
        rmSync(path.join(outDir, entry), { recursive: true, force: true });
        renameSync(path.join(dir, entry), path.join(outDir, entry));
      }
    }
    rmSync(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Where a build may go, checked before anything is written: see out-dir.ts. */
export function prepareOutDir(projectDir: string, outDir: string, option = '--out-dir'): Ownership {
  refuseOverlap(outDir, { projectDir, option });
  const own = ownership(outDir, option, projectDir);
  removeStale(outDir);
  return own;
}

/** Every file under `dir` but the build's own (index.html, deck.json, the stamp), with its sha256. */
function viteFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => file !== 'index.html' && file !== 'deck.json' && file !== BUILD_STAMP_FILE)
    .sort();
  for (const file of entries) files[file] = sha256(readFileSync(path.join(dir, file)));
  return files;
}

/**
 * How a site was built: `full`, by Vite; `slides`, only the outputs that depend on the slides,
 * Vite's part reused from the last build (site-update.ts).
 */
export type BuildKind = 'full' | 'slides';

/**
 * Builds the deck's site into `stagingDir` (created fresh, removed if the process dies). Given
 * what is known of the last build in the output folder (`previous`), it reuses Vite's part of
 * it when nothing Vite is given has changed, and stamps the new site for the next build.
 */
export async function buildSite(
  projectDir: string,
  stagingDir: string,
  warn: (line: string) => void,
  slidesDir?: string,
  /** Every warning about the deck stops the build (`--strict`). @default false */
  strict = false,
  /** The last build in the output folder, and the digests of the inputs now; without it, a full build, unstamped. */
  previous?: PreviousBuild & { outDir: string },
): Promise<BuildKind> {
  const fresh = () => {
    rmSync(stagingDir, { recursive: true, force: true });
    mkdirSync(stagingDir);
  };
  rmSync(stagingDir, { recursive: true, force: true });
  trackTemporary(stagingDir);
  // Made here, so that a read-only or full output folder fails with its own error and path
  // (a recursive mkdir reports a read-only file system as ENOENT).
  if (!existsSync(path.dirname(stagingDir))) mkdirSync(path.dirname(stagingDir), { recursive: true });
  mkdirSync(stagingDir);
  let precompiled: Precompiled | undefined;
  if (previous) {
    const update = await updateSite({
      projectDir,
      slidesDir,
      outDir: previous.outDir,
      stagingDir,
      warn,
      strict,
      previous,
    });
    if (update.done) return 'slides';
    precompiled = update.compiled ?? undefined;
    fresh();
  }
  // Loaded here, not at start-up: an export that reuses the last build never needs Vite or the compiler.
  const [{ build, createLogger }, { deckViteConfig }] = await Promise.all([
    import('vite'),
    import('../vite/config.ts'),
  ]);
  const viteWarnings: string[] = [];
  let built: BuiltPage | null = null;
  try {
    await build({
      configFile: false,
      customLogger: quietLogger(createLogger, (line) => {
        if (!line.startsWith('deck: ')) viteWarnings.push(line);
        warn(line);
      }),
      ...deckViteConfig({
        projectDir,
        slidesDir,
        outDir: stagingDir,
        strict,
        onBuilt: (page) => (built = page),
        precompiled,
      }),
      // Vite's progress lines (transforming…, rendering chunks…) are for the engine's developers.
      logLevel: 'warn',
    });
  } catch (err) {
    throw deckErrorOf(err) ?? err;
  }
  if (previous?.digest && previous.site) {
    const page = built as BuiltPage | null;
    writeBuildStamp(stagingDir, {
      inputs: previous.digest,
      site: previous.site,
      vite: page?.shell
        ? { inputs: page.inputs, shell: page.shell, files: viteFiles(stagingDir), warnings: viteWarnings }
        : null,
      memo: page?.memo ?? null,
    });
  }
  return 'full';
}

/** Copies earlier exports that this run does not redo into the staging folder, so publishing keeps them. */
export async function carryOver(outDir: string, stagingDir: string, fileNames: readonly string[]): Promise<string[]> {
  const carried: string[] = [];
  for (const name of fileNames) {
    const from = path.join(outDir, name);
    if (!existsSync(from)) continue;
    await mkdir(stagingDir, { recursive: true });
    await copyFile(from, path.join(stagingDir, name));
    carried.push(name);
  }
  return carried;
}

/**
 * Puts the staged entries in place of the ones the tool wrote before (its manifest says which),
 * leaving every other file of the output folder alone. Synchronous on purpose: no signal
 * handler can run between the renames, so the folder is never left half old, half new; a
 * failure part-way puts the old entries back.
 */
export function publishSite(stagingDir: string, outDir: string, own: Ownership): void {
  const staged = readdirSync(stagingDir).filter((e) => e !== MANIFEST_NAME);
  refuseForeign(outDir, staged, own, '--out-dir');
  writeFileSync(path.join(stagingDir, MANIFEST_NAME), manifestText(staged));
  const previous = previousDirFor(outDir);
  const outgoing = [...new Set([...own.owned, MANIFEST_NAME])].filter((e) => existsSync(path.join(outDir, e)));
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  mkdirSync(previous, { recursive: true });
  try {
    for (const entry of outgoing) {
      renameSync(path.join(outDir, entry), path.join(previous, entry));
      movedOut.push(entry);
    }
    // The manifest goes in last: until then the folder lists what it held before.
    for (const entry of [...staged, MANIFEST_NAME]) {
      renameSync(path.join(stagingDir, entry), path.join(outDir, entry));
      movedIn.push(entry);
    }
  } catch (err) {
    for (const entry of movedIn.reverse()) renameSync(path.join(outDir, entry), path.join(stagingDir, entry));
    for (const entry of movedOut.reverse()) renameSync(path.join(previous, entry), path.join(outDir, entry));
    rmSync(previous, { recursive: true, force: true });
    throw err;
  }
  rmSync(stagingDir, { recursive: true, force: true });
  forgetTemporary(stagingDir);
  rmSync(previous, { recursive: true, force: true });
}

/**
 * `npm run build`: the site into `outDir`, atomically. Refuses an output folder that would
 * overwrite the user's work; a failed build (a deck error, a full disk, a read-only folder)
 * leaves the previous site exactly as it was. After an edit of the slides alone, Vite's part of
 * the last build is reused (site-update.ts).
 */
export async function buildAndPublish(
  projectDir: string,
  outDir: string,
  warn: (line: string) => void,
  slidesDir?: string,
  /** Work on the finished build before it is published (the link preview's picture). */
  beforePublish?: (stagingDir: string) => Promise<void>,
  /** Every warning about the deck stops the build (`--strict`). @default false */
  strict = false,
): Promise<{ deck: DeckJson; kind: BuildKind }> {
  const own = prepareOutDir(projectDir, outDir);
  const createdOutDir = !existsSync(outDir);
  const staging = stagingDirFor(outDir);
  const previous = { ...previousBuild(projectDir, outDir, slidesDir), outDir };
  try {
    const kind = await buildSite(projectDir, staging, warn, slidesDir, strict, previous);
    await beforePublish?.(staging);
    const deck = readDeckJson(staging);
    publishSite(staging, outDir, own);
    return { deck, kind };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    forgetTemporary(staging);
    // A folder we made only to stage in goes again when nothing was published.
    if (createdOutDir && existsSync(outDir) && readdirSync(outDir).length === 0) rmSync(outDir, { recursive: true });
  }
}

/** Reads the build's deck.json: the titles, notes and metadata the compiler already knew. */
export function readDeckJson(siteDir: string): DeckJson {
  const deck = readBuiltDeckJson(
    siteDir,
    () =>
      new ExportError(
        `no built deck in ${siteDir} (index.html and deck.json): run the export without --no-build, or \`npm run build\` first`,
      ),
  );
  if (!Array.isArray(deck.slides) || typeof deck.slug !== 'string')
    throw new ExportError(
      `${path.join(siteDir, 'deck.json')} is not a deck.json this export understands: rebuild the deck`,
    );
  return deck;
}

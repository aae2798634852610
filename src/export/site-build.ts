import { existsSync, renameSync, rmSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'vite';
import { readDeckJson as readBuiltDeckJson } from '../deck-json-file.ts';
import type { DeckJson } from '../model.ts';
import { forgetTemporary, trackTemporary } from './atomic-write.ts';
import { DeckBuildError, ExportError } from './errors.ts';

/**
 * The site is built into a staging folder beside the output folder, the exports are written
 * there, and only when everything succeeded does the staging folder replace the output folder.
 * So a broken deck, a failed print or Ctrl-C leaves the previous site and PDFs as they were,
 * and Vite's emptyOutDir never deletes the previous PDFs.
 */
export function stagingDirFor(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.export-${process.pid}`);
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

/** Vite's logger, quiet except for the deck's warnings (the export prints errors itself). */
function exportLogger(createLogger: typeof import('vite').createLogger, warn: (line: string) => void): Logger {
  const logger = createLogger('warn');
  // The bundle-size hint is for the engine's developers, not for someone exporting a talk.
  const relevant = (msg: string) => !/chunks are larger than/.test(msg);
  logger.warn = (msg) => relevant(msg) && warn(msg);
  logger.warnOnce = (msg) => relevant(msg) && warn(msg);
  logger.error = () => {};
  return logger;
}

/** Runs the deck's Vite build into `stagingDir` (created fresh, removed if the process dies). */
export async function buildSite(projectDir: string, stagingDir: string, warn: (line: string) => void): Promise<void> {
  rmSync(stagingDir, { recursive: true, force: true });
  trackTemporary(stagingDir);
  // Loaded here, not at start-up: an export that reuses the last build never needs Vite or the compiler.
  const [{ build, createLogger }, { deckViteConfig }] = await Promise.all([
    import('vite'),
    import('../vite/config.ts'),
  ]);
  try {
    await build({
      configFile: false,
      customLogger: exportLogger(createLogger, warn),
      ...deckViteConfig({ projectDir, outDir: stagingDir }),
    });
  } catch (err) {
    throw deckErrorOf(err) ?? err;
  }
}

/** Copies earlier exports that this run does not redo into the staging folder, so the swap keeps them. */
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
 * Puts the staging folder in place of the output folder. Synchronous on purpose: no signal
 * handler can run between the two renames, so the output folder is never left missing.
 */
export function publishSite(stagingDir: string, outDir: string): void {
  const previous = path.join(path.dirname(outDir), `.${path.basename(outDir)}.previous-${process.pid}`);
  const hadPrevious = existsSync(outDir);
  if (hadPrevious) renameSync(outDir, previous);
  try {
    renameSync(stagingDir, outDir);
  } catch (err) {
    if (hadPrevious) renameSync(previous, outDir);
    throw err;
  }
  forgetTemporary(stagingDir);
  if (hadPrevious) rmSync(previous, { recursive: true, force: true });
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

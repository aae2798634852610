import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_STAMP_FILE, sha256, stampText, type BuildStamp, type PreviousBuild } from './build-stamp.ts';
import type { Precompiled } from '../vite/plugin.ts';
import { DeckBuildError } from './errors.ts';
import { loadSiteCompile } from './site-compile-loader.ts';

/**
 * A build after an edit that cannot change what Vite makes. Vite's output (the page's script
 * and styles, fonts, the slides' images, public/) is a function of the engine, the project's
 * files other than the slides' markdown, and what the deck:slides plugin hands it (its virtual
 * modules, the page without the slides, the assets the slides name: vite/page-inputs.ts). When
 * the last build in the output folder recorded all of these (build-stamp.ts) and they are the
 * same now, the deck is compiled again and only what depends on the slides is written anew:
 * index.html (the slides joined into Vite's page, as the plugin does after Vite's HTML step),
 * deck.json and the stamp; every other file is copied from the last build after its digest is
 * checked. The result is byte for byte what a full build would write
 * (test/export/site-update.test.ts holds that).
 */

/** The files a build writes itself, besides Vite's. */
const OWN_FILES = new Set(['index.html', 'deck.json', BUILD_STAMP_FILE]);

/** A path a stamp may name: relative, normalised, inside the folder, and not one of our own files. */
function isSafeEntry(file: string): boolean {
  return (
    file !== '' &&
    !OWN_FILES.has(file) &&
    !path.posix.isAbsolute(file) &&
    !file.includes('\\') &&
    !file.includes('\0') &&
    path.posix.normalize(file) === file &&
    !file.split('/').some((part) => part === '..' || part === '.' || part === '')
  );
}

/** Writes a file; a failure (a full disk) names the file, as Node's own errors for an open do. */
function writeNamed(file: string, bytes: string | Uint8Array): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && e.path === undefined) e.path = file;
    throw err;
  }
}

export interface UpdateOptions {
  projectDir: string;
  /** @default "slides" */
  slidesDir?: string;
  /** The output folder holding the last build. */
  outDir: string;
  /** An empty folder the new site is written into. */
  stagingDir: string;
  warn: (line: string) => void;
  strict: boolean;
  previous: PreviousBuild;
}

/**
 * What came of it: the site written, with its stamp; or a full build needed, with the compile
 * already done when there was one (the full build then uses it rather than compiling again).
 */
export type UpdateResult = { done: true; stamp: BuildStamp } | { done: false; compiled: Precompiled | null };

/**
 * Writes the new site into `stagingDir` reusing Vite's part of the last build; says when that
 * cannot be done (no usable record, an input of Vite's changed, a file of the last build is
 * missing or altered): the caller then builds in full. A deck error throws, as the full build
 * would (file:line:column and a code frame).
 */
export async function updateSite(options: UpdateOptions): Promise<UpdateResult> {
  const full = { done: false, compiled: null } as const;
  const { projectDir, outDir, stagingDir, previous } = options;
  const record = previous.stamp?.vite;
  if (!record || !previous.digest || !previous.site || previous.stamp?.site !== previous.site) return full;
  if (!Object.keys(record.files).every(isSafeEntry)) return full;
  // Loaded only now: an export that reuses the whole site never needs the compiler.
  const compiler = await loadSiteCompile();
  const { loadDeck, fillSections, deckJsonText, deckErrorFrame, deckWarningLine, deckPublicDir, isDeckError } =
    compiler;
  const inputs = compiler;
  // The same compile as the plugin's at build time: the same asset names, the same strictness.
  const assets = new Map<string, string>();
  const assetUrl = (projectPath: string): string => {
    const fileName = inputs.assetFileName(path.resolve(projectDir, projectPath));
    assets.set(projectPath, fileName);
    return `./${fileName}`;
  };
  let result;
  try {
    result = loadDeck(path.resolve(projectDir, options.slidesDir ?? 'slides'), {
      root: projectDir,
      assetUrl,
      strict: options.strict,
      // The same engine made it: the stamp's site digest, which covers the engine, matched above.
      ...(previous.stamp?.memo ? { memo: previous.stamp.memo } : {}),
    });
  } catch (err) {
    if (!isDeckError(err)) throw err;
    throw new DeckBuildError(err.message.split('\n')[0] ?? err.message, deckErrorFrame(err, projectDir));
  }
  const template = readFileSync(inputs.TEMPLATE_FILE, 'utf8');
  const { page, lateSections } = inputs.pageForVite(template, result, inputs.deckIcon(deckPublicDir(projectDir)));
  const compiled = { done: false, compiled: { result, assets } } as const;
  if (!lateSections || inputs.pageInputsDigest(page, result, projectDir, assets) !== record.inputs) return compiled;

  // Vite's files, as the last build wrote them: each one checked against its recorded digest.
  const copies: [string, Buffer][] = [];
  for (const [file, digest] of Object.entries(record.files)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(outDir, ...file.split('/')));
    } catch {
      return compiled;
    }
    if (sha256(bytes) !== digest) return compiled;
    copies.push([file, bytes]);
  }
  for (const [file, bytes] of copies) writeNamed(path.join(stagingDir, ...file.split('/')), bytes);
  writeNamed(path.join(stagingDir, 'index.html'), fillSections(record.shell, result.sectionsHtml));
  writeNamed(path.join(stagingDir, 'deck.json'), deckJsonText(result.deck));
  const stamp: BuildStamp = { inputs: previous.digest, site: previous.site, vite: record, memo: result.memo };
  writeNamed(path.join(stagingDir, BUILD_STAMP_FILE), stampText(stamp));
  // The warnings a full build would give, in its order: the deck's, then Vite's own.
  for (const w of result.warnings) options.warn(deckWarningLine(w));
  for (const line of record.warnings) options.warn(line);
  return { done: true, stamp };
}

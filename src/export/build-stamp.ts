import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CompileMemo } from '../compile.ts';
import { isCiterRecord } from '../citations/memo-citer.ts';
import { isRenderRecords } from '../render/memo.ts';
import { engineDir } from '../vite/engine-dir.ts';

/**
 * What a build records about itself in the site, for the next build. The export skips the
 * build when the site was built from exactly the same inputs (the deck's folders and the
 * engine); a build after an edit of the slides alone reuses Vite's part of the site
 * (export/site-update.ts) when its record says what Vite was given and which files it wrote.
 * Anything else that writes the folder leaves no matching stamp, so the next build is a full one.
 */
export const BUILD_STAMP_FILE = 'deck-build.json';

/** Vite's part of a built site: what it was given and what it made. */
export interface ViteRecord {
  /** pageInputsDigest() of what the deck:slides plugin gave Vite. */
  inputs: string;
  /** Vite's page with the slides' marker still in it. */
  shell: string;
  /** Every other file Vite wrote (bundles, fonts, the slides' images, public/): posix path → sha256. */
  files: Record<string, string>;
  /** Vite's own warnings (a stylesheet it could not read), said again when the part is reused. */
  warnings: string[];
}

export interface BuildStamp {
  /** Digest of every input: the deck's folders, the engine, the dependency versions. */
  inputs: string;
  /** The same without the slides' markdown files: what Vite's output can depend on besides the plugin's inputs. */
  site: string;
  /** Null when the slides went through Vite (then nothing can be reused after an edit). */
  vite: ViteRecord | null;
  /**
   * The compile's slides and citations, for the next compile by the same engine to reuse
   * (compile.ts): only used when `site` matches, so the engine is the same.
   */
  memo?: CompileMemo | null;
}

/** Past this many files the project is not a deck folder we can cheaply vouch for: always build. */
const MAX_FILES = 5000;

/**
 * Every file under `dir` (recursively) as paths relative to `base`, sorted, leaving out
 * node_modules, dot-entries (.git, the export's staging folders) and the folders in `skip`;
 * null when there are more than MAX_FILES.
 */
function filesUnder(dir: string, base: string, skip: readonly string[]): string[] | null {
  const out: string[] = [];
  const todo = [dir];
  while (todo.length > 0) {
    const current = todo.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(full)) todo.push(full);
      } else if (entry.isFile()) {
        out.push(path.relative(base, full));
        if (out.length > MAX_FILES) return null;
      }
    }
  }
  return out.sort();
}

/** sha256 of bytes, hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Packages whose installed version shapes the built page: Vite and its bundler, and what the page bundles. */
const PAGE_PACKAGES = [
  'vite',
  'rolldown',
  'lightningcss',
  'reveal.js',
  '@fontsource/atkinson-hyperlegible',
  'katex',
  'highlight.js',
];

/**
 * The installed package.json of each of PAGE_PACKAGES, found as Node would from the engine
 * (some packages do not export their package.json, so the folders are searched directly).
 */
function packageManifests(engineRoot: string): [string, string][] {
  const require = createRequire(path.join(engineRoot, 'package.json'));
  return PAGE_PACKAGES.map((name): [string, string] => {
    for (const dir of require.resolve.paths(name) ?? []) {
      const file = path.join(dir, name, 'package.json');
      if (existsSync(file)) return [name, sha256(readFileSync(file))];
    }
    return [name, 'missing'];
  });
}

/** The slides' markdown files, as readSlideFiles() finds them: project-relative paths. */
function slideSources(projectDir: string, slidesDir: string, publicDir: string, files: readonly string[]): Set<string> {
  const slides = path.resolve(projectDir, slidesDir);
  const single = existsSync(slides) && statSync(slides).isFile();
  const inPublic = (abs: string) => !path.relative(publicDir, abs).startsWith('..');
  return new Set(
    files.filter((file) => {
      const abs = path.join(projectDir, file);
      // A file Vite copies as it is (public/) is Vite's input whatever it holds.
      if (inPublic(abs)) return false;
      if (single) return abs === slides;
      const name = path.basename(abs);
      return path.dirname(abs) === slides && name.endsWith('.md') && !name.startsWith('.');
    }),
  );
}

/** A stylesheet that makes Vite read a `.md` file: `url(….md)` or `@import "….md"` (a mere mention in a comment does not). */
const CSS_READS_MARKDOWN = /url\(\s*['"]?[^'")]*\.md\b|@import\s+(?:url\(\s*)?['"][^'"]*\.md\b/i;

/**
 * Digests of what the built site can depend on: every file of the project folder (the deck may
 * read any file inside it; node_modules, dot-folders and the output folder aside), every file of
 * the engine's source folder, the engine's package.json and lock file, and the installed
 * versions of the packages that shape the page. Names and contents both count, so a renamed or
 * deleted file changes them. `site` leaves out the slides' markdown files, which reach Vite only
 * through the compiled deck, unless a stylesheet of the project points at a `.md` file (Vite would
 * then read it itself). Null when the project is too large to vouch for: then it always builds.
 */
export function buildDigests(
  projectDir: string,
  engineDir: string,
  outDir: string,
  slidesDir = 'slides',
  publicDir = path.join(projectDir, 'public'),
): { inputs: string; site: string } | null {
  const engineRoot = path.dirname(engineDir);
  const project = filesUnder(projectDir, projectDir, [outDir, engineDir]);
  const engine = filesUnder(engineDir, engineDir, []);
  if (!project || !engine) return null;
  // Each file read once: its digest, and for a stylesheet whether it makes Vite read markdown.
  let cssNamesMarkdown = false;
  const projectDigests = project.map((file): [string, string] => {
    const bytes = readFileSync(path.join(projectDir, file));
    if (/\.css$/i.test(file) && CSS_READS_MARKDOWN.test(bytes.toString('latin1'))) cssNamesMarkdown = true;
    return [file, sha256(bytes)];
  });
  const slides = cssNamesMarkdown ? new Set<string>() : slideSources(projectDir, slidesDir, publicDir, project);
  const packages = ['package.json', 'package-lock.json'].filter((f) => existsSync(path.join(engineRoot, f)));
  const engineDigests: [string, string][] = [
    ...engine.map((file): [string, string] => [file, sha256(readFileSync(path.join(engineDir, file)))]),
    ...packages.map((file): [string, string] => [`../${file}`, sha256(readFileSync(path.join(engineRoot, file)))]),
    ...packageManifests(engineRoot).map(([name, digest]): [string, string] => [`package:${name}`, digest]),
  ];
  const digest = (groups: [string, [string, string][]][]): string => {
    const hash = createHash('sha256');
    for (const [name, files] of groups) {
      hash.update(`${name}\0${files.length}\0`);
      for (const [file, sha] of files) hash.update(`${file}\0${sha}\0`);
    }
    return hash.digest('hex');
  };
  const slideRel = path.relative(projectDir, path.resolve(projectDir, slidesDir));
  return {
    inputs: digest([
      ['project', projectDigests],
      ['engine', engineDigests],
    ]),
    site: digest([
      ['slides', [[slideRel, cssNamesMarkdown ? 'read by a stylesheet' : 'compiled']]],
      ['project', projectDigests.filter(([file]) => !slides.has(file))],
      ['engine', engineDigests],
    ]),
  };
}

/** The digest of every input (see buildDigests). */
export function buildInputsDigest(projectDir: string, engineDir: string, outDir: string): string | null {
  return buildDigests(projectDir, engineDir, outDir)?.inputs ?? null;
}

/** The stamp of the site in `siteDir`, if it has a complete one. */
export function readBuildStamp(siteDir: string): BuildStamp | null {
  try {
    if (!existsSync(path.join(siteDir, 'index.html')) || !existsSync(path.join(siteDir, 'deck.json'))) return null;
    const stamp = JSON.parse(readFileSync(path.join(siteDir, BUILD_STAMP_FILE), 'utf8')) as Partial<BuildStamp>;
    if (typeof stamp.inputs !== 'string' || typeof stamp.site !== 'string') return null;
    const vite = stamp.vite;
    const record =
      vite &&
      typeof vite.inputs === 'string' &&
      typeof vite.shell === 'string' &&
      vite.files &&
      typeof vite.files === 'object' &&
      Object.values(vite.files).every((v) => typeof v === 'string') &&
      Array.isArray(vite.warnings) &&
      vite.warnings.every((w) => typeof w === 'string')
        ? vite
        : null;
    const memo = stamp.memo;
    const usable =
      memo &&
      typeof memo === 'object' &&
      isRenderRecords(memo.renders) &&
      (memo.citer === null || isCiterRecord(memo.citer))
        ? memo
        : null;
    return { inputs: stamp.inputs, site: stamp.site, vite: record, memo: usable };
  } catch {
    return null;
  }
}

/** True when `siteDir` holds a complete site stamped with `digest`. */
export function siteIsCurrent(siteDir: string, digest: string): boolean {
  return readBuildStamp(siteDir)?.inputs === digest;
}

/** The stamp's bytes. */
export function stampText(stamp: BuildStamp): string {
  return `${JSON.stringify(stamp)}\n`;
}

/** Records how the site in `siteDir` was built. */
export function writeBuildStamp(siteDir: string, stamp: BuildStamp): void {
  writeFileSync(path.join(siteDir, BUILD_STAMP_FILE), stampText(stamp));
}

/** What a build can know of the last one before it starts. */
export interface PreviousBuild {
  /** Digest of every input now; null when the project is too large to vouch for. */
  digest: string | null;
  /** The same without the slides' markdown (see buildDigests). */
  site: string | null;
  /** The output folder holds a complete site built from exactly these inputs. */
  current: boolean;
  /** The output folder's stamp, if any. */
  stamp: BuildStamp | null;
}

/** Whether the export may reuse the site in `outDir`, and the digests to stamp a new build with. */
export function previousBuild(projectDir: string, outDir: string, slidesDir?: string): PreviousBuild {
  const digests = buildDigests(projectDir, engineDir, outDir, slidesDir);
  const stamp = readBuildStamp(outDir);
  return {
    digest: digests?.inputs ?? null,
    site: digests?.site ?? null,
    current: digests !== null && stamp?.inputs === digests.inputs,
    stamp,
  };
}

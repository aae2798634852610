import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { OutputRefusedError } from './errors.ts';

/**
 * Where the commands may write. An output folder is data from the command line: before anything
 * is built, it is resolved to its real location (symlinks included) and refused when writing
 * there could destroy the user's work: the project itself, a folder that holds it, or the
 * folders of its sources. Inside an accepted folder, the tool replaces only what its manifest
 * says it wrote.
 */

/** The folders of a project that hold the user's work or the tools: never an output, never inside one. */
export const PROTECTED_FOLDERS = ['slides', 'src', 'public', 'test', '.git', 'node_modules'] as const;

/** The manifest: the top-level entries of the output folder that the tool wrote. */
export const MANIFEST_NAME = '.deck-manifest.json';
const GENERATOR = 'border-control-deck';

/** The real path of `p`, even when its tail does not exist yet: the nearest existing ancestor's real path, plus the rest. */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return abs;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** "dist/" relative to the project when it is inside, else the absolute path. */
export function shownPath(p: string, projectDir: string): string {
  const rel = path.relative(projectDir, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `${rel}/` : p;
}

export interface GuardOptions {
  /** Project root (holding slides/). */
  projectDir: string;
  /** The deck's folder when it is not `slides/`. */
  slidesDir?: string;
  /** More folders that are inputs of this command (smoke: the built deck it checks). */
  inputs?: readonly string[];
  /** The option that named the folder, for the message: "--out-dir". */
  option: string;
}

/**
 * Throws OutputRefusedError when `outDir` is the project root or holds it, or is, holds or sits
 * inside one of its source folders (slides/, src/, public/, test/, .git, node_modules) or
 * another input. Paths are compared by their real location, so a symlink changes nothing.
 */
export function refuseOverlap(outDir: string, options: GuardOptions): void {
  const out = realPathOf(outDir);
  const root = realPathOf(options.projectDir);
  const shown = shownPath(path.resolve(outDir), path.resolve(options.projectDir));
  const fix = `choose a folder of its own, such as dist/ (the default)`;
  if (out === root)
    throw new OutputRefusedError(
      `${options.option} ${shown} is the project folder itself: writing there would replace the deck's sources; ${fix}`,
    );
  if (isInside(root, out))
    throw new OutputRefusedError(
      `${options.option} ${shown} holds the project folder ${root}: writing there could replace the deck's sources; ${fix}`,
    );
  const sources = [
    ...PROTECTED_FOLDERS.map((name) => path.join(root, name)),
    ...(options.slidesDir ? [realPathOf(options.slidesDir)] : []),
  ];
  // Other inputs (a built deck being checked) may hold an output folder, never be or sit inside one.
  const inputs = (options.inputs ?? []).map(realPathOf);
  for (const folder of [...sources, ...inputs]) {
    const name = shownPath(folder, root);
    if (out === folder)
      throw new OutputRefusedError(
        `${options.option} ${shown}${shown === name ? '' : ` is ${name}, which`} holds your work; ${fix}`,
      );
    if (isInside(folder, out))
      throw new OutputRefusedError(`${options.option} ${shown} holds ${name}, which holds your work; ${fix}`);
    if (sources.includes(folder) && isInside(out, folder))
      throw new OutputRefusedError(`${options.option} ${shown} is inside ${name}, which holds your work; ${fix}`);
  }
}

/** What the tool may replace in an output folder. */
export interface Ownership {
  /** Top-level names the tool wrote there ("index.html", "assets", …). */
  owned: Set<string>;
  /** Every entry now in the folder (none when it does not exist yet). */
  entries: string[];
}

interface Manifest {
  generator: string;
  files: string[];
}

function readManifest(dir: string): Set<string> | null {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8')) as Partial<Manifest>;
    if (m.generator !== GENERATOR || !Array.isArray(m.files)) return null;
    return new Set(m.files.filter((f): f is string => typeof f === 'string' && !f.includes('/') && f !== '..'));
  } catch {
    return null;
  }
}

/** The manifest's text for a folder holding `entries` (written last, so it never lists what is not there). */
export function manifestText(entries: Iterable<string>): string {
  const files = [...new Set(entries)].filter((e) => e !== MANIFEST_NAME && !isStagingName(e)).sort();
  return `${JSON.stringify({ generator: GENERATOR, files } satisfies Manifest, null, 2)}\n`;
}

/** Our own working folders and files inside an output folder (staging, previous, temp files). */
export function isStagingName(name: string): boolean {
  return stagingPid(name) !== null;
}

/** The pid of the run that made a working folder or temporary file (`.deck-staging-PID`, `.x.pdf.PID-hex.tmp`). */
export function stagingPid(name: string): number | null {
  const m = /^\.deck-(?:staging|previous)-(\d+)$/.exec(name) ?? /^\..+\.(\d+)-[0-9a-f]+\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * Which entries of `outDir` the tool may replace. A missing or empty folder is ours to fill; a
 * folder with our manifest is ours for what the manifest lists; a folder built before manifests
 * existed (index.html and deck.json, no manifest) is taken as a whole build. Anything else, a
 * folder of someone else's files, is refused: the tool never empties a folder it did not make.
 */
export function ownership(outDir: string, option: string, projectDir: string): Ownership {
  const shown = shownPath(path.resolve(outDir), path.resolve(projectDir));
  if (!existsSync(outDir)) return { owned: new Set(), entries: [] };
  if (!statSync(outDir).isDirectory())
    throw new OutputRefusedError(`${option} ${shown.replace(/\/$/, '')} is a file, not a folder; choose a folder`);
  const entries = readdirSync(outDir).filter((e) => !isStagingName(e));
  const listed = readManifest(outDir);
  if (listed) return { owned: listed, entries };
  if (entries.length === 0) return { owned: new Set(), entries };
  const isEarlierBuild = ['index.html', 'deck.json'].every((f) => {
    try {
      return lstatSync(path.join(outDir, f)).isFile();
    } catch {
      return false;
    }
  });
  if (isEarlierBuild) return { owned: new Set(entries), entries };
  const sample = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
  throw new OutputRefusedError(
    `${option} ${shown} already holds files this tool did not write (${sample}); it never empties a folder it did not make: choose a new or empty folder, or move those files away`,
  );
}

/** Refuses to replace an entry of the folder that is not the tool's (a file of the user's named like one of ours). */
export function refuseForeign(outDir: string, names: Iterable<string>, own: Ownership, option: string): void {
  for (const name of names) {
    if (name === MANIFEST_NAME || own.owned.has(name) || !own.entries.includes(name)) continue;
    throw new OutputRefusedError(
      `${option} ${outDir} holds ${name}, which this tool did not write and would have to replace: move it away or choose another folder`,
    );
  }
}

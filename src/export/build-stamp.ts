import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { engineDir } from '../vite/engine-dir.ts';

/**
 * The export skips the Vite build when the site in the output folder was built by the export
 * from exactly the same inputs: the deck's folders and the engine (its source and the locked
 * dependency versions). The site records a digest of those inputs in this file; anything else
 * that writes the folder (`npm run build`, a hand edit of the stamp) leaves no matching stamp,
 * so the export builds again.
 */
export const BUILD_STAMP_FILE = 'deck-build.json';

interface BuildStamp {
  inputs: string;
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

/**
 * Digest of what the built site can depend on: every file of the project folder (the deck may
 * read any file inside it; node_modules, dot-folders and the output folder aside), every file of
 * the engine's source folder, and the engine's package.json and lock file (dependency versions).
 * Names and contents both count, so a renamed or deleted file changes it. Null when the project
 * is too large to vouch for: then the export always builds.
 */
export function buildInputsDigest(projectDir: string, engineDir: string, outDir: string): string | null {
  const hash = createHash('sha256');
  const engineRoot = path.dirname(engineDir);
  const project = filesUnder(projectDir, projectDir, [outDir, engineDir]);
  const engine = filesUnder(engineDir, engineDir, []);
  if (!project || !engine) return null;
  const groups: [string, string, string[]][] = [
    ['project', projectDir, project],
    ['engine', engineDir, engine],
    ['packages', engineRoot, ['package.json', 'package-lock.json'].filter((f) => existsSync(path.join(engineRoot, f)))],
  ];
  for (const [name, root, files] of groups) {
    hash.update(`${name}\0${files.length}\0`);
    for (const file of files) {
      const bytes = readFileSync(path.join(root, file));
      hash.update(`${file}\0${bytes.length}\0`);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}

/** True when `siteDir` holds a complete site stamped with `digest`. */
export function siteIsCurrent(siteDir: string, digest: string): boolean {
  try {
    if (!existsSync(path.join(siteDir, 'index.html')) || !existsSync(path.join(siteDir, 'deck.json'))) return false;
    const stamp = JSON.parse(readFileSync(path.join(siteDir, BUILD_STAMP_FILE), 'utf8')) as Partial<BuildStamp>;
    return stamp.inputs === digest;
  } catch {
    return false;
  }
}

/** Records that the site in `siteDir` was built from inputs with `digest`. */
export function writeBuildStamp(siteDir: string, digest: string): void {
  const stamp: BuildStamp = { inputs: digest };
  writeFileSync(path.join(siteDir, BUILD_STAMP_FILE), `${JSON.stringify(stamp)}\n`);
}

/** The engine's source folder (src/), whichever deck is built: the same folder vite/config.ts builds from. */

/** Whether the export may reuse the site in `outDir`, and the digest to stamp a new build with. */
export function previousBuild(projectDir: string, outDir: string): { digest: string | null; current: boolean } {
  const digest = buildInputsDigest(projectDir, engineDir, outDir);
  return { digest, current: digest !== null && siteIsCurrent(outDir, digest) };
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Loads site-compile.ts: from the one-file bundle `npm run compile` writes beside it
 * (site-compile.bundle.js, by src/launch/bundle-compile.mjs) when the bundle is current, else
 * module by module. Current means every file it was made from is still as it was: a lib/
 * compiled again by `tsc -b` alone, or libraries installed at other versions, must not run old
 * code. The bundle's manifest lists those files (the engine's relative to the bundle's folder,
 * a library's as `npm:<package>:<path>`, found where Node would find the package) with their
 * size, date and sha256; a date that differs (a package unpacked by npm) is settled by the digest.
 */

/** The manifest `bundle-compile.mjs` writes beside the bundle. */
export interface BundleManifest {
  files: [file: string, size: number, mtimeMs: number, sha256: string][];
}

export const BUNDLE_FILE = 'site-compile.bundle.js';
export const MANIFEST_FILE = 'site-compile.bundle.json';

/** Whether the bundle in `dir` was made from the files now on disk. */
export function bundleIsCurrent(dir: string): boolean {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as BundleManifest;
    statSync(path.join(dir, BUNDLE_FILE));
  } catch {
    return false;
  }
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) return false;
  const require = createRequire(path.join(dir, 'package.json'));
  const packageDirs = new Map<string, string | null>();
  const packageDir = (name: string): string | null => {
    if (!packageDirs.has(name)) {
      const found = (require.resolve.paths(name) ?? []).find((d) => existsSync(path.join(d, name, 'package.json')));
      packageDirs.set(name, found ? path.join(found, name) : null);
    }
    return packageDirs.get(name)!;
  };
  for (const entry of manifest.files) {
    if (!Array.isArray(entry) || entry.length !== 4) return false;
    const [file, size, mtimeMs, sha] = entry;
    const lib = /^npm:((?:@[^/:]+\/)?[^/:]+):(.+)$/.exec(String(file));
    const base = lib ? packageDir(lib[1]!) : dir;
    if (base === null) return false;
    const full = path.resolve(base, lib ? lib[2]! : String(file));
    try {
      const stat = statSync(full);
      if (stat.size !== size) return false;
      if (stat.mtimeMs === mtimeMs) continue;
      if (createHash('sha256').update(readFileSync(full)).digest('hex') !== sha) return false;
    } catch {
      return false;
    }
  }
  return true;
}

type SiteCompile = typeof import('./site-compile.ts');

/** The compiler and the page helpers of a build after an edit. */
export async function loadSiteCompile(): Promise<SiteCompile> {
  // Run from src/ (tsx, Vitest) there is no bundle: the modules themselves.
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith('.js') && bundleIsCurrent(here)) {
    try {
      return (await import(new URL(`./${BUNDLE_FILE}`, import.meta.url).href)) as SiteCompile;
    } catch {
      // A bundle that does not load (a library it left out is gone): the modules, as without one.
    }
  }
  return import('./site-compile.ts');
}

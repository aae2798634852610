/**
 * Whether the compiled commands in lib/ are as new as their sources, decided from modification
 * times alone (the same evidence `tsc -b` itself uses for "up to date"), in a few milliseconds,
 * where starting the TypeScript compiler just to hear "nothing to do" costs a third of a second.
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written into lib/ after each compile, dated when that compile began. */
export const STAMP_NAME = '.compiled-stamp';

/** What the compile reads besides the files under src/: the project's compiler settings. */
const SETTINGS = ['tsconfig.json', 'package.json'];

/**
 * The latest modification time under `dir`, folders included: a deleted or renamed file
 * changes its folder's time, an edit changes the file's.
 * @param {string} dir
 * @returns {number}
 */
function newestUnder(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * True when lib/ holds a compile that began after the last change to src/ (every file and
 * folder in it) and to the compiler settings; false when anything is newer, or nothing was
 * stamped (lib/ missing, compiled by `tsc -b` alone, or by an older checkout).
 * @param {string} root the project folder, holding src/ and lib/
 * @returns {boolean}
 */
export function libIsFresh(root) {
  let stamped;
  try {
    stamped = statSync(path.join(root, 'lib', STAMP_NAME)).mtimeMs;
    statSync(path.join(root, 'lib', 'cli', 'deck.js'));
  } catch {
    return false;
  }
  let newest = newestUnder(path.join(root, 'src'));
  for (const name of SETTINGS) {
    try {
      newest = Math.max(newest, statSync(path.join(root, name)).mtimeMs);
    } catch {
      // a setting the project does not have
    }
  }
  return newest < stamped;
}

/**
 * Records a compile that began at `startedMs`: a source saved while it ran is newer than the
 * stamp, so the next run compiles again.
 * @param {string} root
 * @param {number} startedMs
 */
export function stampCompile(root, startedMs) {
  const stamp = path.join(root, 'lib', STAMP_NAME);
  writeFileSync(stamp, "lib/ was compiled from src/ as it was at this file's modification time\n");
  utimesSync(stamp, startedMs / 1000, startedMs / 1000);
}

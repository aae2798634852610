import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The cache tsx (the TypeScript runner the tests start the CLI with) keeps in the temp folder
 * and reuses from run to run: one per user, not litter. It goes with the run's folder.
 */
export const TSX_CACHE = `tsx-${process.geteuid?.() ?? os.userInfo().username}`;

/** Set while a run's private temp folder is in place, so that the first project's setup makes it and the others keep it. */
const OWNER = 'DECK_TEST_PRIVATE_TMPDIR';

/**
 * Gives the whole test run a temp folder of its own and fails the run if anything is left in it
 * at the end. A global setup runs before the test workers start, and they (and every process
 * they start: our CLI, Chromium) take their temp folder from TMPDIR, so all that the tests, the
 * code under test and the browsers make in "the temp folder" lands here; nothing another
 * process on the machine does can reach it. Each project lists this first; the first to run
 * makes the folder and its teardown, run after every test of every project, checks it.
 */
export default function setup(): (() => void) | undefined {
  if (process.env[OWNER]) return undefined;
  const parent = process.env.TMPDIR;
  // Short, since Chromium puts a Unix socket under it (a socket's path may not pass ~107 bytes).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deck-test-'));
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  process.env[OWNER] = dir;
  return () => {
    if (parent === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = parent;
    delete process.env[OWNER];
    const left = readdirSync(dir)
      .filter((name) => name !== TSX_CACHE)
      .sort();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    if (left.length === 0) return;
    // A teardown's error is only logged by Vitest: the exit code is what fails `npm test`.
    process.exitCode = 1;
    const shown = left.slice(0, 20).join(', ') + (left.length > 20 ? `, … (${left.length} in all)` : '');
    console.error(
      `\nFAIL the tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temp folder: ${shown}\n` +
        '  (removed now) a test that makes a temp folder should use tempDir() from test/helpers/temp-dir.ts\n',
    );
  };
}

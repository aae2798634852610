import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/** Folders made outside a test (a beforeAll, a describe body): removed when the test file is done. */
const forTheFile = new Set<string>();

function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

// Registered while the test file that imports this is collected, so it runs after the file's own
// afterAll hooks (they run in reverse order): a file's last hook may still use its folders.
// Outside a test worker (a global setup, a benchmark run by tsx) there is no file to hook into.
if (process.env.VITEST_WORKER_ID !== undefined) {
  afterAll(() => {
    for (const dir of forTheFile) remove(dir);
    forTheFile.clear();
  });
}

/**
 * A fresh folder in the temp folder (`prefix` then six random characters) that removes itself:
 * made inside a test, when that test finishes (passed or failed); made anywhere else in a test
 * file, when the file's tests are done. So no test run leaves it behind; the run checks that
 * (test/helpers/private-tmp.ts). Outside Vitest, the caller removes it.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    onTestFinished(() => remove(dir));
  } catch {
    // not inside a test
    forTheFile.add(dir);
  }
  return dir;
}

/**
 * chromium/: finds, launches and closes the browser, and serves a folder over http: shared by
 * export/ and smoke/ (and the tests), below them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { findBrowser } from './find-browser.ts';

/** Flags for a quiet headless Chromium on a closed network (no background fetches, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

/** Browsers we launched, with the profile folder each one uses. */
const open = new Map<Browser, string>();

/** Best effort: a profile Chromium is still flushing may resist once; never let clean-up crash a run. */
function removeProfile(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    /* left for the OS's temp clean-up */
  }
}
let handlersInstalled = false;

/** Closes every browser we launched when the process is interrupted, so no Chromium is left behind. */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...open.keys()].map((b) => b.close())).finally(() => {
        for (const dir of open.values()) removeProfile(dir);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
  process.once('exit', () => {
    for (const [b, dir] of open) {
      b.process()?.kill('SIGKILL');
      removeProfile(dir);
    }
  });
}

/** Launches headless Chromium (found as findBrowser says) and tracks it for clean-up. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? findBrowser().executablePath;
  installSignalHandlers();
  // Our own profile folder, so that it is removed however the run ends (Ctrl-C included).
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'deck-chromium-'));
  const browser = await puppeteer.launch({
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
    executablePath,
    userDataDir,
  });
  open.set(browser, userDataDir);
  const child = browser.process();
  browser.once('disconnected', () => {
    open.delete(browser);
    if (options.userDataDir) return;
    // Chromium writes to its profile until its process has ended; remove it only then.
    if (child && child.exitCode === null && child.signalCode === null)
      child.once('exit', () => removeProfile(userDataDir));
    else removeProfile(userDataDir);
  });
  return browser;
}

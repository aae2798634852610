/**
 * chromium/: finds, launches and closes the browser, and serves a folder over http: shared by
 * export/ and smoke/ (and the tests), below them.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { CHROMIUM_ARGS, PROFILE_PREFIX } from './args.ts';
import { answerDialogs } from './dialogs.ts';
import { findBrowser } from './find-browser.ts';
import { isAlive } from './process-alive.ts';

export { CHROMIUM_ARGS, PROFILE_PREFIX } from './args.ts';

/** A temporary profile folder named for this process, so a later run can tell when its owner is gone. */
export function makeProfileDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
}

/** Removes profile folders left in the temp folder by runs that were killed outright (their pid is gone). */
export function removeStaleProfiles(tmp = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(tmp);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^deck-(?:export-)?chromium-(\d+)-/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    removeProfile(path.join(tmp, name));
    removed.push(name);
  }
  return removed;
}

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

/**
 * Ends a browser and every process of its group now, synchronously: from an exit hook nothing
 * asynchronous runs any more. Puppeteer starts Chromium as the leader of its own group.
 */
export function killBrowserNow(browser: Browser): void {
  const child = browser.process();
  const pid = child?.pid;
  if (!pid) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

let handlersInstalled = false;

/**
 * However this process ends, no Chromium is left behind. On exit (an error, process.exit from a
 * signal handler) every browser is killed synchronously, before any other exit hook removes its
 * profile. On a signal with no other handler, we exit, which runs that hook. And if this process
 * is killed outright (SIGKILL, or a runner that relays Ctrl-C and kills a moment later), the
 * browser still ends: it is driven over a pipe and exits when the pipe closes.
 */
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.prependListener('exit', () => {
    for (const [b, dir] of open) {
      killBrowserNow(b);
      removeProfile(dir);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // A command that handles the signal itself (it prints what happened) exits on its own.
      if (process.listeners(signal).some((l) => l !== onSignal)) return;
      process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
    };
    process.on(signal, onSignal);
  }
}

/**
 * Launches headless Chromium (found as findBrowser says) and tracks it for clean-up. Every page
 * it opens answers dialogs at once (see dialogs.ts), so `alert()` in a slide never stalls a run.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? findBrowser().executablePath;
  installHandlers();
  // Our own profile folder, so that it is removed however the run ends (Ctrl-C included).
  const userDataDir = options.userDataDir ?? makeProfileDir();
  const browser = await puppeteer.launch({
    headless: true,
    args: CHROMIUM_ARGS,
    pipe: true,
    ...options,
    executablePath,
    userDataDir,
  });
  open.set(browser, userDataDir);
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args: Parameters<Browser['newPage']>) => {
    const page = await newPage(...args);
    await answerDialogs(page);
    return page;
  };
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

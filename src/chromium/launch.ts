/**
 * chromium/: finds, launches and closes the browser, and serves a folder over http: shared by
 * export/ and smoke/ (and the tests), below them.
 */
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { CHROMIUM_ARGS } from './args.ts';
import { answerDialogs } from './dialogs.ts';
import { findBrowser } from './find-browser.ts';
import { makeProfileDir, noteSocketDir, removeProfileQuietly as removeProfile } from './profile.ts';

export { CHROMIUM_ARGS, PROFILE_PREFIX } from './args.ts';
export { makeProfileDir, removeStaleProfiles } from './profile.ts';

/** Browsers we launched, with the profile folder each one uses. */
const open = new Map<Browser, string>();

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
  noteSocketDir(userDataDir);
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

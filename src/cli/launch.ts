import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { findBrowser } from './find-browser';

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

const open = new Set<Browser>();
let handlersInstalled = false;

/** Closes every browser we launched when the process is interrupted, so no Chromium is left behind. */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...open].map((b) => b.close())).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  process.once('exit', () => {
    for (const b of open) b.process()?.kill('SIGKILL');
  });
}

/** Launches headless Chromium (found as findBrowser says) and tracks it for clean-up. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath } = findBrowser();
  installSignalHandlers();
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, ...options });
  open.add(browser);
  browser.once('disconnected', () => open.delete(browser));
  return browser;
}

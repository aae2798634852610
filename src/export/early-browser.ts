import type { Browser } from 'puppeteer-core';

/** A browser whose launch began before it was needed: taken once, or discarded. */
export interface EarlyBrowser {
  /** The launched browser; whoever takes it closes it. */
  take(): Promise<Browser>;
  /** Closes the browser unless it was taken (a failed build); never throws. */
  discard(): Promise<void>;
}

/**
 * Starts launching the browser now, so that Chromium's start-up overlaps the work before the
 * first print (loading the build tools, the Vite build): on two cores Node's build and
 * Chromium's start each keep one busy. A failed launch surfaces when the browser is taken.
 */
export function launchEarly(launch: () => Promise<Browser>): EarlyBrowser {
  const launching = launch();
  launching.catch(() => {}); // reported by take(); not an unhandled rejection meanwhile
  let taken = false;
  return {
    take() {
      taken = true;
      return launching;
    },
    async discard() {
      if (taken) return;
      taken = true;
      const browser = await launching.catch(() => null);
      if (!browser) return;
      const pid = browser.process()?.pid;
      await browser.close().catch(() => {});
      if (pid && process.platform !== 'win32') {
        try {
          process.kill(-pid, 'SIGKILL'); // Chromium's helpers can outlive it by a moment
        } catch {
          // the group is already gone
        }
      }
    },
  };
}

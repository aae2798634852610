import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser } from '../../src/chromium/launch.ts';

/** One Chromium for a test file (the one the global setup found): launched before its tests, closed after. */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser({ executablePath: inject('executablePath') });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('the browser starts in beforeAll: use it inside a test or hook');
      return browser;
    },
  };
}

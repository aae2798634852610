/**
 * The launch flags and profile naming, apart from launch.ts so that a command can start
 * Chromium before it loads puppeteer (export/early-browser.ts).
 */

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

/** Prefix of the profile folders we make in the temp folder; the pid after it tells whose it is. */
export const PROFILE_PREFIX = 'deck-chromium-';

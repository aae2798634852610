import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { Plugin, ResolvedConfig } from 'vite';
import { findBrowser as findSystemBrowser } from '../chromium/find-browser.ts';
import { launchBrowser } from '../chromium/launch.ts';
import { PREVIEW_SIZE, previewImageName } from '../vite/link-preview.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { closeAll } from './print-pdfs.ts';
import { readDeckJson } from './site-build.ts';
import { openSlideView, shootPreview } from './slide-images.ts';

export interface LinkPreviewPluginOptions {
  /** Finds Chromium; by default as find-browser.ts says, but never installing one for a build. */
  findBrowser?: () => { executablePath: string };
  /** Seconds the page may take to start. @default 60 */
  timeoutSeconds?: number;
  /** A browser already starting (launched while the site was built); the preview closes it. */
  browser?: () => Promise<Browser>;
}

/**
 * `npm run build`'s link preview: after the site is written, the title slide photographed at
 * 1200×630 into `<slug>-preview.png`, which the page's Open Graph and Twitter tags name. Without
 * a browser (or when the page does not start) the build still succeeds and says the preview was
 * skipped; `npm run export` makes it with its own browser. Not part of the deck's Vite config,
 * so the export's build does not start a second browser.
 */
export function linkPreviewPlugin(options: LinkPreviewPluginOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'deck:link-preview',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const logger = config.logger;
      await makeLinkPreview(path.resolve(config.root, config.build.outDir), {
        ...options,
        info: (line) => logger.info(line, { timestamp: false }),
        warn: (line) => logger.warn(line, { timestamp: false }),
      });
    },
  };
}

/**
 * Photographs the title slide of the built site in `siteDir` into `<slug>-preview.png`, or says
 * through `warn` why it skipped it (no browser, a page that does not start): never an error.
 */
export async function makeLinkPreview(
  siteDir: string,
  options: LinkPreviewPluginOptions & { info(line: string): void; warn(line: string): void },
): Promise<void> {
  const skipped = (why: string) => options.warn(`deck: link preview skipped: ${why}; \`deck export\` makes it`);
  const t0 = performance.now();
  const launch =
    options.browser ??
    (() => {
      const find = options.findBrowser ?? (() => findSystemBrowser({ install: false, log: () => {} }));
      let executablePath: string;
      try {
        executablePath = find().executablePath;
      } catch {
        skipped('no Chrome or Chromium found');
        return Promise.resolve(null);
      }
      return launchBrowser({ executablePath });
    });
  const browser = await launch().catch((err: unknown) => {
    skipped(`the browser did not start (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    return null;
  });
  if (!browser) return;
  try {
    const deck = readDeckJson(siteDir);
    const view = await openSlideView(browser, siteDir, deck, { timeoutMs: (options.timeoutSeconds ?? 60) * 1000 });
    try {
      const png = await shootPreview(view, deck, PREVIEW_SIZE);
      await writeFileAtomic(path.join(siteDir, previewImageName(deck.slug)), png);
      options.info(
        `deck: link preview ${previewImageName(deck.slug)} (${PREVIEW_SIZE.width}×${PREVIEW_SIZE.height}) in ${Math.round(performance.now() - t0)} ms`,
      );
    } finally {
      await view.close();
    }
  } catch (err) {
    skipped(err instanceof Error ? err.message : String(err));
  } finally {
    await closeAll(browser);
  }
}

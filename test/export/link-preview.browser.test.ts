import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { build, createLogger } from 'vite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BrowserNotFoundError } from '../../src/chromium/find-browser.ts';
import { linkPreviewPlugin, type LinkPreviewPluginOptions } from '../../src/export/link-preview.ts';
import { deckViteConfig } from '../../src/vite/config.ts';
import { FIXTURE_DECK, fixtureProject } from './helpers/project.ts';

/** `npm run build` of the fixture deck with the link preview plugin; returns the warnings Vite printed. */
async function buildWithPreview(projectDir: string, options: LinkPreviewPluginOptions): Promise<string[]> {
  const warnings: string[] = [];
  const logger = createLogger('warn');
  logger.warn = (msg) => void warnings.push(msg);
  logger.warnOnce = (msg) => void warnings.push(msg);
  const config = deckViteConfig({ projectDir });
  await build({
    configFile: false,
    customLogger: logger,
    ...config,
    plugins: [...(config.plugins ?? []), linkPreviewPlugin(options)],
  });
  return warnings;
}

describe('npm run build: the link preview image', () => {
  const projects: string[] = [];
  afterAll(() => {
    for (const p of projects) rmSync(p, { recursive: true, force: true });
  });

  it('with a browser at hand, writes the 1200×630 title slide the page’s og:image names', async () => {
    const projectDir = fixtureProject(FIXTURE_DECK);
    projects.push(projectDir);
    const warnings = await buildWithPreview(projectDir, {
      findBrowser: () => ({ executablePath: inject('executablePath') }),
    });
    expect(warnings.filter((w) => /link preview/.test(w))).toEqual([]);
    const dist = path.join(projectDir, 'dist');
    const png = PNG.sync.read(readFileSync(path.join(dist, 'export-fixture-preview.png')));
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain(
      '<meta property="og:image" content="./export-fixture-preview.png" />',
    );
    // The slide is on it: the title's dark text, not only the background.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 100) dark++;
    expect(dark).toBeGreaterThan(1000);
  });

  it('without a browser, the build still succeeds and says the preview was skipped', async () => {
    const projectDir = fixtureProject(FIXTURE_DECK);
    projects.push(projectDir);
    const warnings = await buildWithPreview(projectDir, {
      findBrowser: () => {
        throw new BrowserNotFoundError();
      },
    });
    expect(warnings.join('\n')).toMatch(/link preview skipped: no Chrome or Chromium found/);
    const dist = path.join(projectDir, 'dist');
    expect(existsSync(path.join(dist, 'index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'export-fixture-preview.png'))).toBe(false);
  });
});

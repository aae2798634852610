import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CompileResult } from '../compile.ts';
import type { DeckRuntime } from '../contract/page.ts';
import { highlightThemeFile, KATEX_CSS, revealThemeFile } from '../theme-files.ts';
import { engineDir } from './engine-dir.ts';
import { fillTemplate, sectionsCanSkipVite } from './template.ts';

/**
 * What the deck:slides plugin hands Vite, as text: the three virtual modules, the page template
 * filled with the deck (its slides left out when they join after Vite's HTML step) and the local
 * assets the slides name. With the same engine and the same project files, Vite's output is a
 * function of these alone, so a later build whose digest of them is the same may reuse that
 * output (export/site-update.ts). The plugin and that reuse both compute them here, so they
 * cannot drift apart.
 */

/** The engine's theme folder (src/theme), whichever deck is built. */
const themeDir = path.join(engineDir, 'theme');

/** The page template Vite builds (src/index.html). */
export const TEMPLATE_FILE = path.join(engineDir, 'index.html');

/** Where Vite puts the bundles, and the plugin the slides' images. */
export const ASSETS_DIR = 'assets';

const importCss = (file: string): string => `import ${JSON.stringify(file)};`;

/**
 * The theme's stylesheets in cascade order. Ours is one file; reveal's themes (and a deck's own
 * theme file) come with the engine's base (fonts, print, no-JS) before and a bridge after, which
 * gives the page's controls and reading mode the theme's colours and fonts.
 */
function themeImports(result: CompileResult, projectDir: string): string[] {
  const { theme, themeFile } = result.deck.meta;
  if (theme === 'light' || theme === 'dark') return [path.join(themeDir, 'theme.css')];
  const base = ['fonts.css', 'print.css', 'nojs.css'].map((f) => path.join(themeDir, f));
  const own = themeFile ? path.resolve(projectDir, themeFile) : revealThemeFile(theme);
  return [...base, own, path.join(themeDir, 'reveal-bridge.css')];
}

/** Code and math styles, only for decks whose slides have code or math. */
function featureImports(result: CompileResult): string[] {
  const out: string[] = [];
  if (result.uses.code) {
    const style = highlightThemeFile(result.deck.meta.highlightTheme);
    if (style) out.push(style);
    out.push(path.join(themeDir, 'code.css'));
  }
  if (result.uses.math) out.push(KATEX_CSS(), path.join(themeDir, 'math.css'));
  return out;
}

/** `virtual:deck/theme`: the theme's stylesheets. */
export function themeModule(result: CompileResult, projectDir: string): string {
  return themeImports(result, projectDir).map(importCss).join('\n');
}

/** `virtual:deck/styles`: code and math styles, then the deck's own stylesheets. */
export function stylesModule(result: CompileResult, projectDir: string): string {
  const deckCss = result.deck.meta.css.map((css) => path.resolve(projectDir, css));
  return [...featureImports(result), ...deckCss].map(importCss).join('\n');
}

/** `virtual:deck/runtime`: what the page's script needs to know of the deck. */
export function runtimeModule(result: CompileResult): string {
  const { meta } = result.deck;
  // The speaker view paces only when totalTime (or defaultTiming) is set; each slide's
  // data-timing then gives its share.
  const pacing = meta.minutes ? { totalTime: Math.round(meta.minutes * 60) } : {};
  const runtime: DeckRuntime = {
    minutes: meta.minutes,
    slug: meta.slug,
    revealOptions: { ...pacing, ...meta.revealOptions },
  };
  return `export default ${JSON.stringify(runtime)};`;
}

/** The page's icon: the deck's own `public/favicon.svg` when it has one, else the engine's (undefined). */
export function deckIcon(publicDir: string | false | undefined): string | undefined {
  return publicDir && existsSync(path.join(publicDir, 'favicon.svg')) ? './favicon.svg' : undefined;
}

/** `assets/<name>-<hash8>.<ext>`: the build's name for a local file a slide uses. */
export function assetFileName(absPath: string, assetsDir = ASSETS_DIR): string {
  const hash = createHash('sha256').update(readFileSync(absPath)).digest('hex').slice(0, 8);
  const ext = path.extname(absPath);
  return `${assetsDir}/${path.basename(absPath, ext)}-${hash}${ext}`;
}

/**
 * The page as handed to Vite's HTML step at build time, and whether the slides join it after
 * that step (see sectionsCanSkipVite).
 */
export function pageForVite(
  template: string,
  result: CompileResult,
  icon: string | undefined,
): { page: string; lateSections: boolean } {
  const lateSections = sectionsCanSkipVite(result.sectionsHtml);
  return { page: fillTemplate(template, result, icon, { sections: !lateSections }), lateSections };
}

/**
 * Digest of everything the plugin gives Vite for a build: the page (without late slides), the
 * virtual modules and the slides' assets (names carry their contents' hash).
 */
export function pageInputsDigest(
  page: string,
  result: CompileResult,
  projectDir: string,
  assets: ReadonlyMap<string, string>,
): string {
  const hash = createHash('sha256');
  const parts = [
    page,
    themeModule(result, projectDir),
    stylesModule(result, projectDir),
    runtimeModule(result),
    ...[...assets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat(),
  ];
  for (const part of parts) hash.update(`${part.length}\0${part}\0`);
  return hash.digest('hex');
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { UserConfig } from 'vite';
import { classicScriptPlugin } from './classic-script.ts';
import { engineDir } from './engine-dir.ts';
import { ASSETS_DIR } from './page-inputs.ts';
import { deckPlugin, type BuiltPage, type Precompiled } from './plugin.ts';

export { engineDir };

/** The node_modules holding the page's dependencies (reveal.js, the font), which the dev server must be allowed to serve. */
const revealEntry = createRequire(import.meta.url).resolve('reveal.js');
const nodeModules = `${path.sep}node_modules`;
const dependenciesDir = revealEntry.slice(0, revealEntry.lastIndexOf(`${nodeModules}${path.sep}`) + nodeModules.length);

export interface DeckViteOptions {
  /** Project root holding the slides folder. */
  projectDir: string;
  /** @default "slides" */
  slidesDir?: string;
  /** Absolute, or relative to projectDir. @default "dist" */
  outDir?: string;
  /** Folder copied as is into the build; absolute, or relative to projectDir. @default "public" */
  publicDir?: string;
  /** Warnings (an unknown front-matter key, an unused reference) stop the build. @default false */
  strict?: boolean;
  /** Told, at the end of a build, what the plugin gave Vite and the page Vite made of it. */
  onBuilt?: (page: BuiltPage) => void;
  /** The deck as already compiled for this build, used instead of compiling again. */
  precompiled?: Precompiled;
}

/** The deck's folder of files copied as they are into the build. */
export function deckPublicDir(projectDir: string, publicDir = 'public'): string {
  return path.resolve(projectDir, publicDir);
}

/**
 * The Vite config for a deck. `base: './'` makes every URL relative, so the build works from
 * any server sub-path and from file://; one IIFE bundle keeps file:// working in Chromium.
 */
export function deckViteConfig(options: DeckViteOptions): UserConfig {
  const projectDir = path.resolve(options.projectDir);
  return {
    root: engineDir,
    base: './',
    publicDir: deckPublicDir(projectDir, options.publicDir),
    // A deck folder of its own has no node_modules: Vite's cache then goes beside the engine.
    cacheDir: existsSync(path.join(projectDir, 'node_modules'))
      ? path.resolve(projectDir, 'node_modules/.vite')
      : path.resolve(engineDir, '../node_modules/.vite'),
    // Vite's own level (info): the dev server and preview print their URL, and the port they
    // moved to when the default one was taken. The build commands pass a quieter logger.
    plugins: [
      deckPlugin({
        projectDir,
        slidesDir: options.slidesDir,
        strict: options.strict,
        onBuilt: options.onBuilt,
        precompiled: options.precompiled,
      }),
      classicScriptPlugin(),
    ],
    server: { fs: { allow: [projectDir, engineDir, dependenciesDir] } },
    // Lightning CSS, which already minifies the build's CSS, also reads it: PostCSS cost a
    // third of a second of every build (mostly loading it) and gave the same bytes. A deck
    // stylesheet it cannot read is a warning at its own file:line (the declaration left out, as a
    // browser would), so a deck's old CSS hacks (`*zoom: 1`) build as they did in reveal-md.
    css: { transformer: 'lightningcss', lightningcss: { errorRecovery: true } },
    build: {
      outDir: path.resolve(projectDir, options.outDir ?? 'dist'),
      emptyOutDir: true,
      assetsDir: ASSETS_DIR,
      modulePreload: false,
      cssCodeSplit: false,
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 256,
      rollupOptions: {
        input: path.join(engineDir, 'index.html'),
        output: { format: 'iife' },
        // Rolldown's note on slow plugins is for engine developers; on a busy machine it would alarm authors.
        // Its note on import.meta in a classic script concerns Vite's preload helper, whose
        // import.meta branch never runs here: the deferred imports are bundled, never fetched.
        checks: { bundlerTimings: false, emptyImportMeta: false },
      },
    },
  };
}

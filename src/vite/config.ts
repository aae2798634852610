import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';
import { classicScriptPlugin } from './classic-script.ts';
import { deckPlugin } from './plugin.ts';

/** Where the engine's page template and runtime live (src/), whichever deck is built. */
export const engineDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface DeckViteOptions {
  /** Project root holding the slides folder. */
  projectDir: string;
  /** @default "slides" */
  slidesDir?: string;
  /** Absolute, or relative to projectDir. @default "dist" */
  outDir?: string;
  /** Folder copied as is into the build. @default "public" */
  publicDir?: string;
  /** Warnings (an unknown front-matter key, an unused reference) stop the build. @default false */
  strict?: boolean;
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
    publicDir: path.resolve(projectDir, options.publicDir ?? 'public'),
    cacheDir: path.resolve(projectDir, 'node_modules/.vite'),
    // Vite's own level (info): the dev server and preview print their URL, and the port they
    // moved to when the default one was taken. The build commands pass a quieter logger.
    plugins: [deckPlugin({ projectDir, slidesDir: options.slidesDir, strict: options.strict }), classicScriptPlugin()],
    server: { fs: { allow: [projectDir, engineDir] } },
    build: {
      outDir: path.resolve(projectDir, options.outDir ?? 'dist'),
      emptyOutDir: true,
      modulePreload: false,
      cssCodeSplit: false,
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 256,
      rollupOptions: {
        input: path.join(engineDir, 'index.html'),
        output: { format: 'iife' },
      },
    },
  };
}

import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { deckViteConfig } from '../../src/vite/config.ts';
import { tempDir } from './temp-dir.ts';

/** Builds a slides folder with the real Vite config into `outDir`; returns outDir. */
export async function buildDeck(options: {
  projectDir: string;
  slidesDir?: string;
  outDir: string;
  strict?: boolean;
}): Promise<string> {
  await build({ configFile: false, logLevel: 'error', ...deckViteConfig(options) });
  return options.outDir;
}

/**
 * Copies a fixture slides folder into a fresh temporary project and builds it there, so tests
 * never write into the repository. Returns the project and dist folders.
 */
export async function buildFixture(slidesSource: string): Promise<{ projectDir: string; distDir: string }> {
  const projectDir = tempDir('deck-fixture-');
  cpSync(slidesSource, path.join(projectDir, 'slides'), { recursive: true });
  mkdirSync(path.join(projectDir, 'public'), { recursive: true });
  const distDir = path.join(projectDir, 'dist');
  await buildDeck({ projectDir, outDir: distDir });
  return { projectDir, distDir };
}

import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findBrowser } from '../../src/chromium/find-browser.ts';
import { templateDir } from '../../src/scaffold/new-deck.ts';
import { buildDeck } from '../helpers/build-deck.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The deck the browser tests look at, built once (under test-results/, git-ignored). */
    distDir: string;
    /** Chromium found (or installed) the way the README says. */
    executablePath: string;
  }
}

/**
 * Finds the browser once and builds one deck once for a whole browser suite. Fails the suite
 * with the how-to-install message when there is no browser: never a silent skip.
 */
export async function provideBuiltDeck(
  project: TestProject,
  deck: { projectDir: string; slidesDir: string; strict?: boolean },
  outName: string,
): Promise<void> {
  const { executablePath } = findBrowser();
  const distDir = path.join(project.config.root, 'test-results', outName);
  await buildDeck({ ...deck, outDir: distDir });
  project.provide('distDir', distDir);
  project.provide('executablePath', executablePath);
}

/**
 * The engine's browser suite looks at the starter deck `deck new` writes (a title, a fragment, an
 * image, citations and Works Cited), never at the talk in slides/: whoever replaces the talk with
 * their own deck keeps a suite that passes.
 */
export default async function setup(project: TestProject): Promise<void> {
  await provideBuiltDeck(project, { projectDir: templateDir, slidesDir: templateDir }, 'starter-dist');
}

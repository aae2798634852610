import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findBrowser } from '../../src/chromium/find-browser.ts';
import { buildDeck } from '../helpers/build-deck.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The talk, built once for every browser test (under test-results/, git-ignored). */
    distDir: string;
    /** Chromium found (or installed) the way DEVELOPERS.md says. */
    executablePath: string;
  }
}

/** Builds the deck once and finds the browser once for the whole browser suite. */
export default async function setup(project: TestProject): Promise<void> {
  const root = project.config.root;
  // Fails the suite with the how-to-install message when there is no browser: never a silent skip.
  const { executablePath } = findBrowser();
  const distDir = path.join(root, 'test-results/dist');
  await buildDeck({ projectDir: root, outDir: distDir, strict: true });
  project.provide('distDir', distDir);
  project.provide('executablePath', executablePath);
}

/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { deckViteConfig } from './src/vite/config.ts';

const projectDir = import.meta.dirname;

// The deck lives in slides/; the engine's page template and runtime live in src/.
export default defineConfig({
  // strict: a typo in the talk's front matter stops its build instead of warning.
  ...deckViteConfig({ projectDir, strict: true }),
  test: {
    root: projectDir,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // A test that drives Chromium is named *.browser.test.ts; the talk is built once for them all.
          include: ['test/**/*.browser.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

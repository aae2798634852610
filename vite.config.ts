/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { linkPreviewPlugin } from './src/export/link-preview.ts';
import { deckViteConfig } from './src/vite/config.ts';

const projectDir = import.meta.dirname;

// The deck lives in slides/; the engine's page template and runtime live in src/.
// strict: a typo in the talk's front matter stops its build instead of warning.
const deck = deckViteConfig({ projectDir, strict: true });

// First in every project's set-up: the run gets a temp folder of its own, and fails if a test leaves anything in it.
const PRIVATE_TMP = 'test/helpers/private-tmp.ts';

// The deck; `npm run build` also photographs the title slide for link previews when a browser is at hand.
export default defineConfig({
  ...deck,
  plugins: [...(deck.plugins ?? []), linkPreviewPlugin()],
  test: {
    root: projectDir,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // Vitest's 5 s default fails slow-but-correct tests (citeproc's set-up, Vite builds) when
          // the machine is busy; a real hang still fails, a minute later.
          testTimeout: 60_000,
          exclude: ['test/**/*.browser.test.ts', 'test/talk/**', 'test/cli/**', '**/node_modules/**'],
          globalSetup: [PRIVATE_TMP],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // A test that drives Chromium is named *.browser.test.ts; the starter deck is built once for them all.
          include: ['test/**/*.browser.test.ts'],
          exclude: ['test/talk/**', 'test/cli/**', '**/node_modules/**'],
          globalSetup: [PRIVATE_TMP, 'test/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // The `deck` binary compiled into lib/, run as child processes, and the packed tarball installed.
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          globalSetup: [PRIVATE_TMP, 'test/helpers/compile-lib.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // The talk in slides/, and only the talk: its text, sources, timing, contrast, export and smoke test.
          name: 'talk',
          include: ['test/talk/**/*.test.ts'],
          globalSetup: [PRIVATE_TMP, 'test/talk/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

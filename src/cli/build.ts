/**
 * `deck build [deck] [--out-dir dir]` (and `npm run build`): the static site (index.html,
 * assets/, deck.json), built into a staging folder and put in place only when the whole build
 * succeeded. A deck error, a full disk or a read-only folder leaves the previous site exactly as
 * it was. Prints what it wrote: slides, size, where.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { formatBytes, formatDuration } from '../export/report.ts';
import { findBrowser } from '../chromium/find-browser.ts';
import { removeTemporary } from '../export/atomic-write.ts';
import { spawnEarly, type EarlyBrowser } from '../export/early-browser.ts';
import { makeLinkPreview } from '../export/link-preview.ts';
import { buildAndPublish } from '../export/site-build.ts';
import { EXIT, parseArgs, shownPath } from './command.ts';
import type { CommandWords } from './errors.ts';
import { exitOnInterrupt } from './interrupt.ts';
import { locateDeck, type DeckLocation } from './locate-deck.ts';

export const BUILD_WORDS: CommandWords = {
  name: 'build',
  help: 'deck build --help',
  kept: 'the previous build was left as it was.',
};

export function buildCommand(): Command {
  return new Command('deck build')
    .description('Build the deck into a static site: index.html, assets/ and deck.json, ready for any web host.')
    .argument('[deck]', 'a deck folder or one markdown file (default: slides/ of the current folder)')
    .option('--out-dir <dir>', "where the site goes (default: the deck's dist/)")
    .option('--strict', 'every warning about the deck (an unknown front-matter key…) stops the build as an error')
    .addHelpText(
      'after',
      `
Examples:
  deck build                      slides/ into dist/
  deck build my-talk              my-talk/ into my-talk/dist/
  deck build talk.md --out-dir site
  deck build --strict             a warning (a typo in a front-matter key) is an error

The site works from any web server path and straight from disk (file://). It is built beside the
previous one and replaces it only when the whole build succeeded, and then only the files this
tool wrote (listed in <out-dir>/.deck-manifest.json).

Exit codes: 0 built · 1 the deck does not build (file:line:column and a code frame) · 2 bad
usage, or an output folder that holds your work (the project, slides/, src/, public/, test/,
.git, node_modules, or a folder of files this tool did not write) · 3 the machine: a full disk,
a read-only folder, no permission · 130 interrupted.`,
    );
}

/** Total size of the files under a folder. */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The deck an argument names and its output folder (the deck's dist/ unless --out-dir says otherwise). */
export function buildTarget(
  args: readonly string[],
  outDirOption: string | undefined,
): { deck: DeckLocation; outDir: string } {
  const deck = locateDeck(args[0]);
  return { deck, outDir: outDirOption === undefined ? deck.outDir : path.resolve(outDirOption) };
}

/** Chromium, starting now, for the link preview; null when there is none (never installed for a build). */
function startPreviewBrowser(): EarlyBrowser | null {
  try {
    return spawnEarly(findBrowser({ install: false, log: () => {} }).executablePath);
  } catch {
    return null;
  }
}

/** Runs the build; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  return parseArgs(
    buildCommand(),
    argv,
    async (cmd) => {
      const started = performance.now();
      const opts = cmd.opts<{ outDir?: string; strict?: boolean }>();
      const { deck, outDir } = buildTarget(cmd.args, opts.outDir);
      exitOnInterrupt(BUILD_WORDS);
      process.stdout.write(`building ${shownPath(deck.slidesDir)} …\n`);
      // The link preview's browser starts with the build, so that Chromium's start-up overlaps it
      // (two cores: one each); without a browser the preview says it skipped.
      const early = startPreviewBrowser();
      let built;
      try {
        built = await buildAndPublish(
          deck.projectDir,
          outDir,
          (line) => process.stderr.write(`warning: ${line.trim()}\n`),
          deck.slidesDir,
          // The link preview's picture of the title slide, when a browser is at hand (else it says it skipped it).
          (staging) =>
            makeLinkPreview(staging, {
              info: () => {},
              warn: (line) => process.stderr.write(`${line}\n`),
              ...(early ? { browser: () => early.take() } : {}),
            }),
          opts.strict ?? false,
        );
      } finally {
        await early?.discard();
        if (early?.profile) removeTemporary(early.profile);
      }
      const slides = built.deck.slides.length;
      const reused = built.kind === 'slides' ? " · the page's code and styles reused from the last build" : '';
      process.stdout.write(
        `✓ built ${slides} slide${slides === 1 ? '' : 's'} · ${formatBytes(folderBytes(outDir))} · ${formatDuration(performance.now() - started)}${reused}\n` +
          `  into ${shownPath(outDir)}/: open ${shownPath(path.join(outDir, 'index.html'))}, or serve the folder from any web host\n`,
      );
      return EXIT.ok;
    },
    BUILD_WORDS.kept,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2));
  // Exit explicitly: Vite can leave handles that would keep the process alive.
  process.exit(code);
}

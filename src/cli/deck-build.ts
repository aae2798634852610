/**
 * `deck build [deck] [--out-dir dir]`: the static site (index.html, assets/, deck.json), built
 * into a staging folder and swapped into place only when the build succeeded, so a broken deck
 * or Ctrl-C leaves the previous site as it was. Prints what it wrote: slides, size, where.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { DeckBuildError } from '../export/errors.ts';
import { formatBytes, formatDuration } from '../export/report.ts';
import { buildSite, publishSite, readDeckJson, stagingDirFor } from '../export/site-build.ts';
import { EXIT, onInterrupt, parseArgs, printDeckError, shownPath, UsageError } from './command.ts';
import { locateDeck, type DeckLocation } from './locate-deck.ts';

export function buildCommand(): Command {
  return new Command('deck build')
    .description('Build the deck into a static site: index.html, assets/ and deck.json, ready for any web host.')
    .argument('[deck]', 'a deck folder or one markdown file (default: slides/ of the current folder)')
    .option('--out-dir <dir>', "where the site goes (default: the deck's dist/)")
    .addHelpText(
      'after',
      `
Examples:
  deck build                      slides/ into dist/
  deck build my-talk              my-talk/ into my-talk/dist/
  deck build talk.md --out-dir site

The site works from any web server path and straight from disk (file://). The output folder is
replaced only when the build succeeded.

Exit codes: 0 built · 1 the deck has an error (file:line:column and the fix are printed) · 2 bad
usage · 130 interrupted.`,
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

/**
 * The output folder is swapped out whole, so it must not hold anything of the deck's own: never
 * the deck's home itself, a folder around it, or the markdown's folder.
 */
export function checkOutDir(outDir: string, deck: DeckLocation): void {
  const inside = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const slidesFolder = statSync(deck.slidesDir).isFile() ? path.dirname(deck.slidesDir) : deck.slidesDir;
  for (const [what, dir] of [
    ["the deck's folder", deck.projectDir],
    ['the slides folder', slidesFolder],
  ] as const) {
    if (inside(dir, outDir))
      throw new UsageError(
        `--out-dir ${shownPath(outDir)} would replace ${what} (${shownPath(dir)}): choose an empty or new folder, such as dist/`,
      );
  }
}

/** The resolved deck and output folder of a build's arguments. */
export function buildTarget(
  args: readonly string[],
  outDirOption: string | undefined,
): { deck: DeckLocation; outDir: string } {
  const deck = locateDeck(args[0]);
  const outDir = outDirOption === undefined ? deck.outDir : path.resolve(outDirOption);
  checkOutDir(outDir, deck);
  return { deck, outDir };
}

export async function main(argv: string[]): Promise<number> {
  return parseArgs(buildCommand(), argv, async (cmd) => {
    const started = performance.now();
    const { deck, outDir } = buildTarget(cmd.args, cmd.opts<{ outDir?: string }>().outDir);
    const staging = stagingDirFor(outDir);
    onInterrupt('the output folder was left as it was');
    process.stdout.write(`building ${shownPath(deck.slidesDir)} …\n`);
    try {
      await buildSite(
        deck.projectDir,
        staging,
        (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
        deck.slidesDir,
      );
    } catch (err) {
      if (err instanceof DeckBuildError) {
        printDeckError(err, `build stopped: ${shownPath(outDir)} was left as it was.`);
        return EXIT.deck;
      }
      throw err;
    }
    const json = readDeckJson(staging);
    const bytes = folderBytes(staging);
    publishSite(staging, outDir);
    process.stdout.write(
      `built ${json.slides.length} slide${json.slides.length === 1 ? '' : 's'} · ${formatBytes(bytes)} · ${formatDuration(performance.now() - started)}\n` +
        `  into ${shownPath(outDir)}/: open ${shownPath(path.join(outDir, 'index.html'))}, or serve the folder from any web host\n`,
    );
    return EXIT.ok;
  });
}

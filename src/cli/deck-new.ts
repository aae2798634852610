/** `deck new <folder>`: a starter deck that builds, passes the smoke test and exports on the first try. */
import { Command } from 'commander';
import { FolderNotEmptyError, scaffoldDeck } from '../scaffold/new-deck.ts';
import { EXIT, parseArgs, shownPath, UsageError } from './command.ts';

export function newCommand(): Command {
  return new Command('deck new')
    .description('Start a deck in a new (or empty) folder, with a working example of everything.')
    .argument('<folder>', 'the folder to create; it must not exist yet, or be empty')
    .addHelpText(
      'after',
      `
The new deck has: front matter with every key explained, a title slide, a slide with speaker
notes and a fragment, an image, citations with their CSL-JSON bibliography (references.json),
and a Works Cited slide.

Example:
  deck new my-talk && deck dev my-talk --open

Exit codes: 0 created · 2 the folder is not empty (nothing is written), or bad usage.`,
    );
}

export async function main(argv: string[]): Promise<number> {
  return parseArgs(newCommand(), argv, async (cmd) => {
    const dir = cmd.args[0]!;
    let files: string[];
    try {
      files = scaffoldDeck(dir);
    } catch (err) {
      if (err instanceof FolderNotEmptyError)
        throw new UsageError(`cannot start a deck in ${shownPath(err.dir)}: ${err.message}. Pick a new folder name`);
      throw err;
    }
    const shown = shownPath(dir);
    const arg = /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown);
    process.stdout.write(
      [
        `created a deck in ${shown}/:`,
        ...files.map((f) => `  ${f}`),
        '',
        'Next:',
        `  deck dev ${arg} --open     write, with live reload`,
        `  deck build ${arg}          the site, into ${shown}/dist/`,
        `  deck export ${arg}         the slides PDF, the handout and the offline page`,
        `  deck smoke ${arg}          check every slide in Chromium`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  });
}

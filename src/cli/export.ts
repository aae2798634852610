/**
 * `npm run export`: builds the deck and writes, next to the site in dist/, the slides PDF
 * (`<slug>.pdf`), the handout (`<slug>-handout.pdf`) and a single-file offline page
 * (`<slug>-offline.html`). Exit codes: 0 every requested file written; 1 the deck (build error,
 * a slide that did not render, a timeout); 2 a bad option; 3 the machine (no browser);
 * 130 interrupted. The output folder changes only when everything succeeded.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { exportDeck } from '../export/export-deck.ts';
import { DeckBuildError, EnvironmentError, ExportError } from '../export/errors.ts';
import {
  DEFAULT_TIMEOUT_SECONDS,
  HANDOUT_LAYOUTS,
  PAPER_SIZES,
  resolveExportOptions,
  UsageError,
  type RawExportOptions,
} from '../export/options.ts';
import { formatStep, formatSummary, type Reporter } from '../export/report.ts';
import { DeckLocationError, locateDeck } from './locate-deck.ts';

/** The command line: options, help and examples. */
export function exportCommand(): Command {
  return new Command('deck export')
    .description(
      'Build the deck, then write next to the site: the slides PDF, the handout PDF and a single-file offline page.',
    )
    .argument('[deck]', 'a deck folder or one markdown file (default: slides/ of the current folder)')
    .addOption(
      new Option(
        '--only <outputs>',
        'which files to write: slides, handout, offline (repeat or comma-separate; default: all three)',
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .addOption(new Option('--paper <size>', 'handout paper size').choices(PAPER_SIZES).default('a4'))
    .addOption(
      new Option(
        '--layout <layout>',
        'handout layout: "notes" = each slide with its speaker notes beneath; "3-up" = three slides a page with ruled lines for notes',
      )
        .choices(HANDOUT_LAYOUTS)
        .default('notes'),
    )
    .option('--fragments', 'slides PDF: print each fragment step as its own page', false)
    .option(
      '--out-dir <dir>',
      "the site folder: built into, and the exports written next to its index.html (default: the deck's dist/)",
    )
    .option('--no-build', 'use the site already built in --out-dir instead of building it')
    .option(
      '--timeout <seconds>',
      'give up on a step (page load, layout, one print) after this long',
      String(DEFAULT_TIMEOUT_SECONDS),
    )
    .addHelpText(
      'after',
      `
Examples:
  npm run export                                  all three files into dist/
  npm run export -- --only handout --layout 3-up --paper letter
  npm run export -- --only slides --fragments --no-build

Chromium is found through PUPPETEER_EXECUTABLE_PATH (or CHROME_PATH), the usual install paths,
or puppeteer's cache; it is never downloaded.

Exit codes: 0 all requested files written · 1 deck error, a slide that failed to render, or a
timeout · 2 bad option · 3 no usable browser · 130 interrupted. Nothing in the output folder
changes unless every requested file was written.`,
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Prints each step as it finishes: `✓ slides PDF   1.4 s  17 pages · 88 KB`. */
const consoleReporter: Reporter = {
  step: (label, ms, detail, ok) => process.stdout.write(`${formatStep(label, ms, detail, ok)}\n`),
  warn: (line) => process.stderr.write(`warning: ${line.trim()}\n`),
};

/** Ctrl-C before the browser starts: exit at once (the exit hook removes temporary files). Once a browser runs, the launcher's handler closes it and exits. */
function handleInterrupts(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write('\ninterrupted: the output folder was left as it was\n');
      if (process.listenerCount(signal) > 0) return;
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Runs the export; returns the exit code. Errors are caught here only, and turned into messages. */
export async function main(argv: string[]): Promise<number> {
  const program = exportCommand();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  try {
    const deck = locateDeck(program.args[0]);
    const raw = program.opts<RawExportOptions>();
    // A folder typed on the command line is relative to where it was typed; the default is the deck's own dist/.
    const outDir = raw.outDir === undefined ? deck.outDir : path.resolve(raw.outDir);
    const options = resolveExportOptions({ ...raw, outDir }, deck.projectDir, deck.slidesDir);
    handleInterrupts();
    const result = await exportDeck(options, { reporter: consoleReporter });
    process.stdout.write(`\n${formatSummary(result.files, process.cwd(), result.totalMs)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof DeckLocationError) {
      process.stderr.write(`error: ${err.message}\nRun \`deck export --help\` for the options.\n`);
      return err.exitCode;
    }
    if (err instanceof DeckBuildError) {
      process.stderr.write(
        `\n${err.message}\n${err.detail ? `${err.detail}\n` : ''}\nexport stopped: the deck does not build; earlier exports were left as they were.\n`,
      );
      return err.exitCode;
    }
    if (err instanceof ExportError) {
      process.stderr.write(`\nexport failed: ${err.message}\nEarlier exports were left as they were.\n`);
      return err.exitCode;
    }
    if (err instanceof EnvironmentError) {
      process.stderr.write(`\n${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(
      `\nexport failed unexpectedly:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2));
  // Exit explicitly: Vite and puppeteer can leave handles that would keep the process alive.
  process.exit(code);
}

/**
 * cli/: the thin top floor: arguments, printing and exit codes for the commands.
 *
 * `npm run export`: builds the deck and writes, next to the site in dist/, the slides PDF
 * (`<slug>.pdf`), the handout (`<slug>-handout.pdf`) and a single-file offline page
 * (`<slug>-offline.html`). Exit codes come from the one table in errors.ts. The output folder
 * changes only when everything succeeded, and only in the files the tool wrote.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { locateBrowser, spawnEarly, type EarlyBrowser } from '../export/early-browser.ts';
import {
  DEFAULT_TIMEOUT_SECONDS,
  HANDOUT_LAYOUTS,
  needsBrowser,
  PAPER_SIZES,
  resolveExportOptions,
  type RawExportOptions,
} from '../export/options.ts';
import { formatStep, formatSummary, type Reporter } from '../export/report.ts';
import { EXIT, reportError, type CommandWords } from './errors.ts';
import { exitOnInterrupt, markFinished } from './interrupt.ts';
import { locateDeck } from './locate-deck.ts';

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
        'which files to write: slides, handout, offline, preview, png, pptx (repeat or comma-separate; default: slides, handout, offline, preview)',
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .option(
      '--all',
      'write every kind: the PDFs, the offline page, the link preview, the PNGs with a contact sheet, the PowerPoint file',
    )
    .addOption(
      new Option('--scale <n>', 'PNG and PowerPoint pictures: 1 = 1280×720, 2 = 2560×1440 pixels a slide')
        .choices(['1', '2'])
        .default('2'),
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
    .option(
      '--fragments',
      'slides PDF, PNGs and PowerPoint: each fragment step as its own page, picture or slide',
      false,
    )
    .option(
      '--out-dir <dir>',
      "the site folder: built into, and the exports written next to its index.html (default: the deck's dist/)",
    )
    .option('--no-build', 'use the site already built in --out-dir instead of building it')
    .option('--strict', 'every warning about the deck (an unknown front-matter key…) stops the build as an error')
    .option(
      '--offline-strict',
      'the deck must print from its own files: a request to another site (a remote image, background, video or iframe) is an error, not a warning',
    )
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
  npm run export -- --only png,pptx --scale 1       slide PNGs, a contact sheet, a PowerPoint file

Chromium is found through PUPPETEER_EXECUTABLE_PATH (or CHROME_PATH), the usual install paths,
or puppeteer's cache; it is never downloaded.

Exit codes: 0 all requested files written · 1 deck error, a slide that failed to render, a
timeout, or a browser that crashed · 2 bad option, or an output folder that holds your work
(the project, slides/, src/, public/, test/, .git, node_modules, or a folder of files this tool
did not write) · 3 the machine: no usable browser, a full disk, a read-only folder, no
permission · 130 interrupted. Nothing in the output folder changes unless every requested file
was written, and then only the files this tool wrote.`,
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Prints each step as it finishes: `✓ slides PDF   1.4 s  17 pages · 88 KB`. */
const consoleReporter: Reporter = {
  step: (label, ms, detail, ok) => process.stdout.write(`${formatStep(label, ms, detail, ok)}\n`),
  warn: (line) => process.stderr.write(`warning: ${line.trim()}\n`),
};

/** What the export says after an error: the output folder is as it was. */
export const EXPORT_WORDS: CommandWords = {
  name: 'export',
  help: 'deck export --help',
  kept: 'earlier exports were left as they were.',
};

/** Runs the export; returns the exit code. Errors are caught here only, and turned into messages by the error table. */
export async function main(argv: string[]): Promise<number> {
  const program = exportCommand();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  let early: EarlyBrowser | null = null;
  try {
    const deck = locateDeck(program.args[0]);
    const raw = program.opts<RawExportOptions>();
    // A folder typed on the command line is relative to where it was typed; the default is the deck's own dist/.
    const outDir = raw.outDir === undefined ? deck.outDir : path.resolve(raw.outDir);
    const options = resolveExportOptions({ ...raw, outDir }, deck.projectDir, deck.slidesDir);
    exitOnInterrupt(EXPORT_WORDS);
    // Chromium first, then the export's own code (puppeteer alone takes a fifth of a second to load): they start together.
    if (needsBrowser(options.outputs)) early = spawnEarly(locateBrowser());
    const { exportDeck } = await import('../export/export-deck.ts');
    const result = await exportDeck(options, {
      reporter: consoleReporter,
      onPublished: markFinished,
      ...(early ? { early } : {}),
    });
    process.stdout.write(`\n${formatSummary(result.files, process.cwd(), result.totalMs)}\n`);
    return EXIT.ok;
  } catch (err) {
    return reportError(err, EXPORT_WORDS);
  } finally {
    // The export takes the browser; one it never reached (an output folder refused) ends here.
    await early?.discard();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2));
  // Exit explicitly: Vite and puppeteer can leave handles that would keep the process alive.
  process.exit(code);
}

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { refuseOverlap } from '../export/out-dir.ts';
import { buildAndPublish } from '../export/site-build.ts';
import { runSmoke } from '../smoke/run.ts';
import { formatReport } from '../smoke/report.ts';
import { progressPrinter } from '../smoke/progress.ts';
import { CHECK_DESCRIPTIONS } from '../smoke/checks.ts';
import { SMOKE_CHECKS, type SmokeCheck } from '../smoke/types.ts';
import { EXIT, reportError, type CommandWords } from './errors.ts';
import { exitOnInterrupt } from './interrupt.ts';
import { DeckLocationError, locateDeck, type DeckLocation } from './locate-deck.ts';

/** Exit codes: the commands' one table (errors.ts). */
export { EXIT };

export function parseChecks(value: string): SmokeCheck[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SMOKE_CHECKS as readonly string[]).includes(n));
  if (unknown.length || !names.length) {
    throw new InvalidArgumentError(
      `unknown check${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; known: ${SMOKE_CHECKS.join(', ')}`,
    );
  }
  return names as SmokeCheck[];
}

interface CliOptions {
  build: boolean;
  only?: SmokeCheck[];
  screenshots: string;
  base: string;
  project: string;
  quiet?: boolean;
  strict?: boolean;
  offlineStrict?: boolean;
}

function program(): Command {
  return new Command('deck smoke')
    .description('Proves on a built deck that it works for the people in the room and the people reading alone.')
    .argument(
      '[deck]',
      'a built deck (the folder holding index.html and deck.json), or a deck folder or markdown file, built into its dist/ first (default: slides/)',
    )
    .option('--no-build', "check the deck's dist/ as it is, without building it first")
    .addOption(
      new Option('--only <checks>', `comma-separated checks to run (${SMOKE_CHECKS.join(',')})`).argParser(parseChecks),
    )
    .option('--screenshots <dir>', 'where slide screenshots and the contact sheet go', 'test-results/smoke')
    .option('--base <path>', 'URL sub-path the deck is served under', '/talk/')
    .option('--project <dir>', 'the deck to build, when no [deck] is given', '.')
    .option('--quiet', 'print only the report: no progress or timing lines while it runs')
    .option('--strict', 'build with every warning about the deck (an unknown front-matter key…) as an error')
    .option(
      '--offline-strict',
      'a remote file the deck names (an image, background, video, iframe or CSS url() on another site) is a failure, not a warning',
    )
    .addHelpText(
      'after',
      [
        '',
        'Checks:',
        ...SMOKE_CHECKS.map((c) => `  ${c.padEnd(9)} ${CHECK_DESCRIPTIONS[c]}`),
        '',
        'Exit codes: 0 every check passes, 1 a check failed or the deck does not build, 2 bad usage or a --screenshots folder that overlaps the project or the deck, 3 the machine (no Chrome/Chromium, a full disk, no permission), 130 interrupted.',
        '',
        'Examples:',
        '  npm run smoke                          build, then check dist/',
        '  npm run smoke -- --no-build --only fit,a11y',
        '  npm run smoke -- ../other-talk/dist    check another built deck',
        '  deck smoke my-talk --strict --offline-strict   no warnings, no file from another site',
        '',
        'Requests to other sites are blocked. One for a file the deck names (a remote image, background,',
        "video, iframe, or a url() in the deck's CSS) is a warning naming the URL and its slide, a failure",
        'with --offline-strict; any other is a failure.',
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

export const SMOKE_WORDS: CommandWords = {
  name: 'smoke',
  help: 'deck smoke --help',
  kept: 'the built deck was left as it was.',
};

/** Runs the CLI on its arguments (without node and the script); resolves to its exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  const options = cmd.opts<CliOptions>();
  const given = cmd.args[0];
  // A folder with deck.json is a built deck; otherwise a folder that holds no markdown is
  // taken as a built deck too, so that the check says what it lacks.
  const built = given !== undefined && existsSync(path.resolve(given, 'deck.json'));
  let deck: DeckLocation | null = null;
  if (!built) {
    try {
      deck = locateDeck(given ?? options.project);
    } catch (err) {
      if (!(err instanceof DeckLocationError)) throw err;
      // Checking a build as it is (--no-build) needs no markdown, only the built folder.
      const builtFolder = given ?? (options.build ? undefined : path.join(options.project, 'dist'));
      if (builtFolder === undefined || (given !== undefined && (!existsSync(given) || !statSync(given).isDirectory())))
        return reportError(err, SMOKE_WORDS);
    }
  }
  const distDir = deck ? deck.outDir : path.resolve(given ?? path.join(options.project, 'dist'));
  const projectDir = deck ? deck.projectDir : path.resolve(options.project);
  const screenshotsDir = path.resolve(options.screenshots);

  try {
    // The screenshots folder is an output: it never overlaps the project's sources or the deck it checks.
    refuseOverlap(screenshotsDir, { projectDir, inputs: [distDir], option: '--screenshots' });
    if (deck && options.build) {
      process.stderr.write(
        `smoke: building ${path.relative(process.cwd(), deck.slidesDir) || '.'} into ${path.relative(process.cwd(), distDir) || '.'}/ …\n`,
      );
      // The same atomic build as `deck build`; a deck error keeps its code frame.
      await buildAndPublish(
        projectDir,
        distDir,
        (line) => process.stderr.write(`warning: ${line.trim()}\n`),
        deck.slidesDir,
        undefined,
        options.strict ?? false,
      );
    }
    // On a terminal one progress line rewritten in place; in a log a line at each tenth of the deck.
    const progress = options.quiet ? null : progressPrinter(process.stderr);
    const report = await runSmoke({
      distDir,
      screenshotsDir,
      checks: options.only,
      // A run of a few checks pictures the slides they failed on; a full run, every slide.
      screenshots: options.only ? 'failing slides' : 'every slide',
      base: options.base,
      offlineStrict: options.offlineStrict ?? false,
      log: (line) => {
        if (!progress) return;
        progress.end();
        process.stderr.write(`${line}\n`);
      },
      progress: progress ? (p) => progress.update(p) : undefined,
    }).finally(() => progress?.end());
    process.stdout.write(`${formatReport(report)}\n`);
    return report.failures.length ? EXIT.failed : EXIT.ok;
  } catch (err) {
    return reportError(err, SMOKE_WORDS);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  exitOnInterrupt(SMOKE_WORDS);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = reportError(err, SMOKE_WORDS);
    },
  );
}

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { build } from 'vite';
import { NotADeckError, runSmoke } from '../smoke/run.ts';
import { formatReport } from '../smoke/report.ts';
import { CHECK_DESCRIPTIONS, SMOKE_CHECKS, type SmokeCheck } from '../smoke/types.ts';
import { deckViteConfig } from '../vite/config.ts';
import { BrowserNotFoundError } from '../chromium/find-browser.ts';
import { DeckLocationError, locateDeck, type DeckLocation } from './locate-deck.ts';

/** Exit codes: 0 all checks pass; 1 a check failed or the deck does not build; 2 bad usage; 3 no browser. */
export const EXIT = { ok: 0, failed: 1, usage: 2, noBrowser: 3 } as const;

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
    .addHelpText(
      'after',
      [
        '',
        'Checks:',
        ...SMOKE_CHECKS.map((c) => `  ${c.padEnd(9)} ${CHECK_DESCRIPTIONS[c]}`),
        '',
        'Exit codes: 0 every check passes, 1 a check failed or the deck does not build, 2 bad usage, 3 no Chrome/Chromium.',
        '',
        'Examples:',
        '  npm run smoke                          build, then check dist/',
        '  npm run smoke -- --no-build --only fit,a11y',
        '  npm run smoke -- ../other-talk/dist    check another built deck',
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Runs the CLI; resolves to its exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv);
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
      if (given === undefined || !existsSync(given) || !statSync(given).isDirectory()) {
        process.stderr.write(`smoke: ${err.message}\n`);
        return EXIT.usage;
      }
    }
  }
  const distDir = deck ? deck.outDir : path.resolve(given!);

  if (deck && options.build) {
    const { projectDir, slidesDir } = deck;
    process.stderr.write(
      `smoke: building ${path.relative(process.cwd(), slidesDir) || '.'} into ${path.relative(process.cwd(), distDir) || '.'}/ …\n`,
    );
    try {
      await build({
        configFile: false,
        logLevel: 'warn',
        ...deckViteConfig({ projectDir, slidesDir, outDir: distDir }),
      });
    } catch (err) {
      // The deck plugin's errors already say file:line and how to fix it.
      process.stderr.write(`smoke: the deck does not build:\n${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT.failed;
    }
  }

  try {
    const report = await runSmoke({
      distDir,
      screenshotsDir: path.resolve(options.screenshots),
      checks: options.only,
      base: options.base,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${formatReport(report)}\n`);
    return report.failures.length ? EXIT.failed : EXIT.ok;
  } catch (err) {
    // BrowserNotFoundError, or any environment error that carries the same exit code.
    if (err instanceof BrowserNotFoundError || (err as { exitCode?: unknown } | null)?.exitCode === EXIT.noBrowser) {
      process.stderr.write(`smoke: ${(err as Error).message}\n`);
      return EXIT.noBrowser;
    }
    if (err instanceof NotADeckError) {
      process.stderr.write(`smoke: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `smoke: unexpected error\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = EXIT.failed;
    },
  );
}

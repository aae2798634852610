/**
 * `npm run build`: the static site in dist/ (index.html, assets/, deck.json), built into a
 * staging folder and put in place only when the whole build succeeded. A deck error, a full
 * disk or a read-only folder leaves the previous dist/ exactly as it was.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { formatDuration } from '../export/report.ts';
import { shownPath } from '../export/out-dir.ts';
import { buildAndPublish } from '../export/site-build.ts';
import { EXIT, reportError, type CommandWords } from './errors.ts';
import { exitOnInterrupt } from './interrupt.ts';

export const BUILD_WORDS: CommandWords = {
  name: 'build',
  help: 'npm run build -- --help',
  kept: 'the previous build was left as it was.',
};

export function buildCommand(): Command {
  return new Command('npm run build --')
    .description('Build the deck in slides/ into a static site (index.html, assets/, deck.json).')
    .option('--out-dir <dir>', 'the site folder', 'dist')
    .option('--project <dir>', 'the project to build (holding slides/)', '.')
    .addHelpText(
      'after',
      `
The site is built beside the previous one and replaces it only when the whole build succeeded,
and then only the files this tool wrote (listed in <out-dir>/.deck-manifest.json).

Exit codes: 0 built · 1 the deck does not build (file:line:column and a code frame) · 2 bad
option, or an output folder that holds your work (the project, slides/, src/, public/, test/,
.git, node_modules, or a folder of files this tool did not write) · 3 the machine: a full disk,
a read-only folder, no permission · 130 interrupted.`,
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Runs the build; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildCommand();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  const opts = program.opts<{ outDir: string; project: string }>();
  const projectDir = path.resolve(opts.project);
  const outDir = path.resolve(projectDir, opts.outDir);
  exitOnInterrupt(BUILD_WORDS);
  const t0 = performance.now();
  try {
    const deck = await buildAndPublish(projectDir, outDir, (line) => process.stderr.write(`warning: ${line.trim()}\n`));
    process.stdout.write(
      `✓ built ${deck.slides.length} slides into ${shownPath(outDir, process.cwd())} in ${formatDuration(performance.now() - t0)}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    return reportError(err, BUILD_WORDS);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2));
  // Exit explicitly: Vite can leave handles that would keep the process alive.
  process.exit(code);
}

/**
 * What every `deck` subcommand shares: how arguments are parsed, and how errors become messages
 * and exit codes (through the one table in errors.ts). Errors are caught here only, at the top;
 * nothing below calls process.exit.
 */
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { UsageError } from '../export/options.ts';
import { ERROR_KINDS, reportError } from './errors.ts';

export { UsageError };

/** Exit codes by what happened, from the table: 0 done · 1 the deck · 2 bad usage · 3 the machine · 130 interrupted. */
export const EXIT = {
  ok: 0,
  deck: ERROR_KINDS.deck.exitCode,
  usage: ERROR_KINDS.usage.exitCode,
  environment: ERROR_KINDS.environment.exitCode,
  interrupted: ERROR_KINDS.interrupted.exitCode,
} as const;

/** A path as the user would type it: relative to the current folder when inside it. */
export function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/**
 * Parses `argv` (the words after the subcommand) with `cmd`, then runs it. `--help` exits 0; a
 * bad option exits 2; whatever the run throws is sorted by the error table into its message and code.
 */
export async function parseArgs(
  cmd: Command,
  argv: readonly string[],
  run: (cmd: Command) => Promise<number>,
  kept = 'nothing was changed.',
): Promise<number> {
  cmd.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  try {
    return await run(cmd);
  } catch (err) {
    return reportError(err, { name: cmd.name(), help: `${cmd.name()} --help`, kept });
  }
}

/**
 * What every `deck` subcommand shares: its exit codes, how arguments are parsed, and how errors
 * become messages. Errors are caught here only, at the top; nothing below calls process.exit.
 */
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { UsageError } from '../export/options.ts';
import { DeckLocationError } from './locate-deck.ts';

export { UsageError };

/** 0 done · 1 the deck (content, build) · 2 bad usage · 3 the machine (no browser) · 130 interrupted. */
export const EXIT = { ok: 0, deck: 1, usage: 2, environment: 3, interrupted: 130 } as const;

/** A path as the user would type it: relative to the current folder when inside it. */
export function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** A deck that does not build: its `file:line:column: problem`, the code frame, and what was kept. */
export function printDeckError(err: { message: string; detail?: string }, tail: string): void {
  process.stderr.write(`\n${err.message}\n${err.detail ? `${err.detail}\n` : ''}\n${tail}\n`);
}

/** Ctrl-C or a kill: say what was kept and exit (the exit hook removes our temporary folders). */
export function onInterrupt(kept: string): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\ninterrupted: ${kept}\n`);
      process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
    });
  }
}

/**
 * Parses `argv` (the words after the subcommand) with `cmd`, then runs it. `--help` exits 0, a
 * bad option or a path that names no deck exits 2 with a hint, anything unexpected prints its stack.
 */
export async function parseArgs(
  cmd: Command,
  argv: readonly string[],
  run: (cmd: Command) => Promise<number>,
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
    if (err instanceof UsageError || err instanceof DeckLocationError) {
      process.stderr.write(`error: ${err.message}\nRun \`${cmd.name()} --help\` for the options.\n`);
      return EXIT.usage;
    }
    process.stderr.write(
      `\n${cmd.name()} failed unexpectedly:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT.deck;
  }
}

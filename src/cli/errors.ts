import os from 'node:os';
import { BrowserNotFoundError } from '../chromium/find-browser.ts';
import { DeckBuildError, EnvironmentError, ExportError, OutputRefusedError } from '../export/errors.ts';
import { MissingAssetError } from '../export/offline-html.ts';
import { UsageError } from '../export/options.ts';
import { DeckLocationError } from './locate-deck.ts';

/**
 * The commands' one error type and one table from kind to exit code. The floors below throw
 * their own errors, named for what went wrong; `toCliError` sorts them into these kinds here,
 * and only here, so every command exits with the same code for the same trouble.
 */
export const ERROR_KINDS = {
  /** A bad option or argument. */
  usage: { exitCode: 2, summary: 'bad usage' },
  /** An output folder that would overwrite the user's work. */
  refused: { exitCode: 2, summary: 'refused output folder' },
  /** The deck does not compile: file:line:column and a code frame. */
  deck: { exitCode: 1, summary: 'deck error' },
  /** The run failed on the deck's content: a slide that did not render, a timeout, a browser that crashed. */
  failed: { exitCode: 1, summary: 'failed' },
  /** The machine: no browser, a full disk, a read-only folder, no permission. */
  environment: { exitCode: 3, summary: 'environment' },
  /** Ctrl-C or a termination signal. */
  interrupted: { exitCode: 130, summary: 'interrupted' },
  /** Our own mistake: printed with its stack so it can be reported. */
  bug: { exitCode: 1, summary: 'unexpected error' },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

/** Exit codes by name, from the table (0 is success). */
export const EXIT = {
  ok: 0,
  failed: ERROR_KINDS.failed.exitCode,
  usage: ERROR_KINDS.usage.exitCode,
  noBrowser: ERROR_KINDS.environment.exitCode,
  interrupted: ERROR_KINDS.interrupted.exitCode,
} as const;

/** An error as the commands report it: a kind (hence an exit code), a message, and optional lines of context. */
export class CliError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** A code frame, or a stack for a bug. */
    readonly detail = '',
  ) {
    super(message);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return ERROR_KINDS[this.kind].exitCode;
  }
}

/** Node's file-system errors that mean the machine, not the deck: the disk, permissions. */
const FILE_SYSTEM_ERRORS: Readonly<Record<string, (where: string) => string>> = {
  ENOSPC: (where) => `no space left on the disk while writing ${where}: free some space and run it again`,
  EDQUOT: (where) => `the disk quota is used up while writing ${where}: free some space and run it again`,
  EROFS: (where) => `${where} is on a read-only file system: choose a writable output folder`,
  EACCES: (where) => `no permission to write ${where}: fix its permissions or choose another output folder`,
  EPERM: (where) => `the system did not allow writing ${where}: fix its permissions or choose another output folder`,
  EBUSY: (where) => `${where} is busy (open in another program, or a mount point): close it or choose another folder`,
  EMFILE: () => 'too many open files: raise the limit (ulimit -n) and run it again',
  EADDRINUSE: (where) => `the port ${where} is in use by another program: choose another with --port`,
};

function errnoOf(err: unknown): NodeJS.ErrnoException | null {
  const e = err as NodeJS.ErrnoException | null;
  return e && typeof e === 'object' && typeof e.code === 'string' && e.code in FILE_SYSTEM_ERRORS ? e : null;
}

/** The file-system error inside `err` (Vite and Rolldown wrap them), if there is one. */
function fileSystemError(err: unknown): NodeJS.ErrnoException | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const found = errnoOf(e);
    if (found) return found;
    const inner = (e as { cause?: unknown; errors?: unknown[] }).cause ?? (e as { errors?: unknown[] }).errors?.[0];
    e = inner;
  }
  // Some wrappers keep only the text: Node's "ENOSPC: no space left on device, write '/x/y'",
  // or Rolldown's "Failed to write file in /x/y … Caused by: No space left on device (os error 28)".
  const texts = [err, ...((err as { errors?: unknown[] } | null)?.errors ?? [])].map((e) =>
    e instanceof Error || typeof (e as { message?: unknown })?.message === 'string' ? (e as Error).message : '',
  );
  for (const text of texts) {
    const node = /\b(E[A-Z]+): [^,\n]*, \w+ '([^']+)'/.exec(text);
    if (node && node[1]! in FILE_SYSTEM_ERRORS) return errnoError(node[1]!, node[2]!, text);
    const rust = /Failed to write file in (\S+)[\s\S]*?\(os error (\d+)\)/.exec(text);
    const code = rust && ERRNO_NAMES.get(Number(rust[2]));
    if (rust && code && code in FILE_SYSTEM_ERRORS) return errnoError(code, rust[1]!, text);
  }
  return null;
}

/** errno number → name ("ENOSPC"), for errors that arrive as "(os error 28)". */
const ERRNO_NAMES = new Map(Object.entries(os.constants.errno).map(([name, n]) => [n, name]));

function errnoError(code: string, where: string, text: string): NodeJS.ErrnoException {
  return Object.assign(new Error(text), { code, path: where });
}

/** Sorts whatever a command's work threw into the table. Anything unknown is a bug, with its stack. */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  // The smoke test's NotADeckError is known by name: importing it would load puppeteer into every command.
  const notADeck = err instanceof Error && err.name === 'NotADeckError';
  if (err instanceof UsageError || notADeck || err instanceof DeckLocationError)
    return new CliError('usage', err.message);
  if (err instanceof OutputRefusedError) return new CliError('refused', err.message);
  if (err instanceof DeckBuildError) return new CliError('deck', err.message, err.detail);
  if (err instanceof BrowserNotFoundError || err instanceof EnvironmentError)
    return new CliError('environment', err.message);
  const fs = fileSystemError(err);
  if (fs) {
    const where = fs.path ?? (fs as { port?: number }).port?.toString() ?? 'a file';
    return new CliError('environment', `${FILE_SYSTEM_ERRORS[fs.code!]!(where)} (${fs.code})`);
  }
  if (err instanceof ExportError) return new CliError('failed', err.message, err.detail);
  if (err instanceof MissingAssetError)
    return new CliError('failed', `${err.message}: rebuild the deck (run without --no-build)`);
  if (err instanceof Error) return new CliError('bug', err.message, err.stack ?? '');
  return new CliError('bug', typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err)));
}

/** What a command says after its error, by kind: that earlier outputs were kept, and where help is. */
export interface CommandWords {
  /** "export", "build", "smoke". */
  name: string;
  /** "npm run export -- --help". */
  help: string;
  /** "earlier exports were left as they were." */
  kept: string;
}

/** The lines a command prints for an error, by kind. */
export function formatCliError(error: CliError, words: CommandWords): string {
  const detail = error.detail ? `\n${error.detail.replace(/\n+$/, '')}` : '';
  switch (error.kind) {
    case 'usage':
    case 'refused':
      return `${words.name}: error: ${error.message}\nRun \`${words.help}\` for the options.`;
    case 'deck':
      return `\n${error.message}${detail}\n\n${words.name} stopped: the deck does not build; ${words.kept}`;
    case 'failed':
      return `\n${words.name} failed: ${error.message}${detail}\n${capitalise(words.kept)}`;
    case 'environment':
      return `\n${words.name}: ${error.message}\n${capitalise(words.kept)}`;
    case 'interrupted':
      return `\ninterrupted: ${words.kept}`;
    case 'bug':
      return `\n${words.name} failed unexpectedly (please report this):${detail || `\n${error.message}`}\n${capitalise(words.kept)}`;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Prints the error for its kind and returns the exit code from the table. */
export function reportError(err: unknown, words: CommandWords, write = (s: string) => process.stderr.write(s)): number {
  const error = toCliError(err);
  write(`${formatCliError(error, words)}\n`);
  return error.exitCode;
}

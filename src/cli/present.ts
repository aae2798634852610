/**
 * `deck present [dir]` (`npm run present`): builds the deck if needed and serves it to the room
 * with a live session: a presenter link (with a secret) and a follower link (with a QR code).
 * Exit codes: 130 stopped with Ctrl-C (the normal end); 1 the deck does not build or is not a
 * built deck; 2 a bad option; 3 the machine (the port is taken or cannot be bound).
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { buildAndPublish } from '../export/site-build.ts';
import { CliError, reportError } from './errors.ts';
import { startLiveServer, type LiveServer } from '../present/live-server.ts';
import { qrTerminal } from '../present/qr.ts';
import { formatQuestions } from '../present/questions-file.ts';

interface RawOptions {
  port: string;
  host: string;
  shareNotes: boolean;
  saveQuestions?: string;
  maxFollowers: string;
  build: boolean;
  qr: boolean;
}

export function presentCommand(): Command {
  return new Command('deck present')
    .description('Serve the deck to the room: followers move with the presenter and can ask questions.')
    .argument('[dir]', 'the deck project (with slides/) or a built deck (index.html and deck.json)', '.')
    .option('--port <n>', 'port to listen on (0: a free one)', '0')
    .option('--host <address>', 'address to listen on (0.0.0.0: every network of this machine)', '0.0.0.0')
    .option('--share-notes', 'followers see the speaker notes too (self-study groups)', false)
    .option('--save-questions <file>', 'write the questions from the room to this text file when the server stops')
    .option('--max-followers <n>', 'followers at once; more are told the room is full', '500')
    .option('--no-build', 'serve the deck already built in dist/ as it is')
    .option('--no-qr', 'do not draw the QR code in the terminal')
    .addHelpText(
      'after',
      `
The presenter link carries a secret: open it on the presenting laptop only. Press R in this
terminal to replace it (pages that used the old one are disconnected). Ctrl-C stops the server.

Exit codes: 130 stopped with Ctrl-C · 1 the deck does not build · 2 bad option · 3 the port is
taken or cannot be bound.`,
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** How this command names itself in its error messages. */
const WORDS = { name: 'present', help: 'deck present --help', kept: 'nothing was changed.' };

/** The newest modification time under a folder (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** The built deck to serve: `dir` itself when it is one; else `dir/dist`, built first when missing or older than the slides. */
async function siteFor(dir: string, build: boolean): Promise<string> {
  if (existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'deck.json'))) return dir;
  const outDir = path.join(dir, 'dist');
  const built = path.join(outDir, 'deck.json');
  if (!existsSync(path.join(dir, 'slides'))) {
    throw new CliError('usage', `${dir} has neither slides/ nor a built deck (index.html and deck.json)`);
  }
  const stale =
    !existsSync(built) ||
    Math.max(newest(path.join(dir, 'slides')), newest(path.join(dir, 'public'))) > statSync(built).mtimeMs;
  if (!build) {
    if (!existsSync(built)) throw new CliError('usage', `no built deck in ${outDir}: run without --no-build`);
    return outDir;
  }
  if (!stale) return outDir;
  process.stdout.write('building the deck…\n');
  await buildAndPublish(dir, outDir, (line) => process.stderr.write(`warning: ${line.trim()}\n`));
  return outDir;
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError('usage', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

async function printLinks(server: LiveServer, qr: boolean): Promise<void> {
  const out = process.stdout;
  out.write(`\nFollow along (for the room): ${server.followUrl}\n`);
  if (qr) out.write(`${await qrTerminal(server.followUrl)}\n`);
  out.write(`Presenter (keep it secret): ${server.presenterUrl}\n`);
  out.write(
    `Up to ${server.maxFollowers} followers. Press J on the slides to show the QR code, R here for a new presenter link, Ctrl-C to stop.\n`,
  );
}

/** Runs the server until Ctrl-C; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = presentCommand();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const opts = program.opts<RawOptions>();
  let server: LiveServer;
  try {
    const port = integer(opts.port, '--port', 0, 65535);
    const maxFollowers = integer(opts.maxFollowers, '--max-followers', 1, 100_000);
    const dir = path.resolve(program.args[0] ?? '.');
    const site = await siteFor(dir, opts.build);
    server = await startLiveServer({
      dir: site,
      host: opts.host,
      port,
      shareNotes: opts.shareNotes,
      maxFollowers,
      notify: (line) => process.stdout.write(`${line}\n`),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const listen =
      code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL'
        ? new CliError(
            'environment',
            `cannot listen on ${opts.host}:${opts.port} (${code}): choose another --port or --host`,
          )
        : err;
    return reportError(listen, WORDS);
  }
  await printLinks(server, opts.qr);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      process.stdin.pause();
      // Written first and synchronously: a parent relaying Ctrl-C may not wait long.
      if (opts.saveQuestions) {
        const file = path.resolve(opts.saveQuestions);
        writeFileSync(file, formatQuestions(server.questions(), server.title));
        process.stdout.write(`\n${server.questions().length} question(s) saved to ${file}\n`);
      }
      process.stdout.write('\nstopped\n');
      void server.close().finally(() => resolve(130));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (process.stdin.isTTY) {
      process.stdin.setRawMode(true);
      process.stdin.resume();
      process.stdin.on('data', (key: Buffer) => {
        const k = key.toString();
        if (k === '\u0003') stop();
        else if (k === 'r' || k === 'R') {
          server.regenerateToken();
          process.stdout.write(`\nNew presenter link (the old one no longer works): ${server.presenterUrl}\n`);
        }
      });
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2));
  process.exit(code);
}

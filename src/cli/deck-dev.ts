/**
 * `deck dev [deck]`: the dev server with live reload. A deck error shows in the browser's overlay
 * (file, line, code frame) and the server keeps running until it is fixed.
 */
import { Command, InvalidArgumentError } from 'commander';
import { createServer } from 'vite';
import { deckViteConfig } from '../vite/config.ts';
import { EXIT, parseArgs, shownPath } from './command.ts';
import { locateDeck } from './locate-deck.ts';

/** `--port 5173`: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535');
  return port;
}

export function devCommand(): Command {
  return new Command('deck dev')
    .description('Serve the deck with live reload while you write it; prints the URL.')
    .argument('[deck]', 'a deck folder or one markdown file (default: slides/ of the current folder)')
    .option('--open', 'open the deck in your browser')
    .option('--port <port>', 'port to listen on (default: 5173, or the next free one)', parsePort)
    .option(
      '--host [address]',
      'listen on this address, or on every address when given alone (to present from another device)',
    )
    .option('--strict', 'every warning about the deck (an unknown front-matter key…) shows as an error in the overlay')
    .addHelpText(
      'after',
      `
Examples:
  deck dev --open                 slides/ of the current folder
  deck dev my-talk --port 8080

Edits to the markdown, the bibliography and the deck's CSS show at once. Ctrl-C stops.

Exit codes: 0 stopped · 2 bad usage, or the port is taken · 130 interrupted.`,
    );
}

interface DevOptions {
  open?: boolean;
  port?: number;
  host?: string | boolean;
  strict?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  return parseArgs(devCommand(), argv, async (cmd) => {
    const deck = locateDeck(cmd.args[0]);
    const options = cmd.opts<DevOptions>();
    const config = deckViteConfig({
      projectDir: deck.projectDir,
      slidesDir: deck.slidesDir,
      strict: options.strict ?? false,
    });
    const server = await createServer({
      configFile: false,
      ...config,
      logLevel: 'info',
      clearScreen: false,
      server: { ...config.server, open: options.open ?? false, port: options.port, host: options.host },
    });
    try {
      await server.listen();
    } catch (err) {
      await server.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        process.stderr.write(`error: port ${options.port} is in use: pick another with --port, or leave it out\n`);
        return EXIT.usage;
      }
      throw err;
    }
    process.stdout.write(`deck dev: serving ${shownPath(deck.slidesDir)} with live reload (Ctrl-C stops)\n`);
    server.printUrls();
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    await server.close();
    return EXIT.interrupted;
  });
}

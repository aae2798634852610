/** `deck preview [deck]`: serves the deck's built site, as a static host would. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { preview } from 'vite';
import { deckViteConfig } from '../vite/config.ts';
import { buildTarget } from './build.ts';
import { parsePort } from './deck-dev.ts';
import { EXIT, parseArgs, shownPath, UsageError } from './command.ts';

export function previewCommand(): Command {
  return new Command('deck preview')
    .description('Serve the built site (run `deck build` first); prints the URL.')
    .argument('[deck]', 'a deck folder or one markdown file (default: slides/ of the current folder)')
    .option('--out-dir <dir>', "the built site to serve (default: the deck's dist/)")
    .option('--open', 'open it in your browser')
    .option('--port <port>', 'port to listen on (default: 4173, or the next free one)', parsePort)
    .option('--host [address]', 'listen on this address, or on every address when given alone')
    .addHelpText('after', '\nExit codes: 0 stopped · 2 bad usage, or nothing built yet · 130 interrupted.');
}

interface PreviewOptions {
  outDir?: string;
  open?: boolean;
  port?: number;
  host?: string | boolean;
}

export async function main(argv: string[]): Promise<number> {
  return parseArgs(previewCommand(), argv, async (cmd) => {
    const options = cmd.opts<PreviewOptions>();
    const { deck, outDir } = buildTarget(cmd.args, options.outDir);
    if (!existsSync(path.join(outDir, 'index.html')))
      throw new UsageError(
        `${shownPath(outDir)}/ holds no built deck: run \`deck build${cmd.args[0] ? ` ${cmd.args[0]}` : ''}\` first`,
      );
    const server = await preview({
      configFile: false,
      ...deckViteConfig({ projectDir: deck.projectDir, slidesDir: deck.slidesDir, outDir }),
      logLevel: 'info',
      preview: { open: options.open ?? false, port: options.port, host: options.host },
    });
    process.stdout.write(`deck preview: serving ${shownPath(outDir)}/ (Ctrl-C stops)\n`);
    server.printUrls();
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    await server.close();
    return EXIT.interrupted;
  });
}

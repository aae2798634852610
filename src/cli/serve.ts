/**
 * `node --import tsx src/cli/serve.ts [dir] [--base /talk/] [--port N]`: serves a built deck the
 * way the smoke test does, under a URL sub-path, until Ctrl-C.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { serveDir } from '../chromium/serve.ts';
import { EXIT, reportError, type CommandWords } from './errors.ts';

export const SERVE_WORDS: CommandWords = {
  name: 'serve',
  help: 'node --import tsx src/cli/serve.ts --help',
  kept: 'nothing was written.',
};

/** Starts the server; resolves to 0 once it listens (it then runs until the process is stopped), or an exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('serve')
    .description('Serve a built deck under a URL sub-path, as the smoke test does.')
    .argument('[dir]', 'the built deck', 'dist')
    .option('--base <path>', 'URL sub-path', '/talk/')
    .option('--port <n>', 'port (default: a free one)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  const dir = program.args[0] ?? 'dist';
  const { base, port } = program.opts<{ base: string; port?: string }>();
  try {
    const server = await serveDir(dir, { base, port: port ? Number(port) : undefined });
    process.stdout.write(`serving ${path.resolve(dir)} at ${server.url} (ctrl+c to stop)\n`);
    return EXIT.ok;
  } catch (err) {
    return reportError(err, SERVE_WORDS);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2));
  if (code !== EXIT.ok) process.exit(code);
}

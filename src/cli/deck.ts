#!/usr/bin/env node
/**
 * `deck <command> [deck] [options]`: one command for any deck folder or markdown file. Each
 * subcommand lives in its own module, loaded only when it runs, so `deck --help` starts at once.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distance } from 'fastest-levenshtein';

/** One subcommand: what `deck --help` says of it, and its entry (the words after its name → exit code). */
interface Subcommand {
  usage: string;
  summary: string;
  run: (argv: string[]) => Promise<number>;
}

export const COMMANDS: Record<string, Subcommand> = {
  new: {
    usage: 'new <folder>',
    summary: 'start a deck: a working example of every feature',
    run: async (argv) => (await import('./deck-new.ts')).main(argv),
  },
  dev: {
    usage: 'dev [deck]',
    summary: 'serve it with live reload while you write (prints the URL)',
    run: async (argv) => (await import('./deck-dev.ts')).main(argv),
  },
  build: {
    usage: 'build [deck]',
    summary: "the static site, into the deck's dist/",
    run: async (argv) => (await import('./build.ts')).main(argv),
  },
  preview: {
    usage: 'preview [deck]',
    summary: 'serve the built site',
    run: async (argv) => (await import('./deck-preview.ts')).main(argv),
  },
  export: {
    usage: 'export [deck]',
    summary: 'build, then the slides PDF, the handout PDF and the offline page',
    run: async (argv) => (await import('./export.ts')).main(argv),
  },
  smoke: {
    usage: 'smoke [deck]',
    summary: 'build, then check every slide in Chromium',
    run: async (argv) => (await import('./smoke.ts')).main(argv),
  },
  present: {
    usage: 'present [deck]',
    summary: 'serve the room: followers on their phones, questions, the presenter in control',
    run: async (argv) => (await import('./present.ts')).main(argv),
  },
  // More subcommands join here, each a module of its own with a `main(argv)`.
};

function version(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export function helpText(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  return [
    'Usage: deck <command> [deck] [options]',
    '',
    'Markdown slides into a reveal.js deck, PDFs and an offline page.',
    '[deck] is a deck folder or one markdown file; without it, slides/ of the current folder.',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  deck ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Run `deck <command> --help` for its options.',
    '',
    'Examples:',
    '  deck new my-talk && deck dev my-talk --open',
    '  deck export my-talk',
    '',
    'Exit codes: 0 done · 1 the deck has an error · 2 bad usage · 3 no browser · 130 interrupted.',
    '',
  ].join('\n');
}

/** Runs `deck …argv`; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) return COMMANDS[rest[0]]!.run(['--help']);
    (name === undefined ? process.stderr : process.stdout).write(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const nearest = Object.keys(COMMANDS).sort((a, b) => distance(name, a) - distance(name, b))[0]!;
    const hint = distance(name, nearest) <= 2 ? ` (did you mean \`deck ${nearest}\`?)` : '';
    process.stderr.write(`error: unknown command "${name}"${hint}\n\n${helpText()}`);
    return 2;
  }
  return command.run(rest);
}

/** Run as a program (also through npm's bin link, which is a symlink to this file). */
function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await main(process.argv.slice(2));
  // Exit explicitly: Vite and puppeteer can leave handles that would keep the process alive.
  process.exit(code);
}

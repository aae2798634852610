import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnCollecting, type CommandRun } from '../helpers/spawn-collect.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** The compiled binary, as package.json's `bin` names it. */
export const DECK_BIN = path.join(root, 'lib/cli/deck.js');

export type DeckRun = CommandRun;

/** Starts `deck …args` as a child process; `onStdout` sees the output so far as it comes. */
export function startDeck(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; onStdout?: (text: string, child: ChildProcess) => void },
): { child: ChildProcess; done: Promise<DeckRun> } {
  return spawnCollecting(process.execPath, [DECK_BIN, ...args], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), FORCE_COLOR: '0', NO_COLOR: '1' },
    onStdout: options.onStdout,
  });
}

export function runDeck(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<DeckRun> {
  return startDeck(args, options).done;
}

/**
 * Runs a server command (`deck dev`, `deck preview`) until it prints its local URL, fetches that
 * page, then stops it with Ctrl-C. Resolves to the page's status and text and the run's end.
 */
export async function serveOnce(
  args: readonly string[],
  cwd: string,
): Promise<{ url: string; status: number; html: string; run: DeckRun }> {
  let found: (url: string) => void;
  const urlSeen = new Promise<string>((resolve) => (found = resolve));
  const { child, done } = startDeck(args, {
    cwd,
    onStdout: (text) => {
      const m = /Local:\s+(http:\/\/\S+)/.exec(text);
      if (m) found(m[1]!);
    },
  });
  const url = await Promise.race([urlSeen, done.then((r) => Promise.reject(new Error(`exited: ${r.stderr}`)))]);
  try {
    const res = await fetch(url);
    return { url, status: res.status, html: await res.text(), run: await stop() };
  } catch (err) {
    await stop();
    throw err;
  }
  async function stop(): Promise<DeckRun> {
    child.kill('SIGINT');
    return done;
  }
}

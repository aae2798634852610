import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
/** The compiled binary, as package.json's `bin` names it. */
export const DECK_BIN = path.join(root, 'lib/cli/deck.js');

export interface DeckRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `deck …args` as a child process; `onStdout` sees the output so far as it comes. */
export function startDeck(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; onStdout?: (text: string, child: ChildProcess) => void },
): { child: ChildProcess; done: Promise<DeckRun> } {
  const child = spawn(process.execPath, [DECK_BIN, ...args], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    options.onStdout?.(stdout, child);
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<DeckRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
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

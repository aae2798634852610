import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, makeSite } from '../present/live-helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const site = makeSite();
afterAll(() => site.cleanup());

/** `npm run present` as a user runs it: tsx and its child in their own process group, as a terminal would. */
function present(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(tsx, ['src/cli/present.ts', ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(text: () => string, pattern: RegExp, exited: Promise<unknown>): Promise<RegExpMatchArray> {
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    const m = pattern.exec(text());
    if (m) return m;
    if (done) throw new Error(`the command ended before printing ${pattern}:\n${text()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run present', { timeout: 60_000 }, () => {
  it('prints both links and a QR code, saves the questions and leaves no process behind on Ctrl-C', async () => {
    const file = path.join(path.dirname(site.dir), 'questions.txt');
    const run = present([site.dir, '--host', '127.0.0.1', '--port', '0', '--save-questions', file]);
    const [, follow] = await waitFor(run.output, /Follow along \(for the room\): (http:\S+)/, run.exited);
    const [, presenterUrl] = await waitFor(run.output, /Presenter \(keep it secret\): (http:\S+)/, run.exited);
    expect(presenterUrl).toMatch(/\/presenter\?key=[\w-]{22,}$/);
    expect(run.output()).toContain('▄');
    expect(run.output()).toMatch(/Up to 500 followers/);

    const port = Number(new URL(follow!).port);
    const student = new Client(port);
    await student.next('welcome');
    student.send({ t: 'ask', text: 'What about <b>this</b>?', h: 1, v: 0 });
    await student.next('asked');

    process.kill(-run.child.pid!, 'SIGINT');
    expect(await run.exited).toBe(130);
    await student.closed;
    // Nothing of the group is left, and the port is free again.
    for (let i = 0; i < 40 && groupAlive(run.child.pid!); i++) await new Promise((r) => setTimeout(r, 50));
    expect(groupAlive(run.child.pid!)).toBe(false);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Questions from the room: Test talk');
    expect(text).toMatch(/1\. \[\d\d:\d\d UTC, slide 2 \(Two\)\]\n {3}What about <b>this<\/b>\?/);
  });

  it('exits 2 on a bad option and 3 when the port is taken', async () => {
    const bad = present([site.dir, '--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--port must be a whole number/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const taken = present([site.dir, '--host', '127.0.0.1', '--port', String(port)]);
    expect(await taken.exited).toBe(3);
    expect(taken.output()).toMatch(/EADDRINUSE/);
    blocker.close();
  });

  it('exits 2 for a folder that is neither a deck nor a build', async () => {
    const run = present([path.join(site.dir, 'assets')]);
    expect(await run.exited).toBe(2);
    expect(existsSync(path.join(site.dir, 'assets', 'dist'))).toBe(false);
  });
});

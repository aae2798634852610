import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../helpers/build-deck.ts';

const root = path.resolve(import.meta.dirname, '../..');
const VITE = path.join(root, 'node_modules/.bin/vite');

/** A port that something else already listens on, as when a second dev server is started. */
function takenPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, server });
    });
  });
}

/** Starts `vite <args>` in the project and returns what it printed once it says where it listens; then stops it. */
function startAndRead(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(VITE, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Local:\s+http:\/\/\S+/.test(out)) {
        child.kill('SIGTERM');
        resolve(out);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`vite ${args.join(' ')} exited ${code} before printing its URL:\n${out}`)),
    );
  });
}

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

describe('the dev server and preview say where they are', { timeout: 120_000 }, () => {
  it('dev: the URL, and that the port it was given was taken', async () => {
    const { port, server } = await takenPort();
    servers.push(server);
    const out = await startAndRead(['--port', String(port), '--host', '127.0.0.1']);
    expect(out).toContain(`Port ${port} is in use, trying another one...`);
    const url = /Local:\s+(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
    expect(url, out).not.toBeNull();
    expect(Number(url![2])).not.toBe(port);
  });

  it('preview: the URL of the built site', async () => {
    const { distDir } = await buildFixture(path.join(root, 'test/fixtures/decks/basic'));
    const { port, server } = await takenPort();
    servers.push(server);
    const out = await startAndRead(['preview', '--outDir', distDir, '--port', String(port), '--host', '127.0.0.1']);
    expect(out).toMatch(/Local:\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(out).toContain(`Port ${port} is in use`);
  });
});

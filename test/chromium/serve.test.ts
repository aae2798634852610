import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeBase, serveDir, type StaticServer } from '../../src/chromium/serve.ts';
import { tempDir } from '../helpers/temp-dir.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes out exactly as written (fetch would normalise "..", "%2e%2e"). */
function get(
  server: StaticServer,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('serveDir', () => {
  const root = tempDir('deck-serve-');
  const dist = path.join(root, 'dist');
  let server: StaticServer;

  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    mkdirSync(path.join(dist, 'docs'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Deck</title>');
    writeFileSync(path.join(dist, 'docs/index.html'), 'docs');
    writeFileSync(path.join(dist, 'deck.json'), '{"slides":[]}');
    writeFileSync(path.join(dist, 'assets/font.woff2'), 'wOF2');
    writeFileSync(path.join(dist, 'assets/icon.svg'), '<svg/>');
    writeFileSync(path.join(dist, 'assets/app.js'), 'void 0;');
    writeFileSync(path.join(dist, 'assets/app.css'), 'a{}');
    writeFileSync(path.join(dist, 'talk.pdf'), '%PDF-1.7 0123456789');
    writeFileSync(path.join(dist, 'a file.txt'), 'spaces');
    writeFileSync(path.join(root, 'secret.txt'), 'outside the folder');
    symlinkSync(path.join(root, 'secret.txt'), path.join(dist, 'link.txt'));
    server = await serveDir(dist, { base: '/talk/' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 on a free port, under the sub-path', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/talk\/$/);
    const other = await serveDir(dist);
    try {
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });

  it('serves index.html for the folder, and redirects the sub-path without its slash', async () => {
    const index = await get(server, '/talk/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Deck</title>');
    expect(await get(server, '/talk?print-pdf')).toMatchObject({
      status: 301,
      headers: { location: '/talk/?print-pdf' },
    });
    expect(await get(server, '/talk/docs')).toMatchObject({ status: 301, headers: { location: '/talk/docs/' } });
    expect((await get(server, '/talk/docs/')).body).toBe('docs');
  });

  it.each([
    ['/talk/deck.json', 'application/json; charset=utf-8'],
    ['/talk/assets/font.woff2', 'font/woff2'],
    ['/talk/assets/icon.svg', 'image/svg+xml'],
    ['/talk/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/talk/assets/app.css', 'text/css; charset=utf-8'],
    ['/talk/talk.pdf', 'application/pdf'],
    ['/talk/a%20file.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s', async (url, type) => {
    const reply = await get(server, url);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/talk/nope.png', '/nope.png', '/', '/favicon.ico', '/talkative/index.html'])(
    'answers 404 for %s',
    async (url) => {
      expect((await get(server, url)).status).toBe(404);
    },
  );

  it.each([
    '/talk/../secret.txt',
    '/talk/%2e%2e/secret.txt',
    '/talk/..%2fsecret.txt',
    '/talk/..%5csecret.txt',
    '/talk/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/talk/index.html%00.txt',
    '/talk/link.txt',
  ])('never leaves the folder: %s is 404', async (url) => {
    const reply = await get(server, url);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('outside the folder');
  });

  it('answers HEAD without a body, ranges with 206, and other methods with 405', async () => {
    const head = await get(server, '/talk/talk.pdf', { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '', headers: { 'content-length': '19' } });
    const range = await get(server, '/talk/talk.pdf', { headers: { Range: 'bytes=0-7' } });
    expect(range).toMatchObject({ status: 206, body: '%PDF-1.7', headers: { 'content-range': 'bytes 0-7/19' } });
    expect((await get(server, '/talk/talk.pdf', { headers: { Range: 'bytes=99-' } })).status).toBe(416);
    expect((await get(server, '/talk/', { method: 'POST' })).status).toBe(405);
  });

  it('normalises the sub-path', () => {
    expect(normalizeBase('talk')).toBe('/talk/');
    expect(normalizeBase('/talk')).toBe('/talk/');
    expect(normalizeBase('//a/b//')).toBe('/a/b/');
    expect(normalizeBase('/')).toBe('/');
  });
});

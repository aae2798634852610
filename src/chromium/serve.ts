import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MIME_TYPES } from '../mime-types.ts';

/** A running server for one folder. */
export interface StaticServer {
  /** URL of the folder, ending in the sub-path: `http://127.0.0.1:41234/talk/`. */
  url: string;
  /** `http://127.0.0.1:41234`: a request anywhere else left this server. */
  origin: string;
  port: number;
  /** The HTTP server itself, for a caller that adds to it (WebSocket upgrades). */
  server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** URL sub-path the folder is served under. @default "/talk/" */
  base?: string;
  /** @default "127.0.0.1" */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /**
   * Runs before the folder is served; resolves true when it answered the request itself
   * (a page rewritten for one kind of visitor, a file withheld), false to serve the file as is.
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

/** "/talk", "talk/", "/" → "/talk/", "/talk/", "/". */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

type Resolved =
  { type: 'file'; file: string; stats: Stats } | { type: 'redirect'; location: string } | { type: 'missing' };

/**
 * Maps a URL path under `base` to a file inside `root` (realpath), or says it is missing.
 * Anything that leaves the folder (`..`, encoded slashes, symlinks out, NUL) is missing, not an error.
 */
export async function resolveRequest(root: string, base: string, urlPath: string): Promise<Resolved> {
  if (urlPath === base.slice(0, -1) && base !== '/') return { type: 'redirect', location: base };
  if (!urlPath.startsWith(base)) return { type: 'missing' };
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(base.length));
  } catch {
    return { type: 'missing' };
  }
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((part) => part === '..'))
    return { type: 'missing' };
  let file = path.resolve(root, rel);
  if (!isInside(root, file)) return { type: 'missing' };
  try {
    let stats = await stat(file);
    if (stats.isDirectory()) {
      if (!urlPath.endsWith('/')) return { type: 'redirect', location: `${urlPath}/` };
      file = path.join(file, 'index.html');
      stats = await stat(file);
    }
    if (!stats.isFile()) return { type: 'missing' };
    // A symlink inside the folder must not lead out of it.
    if (!isInside(root, await realpath(file))) return { type: 'missing' };
    return { type: 'file', file, stats };
  } catch {
    return { type: 'missing' };
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Parses a single `bytes=a-b` range; null when absent or not satisfiable as one range. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(size - Number(m[2]), 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function handle(root: string, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const found = await resolveRequest(root, base, url.pathname);
  if (found.type === 'redirect') {
    res.writeHead(301, { Location: found.location + url.search, 'Content-Length': 0 });
    res.end();
    return;
  }
  if (found.type === 'missing') {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  const { file, stats } = found;
  const headers: Record<string, string | number> = {
    'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
    'Last-Modified': stats.mtime.toUTCString(),
  };
  const range = parseRange(req.headers.range, stats.size);
  if (range === 'invalid') {
    res.writeHead(416, { 'Content-Range': `bytes */${stats.size}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: stats.size - 1 };
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${stats.size}`;
  headers['Content-Length'] = Math.max(end - start + 1, 0);
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || stats.size === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Serves a folder (a built deck's `dist/`) on 127.0.0.1, on a free port, under a URL sub-path,
 * so a test proves the deck's relative URLs work away from the server root.
 */
export async function serveDir(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const root = await realpath(path.resolve(dir));
  const base = normalizeBase(options.base ?? '/talk/');
  const host = options.host ?? '127.0.0.1';
  const { intercept } = options;
  const server = createServer((req, res) => {
    const serve = async () => {
      if (!intercept || !(await intercept(req, res))) await handle(root, base, req, res);
    };
    serve().catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}${base}`,
    origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

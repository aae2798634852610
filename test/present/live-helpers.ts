import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/present/protocol.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A tiny built deck (index.html with notes, deck.json, a handout, an asset) in a fresh temp folder, with a secret beside it. */
export function makeSite(): { dir: string; cleanup(): void } {
  const root = tempDir('deck-live-');
  const dir = path.join(root, 'dist');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!DOCTYPE html><html><head><title>T</title></head><body><div class="reveal"><div class="slides">' +
      '<section><h1>One</h1><aside class="notes">SECRET NOTES ONE</aside></section>' +
      '<section><h2>Two</h2><aside class="notes">SECRET NOTES TWO</aside></section></div></div></body></html>',
  );
  writeFileSync(
    path.join(dir, 'deck.json'),
    JSON.stringify({
      title: 'Test talk',
      slug: 'talk',
      slides: [
        {
          index: 0,
          h: 0,
          v: 0,
          title: 'One',
          notesText: 'SECRET NOTES ONE',
          notesHtml: '<p>SECRET NOTES ONE</p>',
          notesWords: 3,
        },
        {
          index: 1,
          h: 1,
          v: 0,
          title: 'Two',
          notesText: 'SECRET NOTES TWO',
          notesHtml: '<p>SECRET NOTES TWO</p>',
          notesWords: 3,
        },
      ],
    }),
  );
  writeFileSync(path.join(dir, 'talk-handout.pdf'), 'SECRET NOTES PDF');
  writeFileSync(path.join(dir, 'talk.pdf'), 'slides pdf');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'OUTSIDE THE DECK');
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as given (no URL normalisation), to 127.0.0.1. */
export function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket client that keeps every message and can wait for one. */
export class Client {
  readonly messages: ServerMessage[] = [];
  readonly ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  constructor(port: number, options: { cookie?: string; origin?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.origin) headers.Origin = options.origin;
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/__deck-live/socket`, { headers });
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const w of this.waiters.splice(0)) w();
      });
    });
    this.ws.on('error', () => {});
  }

  /** Resolves with the first message (kept or to come) that matches; rejects if the socket closes first. */
  async next<T extends ServerMessage['t']>(
    t: T,
    match: (m: Extract<ServerMessage, { t: T }>) => boolean = () => true,
    from = 0,
  ): Promise<Extract<ServerMessage, { t: T }>> {
    for (;;) {
      const found = this.messages
        .slice(from)
        .find((m): m is Extract<ServerMessage, { t: T }> => m.t === t && match(m as Extract<ServerMessage, { t: T }>));
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`closed before a "${t}" message`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** The presenter's cookie, as the presenter link sets it. */
export async function presenterCookie(port: number, presenterUrl: string): Promise<string> {
  const url = new URL(presenterUrl);
  const reply = await get(port, `${url.pathname}${url.search}`);
  const set = reply.headers['set-cookie'];
  const line = Array.isArray(set) ? set[0] : set;
  if (reply.status !== 303 || !line) throw new Error(`the presenter link answered ${reply.status}`);
  return line.split(';')[0]!;
}

import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveDir, type StaticServer } from '../chromium/serve.ts';
import { liveClientScript } from './client-bundle.ts';
import { linkHost } from './lan-address.ts';
import { CLOSE, MAX_MESSAGE_BYTES, QUESTION_MAX_CHARS, SOCKET_PATH } from '../contract/live.ts';
import { liveRoutes } from './live-routes.ts';
import type { LiveState, Question } from './protocol.ts';
import { DEFAULT_LIMITS, json, Room, type Member, type RoomLimits } from './room.ts';
import { cookieName, newToken, readCookie, tokenMatches } from './token.ts';

export interface LiveServerOptions {
  /** The built deck: index.html and deck.json. */
  dir: string;
  /** @default "0.0.0.0" (the room's network) */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** The presenter's secret; a new random one when absent. */
  token?: string;
  /** Followers get the speaker notes too (self-study groups). @default false */
  shareNotes?: boolean;
  /** Followers at once; one more is told the room is full. @default 500 */
  maxFollowers?: number;
  limits?: Partial<RoomLimits>;
  /** The host name the printed links use. @default the LAN address (see linkHost) */
  linkHost?: string;
  /** Told what the presenter should know (the room is full), in a line of text. */
  notify?: (line: string) => void;
}

export interface LiveServer {
  port: number;
  /** The deck's title. */
  title: string;
  /** The link for the room (no secret in it). */
  followUrl: string;
  /** The presenter's link, with the secret: print it only to the presenter. */
  readonly presenterUrl: string;
  maxFollowers: number;
  /** Replaces the presenter's secret; pages that used the old one are disconnected. */
  regenerateToken(): string;
  state(): LiveState | null;
  questions(): Question[];
  followers(): number;
  close(): Promise<void>;
}

interface DeckInfo {
  title: string;
  slug: string;
  slides: { h: number; v: number; title: string }[];
}

/** Refused WebSocket frames and a slow reader's backlog are cut off past this many bytes. */
const MAX_BUFFERED = 1 << 20;
const HEARTBEAT_MS = 15_000;

/**
 * `deck present`'s server: the built deck over HTTP and the live session over a WebSocket on
 * the same port. The presenter is whoever opened the presenter link (its secret becomes an
 * HttpOnly cookie), and only the presenter moves the room.
 */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const dir = path.resolve(options.dir);
  const deck = JSON.parse(await readFile(path.join(dir, 'deck.json'), 'utf8')) as DeckInfo;
  const titles = new Map(deck.slides.map((s) => [`${s.h}/${s.v}`, s.title]));
  const shareNotes = options.shareNotes ?? false;
  const maxFollowers = options.maxFollowers ?? 500;
  let token = options.token ?? newToken();
  const room = new Room((h, v) => titles.get(`${h}/${v}`) ?? '', { ...DEFAULT_LIMITS, ...options.limits });
  // Built now, so the first page load does not wait for it (and a broken client fails the start).
  const client = await liveClientScript();
  const sockets = new Map<WebSocket, { member: Member; alive: boolean }>();

  let cookie = '';
  let followUrl = '';

  const intercept = await liveRoutes({
    dir,
    slug: deck.slug,
    shareNotes,
    client,
    token: () => token,
    cookie: () => cookie,
    followUrl: () => followUrl,
  });

  const statics: StaticServer = await serveDir(dir, {
    base: '/',
    host: options.host ?? '0.0.0.0',
    port: options.port ?? 0,
    intercept,
  });
  const port = statics.port;
  cookie = cookieName(port);
  const host = options.linkHost ?? linkHost(options.host ?? '0.0.0.0');
  followUrl = `http://${host}:${port}/`;

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, clientTracking: false });
  statics.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SOCKET_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => admit(ws, req));
  });

  let countTimer: NodeJS.Timeout | undefined;
  let lastFullNotice = -Infinity;
  const announceCount = () => {
    countTimer ??= setTimeout(() => {
      countTimer = undefined;
      room.broadcast(json({ t: 'count', followers: room.count('follower'), max: maxFollowers }), 'presenter');
    }, 250);
  };

  function admit(ws: WebSocket, req: IncomingMessage): void {
    const claimed = readCookie(req.headers.cookie, cookie);
    if (claimed !== undefined && !(tokenMatches(claimed, token) && sameOrigin(req))) {
      ws.send(json({ t: 'denied' }));
      ws.close(CLOSE.denied, 'denied');
      return;
    }
    const role = claimed === undefined ? 'follower' : 'presenter';
    if (role === 'follower' && room.count('follower') >= maxFollowers) {
      const now = Date.now();
      if (now - lastFullNotice > 30_000) {
        lastFullNotice = now;
        options.notify?.(`The room is full (${maxFollowers} followers): newcomers are told to wait (--max-followers).`);
      }
      ws.send(json({ t: 'full', max: maxFollowers }));
      ws.close(CLOSE.full, 'full');
      return;
    }
    const member: Member = {
      role,
      address: req.socket.remoteAddress ?? '',
      send: (message) => {
        if (ws.readyState !== ws.OPEN) return;
        // A reader that cannot keep up is let go rather than held in memory.
        if (ws.bufferedAmount > MAX_BUFFERED) ws.terminate();
        else ws.send(message, { binary: false });
      },
      cutOff: () => {
        ws.close(CLOSE.flood, 'too many messages');
        // The socket is paused so nothing more from it is read, then dropped if it does not close.
        ws.pause();
        setTimeout(() => ws.terminate(), 1000).unref();
      },
    };
    const entry = { member, alive: true };
    sockets.set(ws, entry);
    ws.send(json({ t: 'welcome', role, state: room.state, questionMaxChars: QUESTION_MAX_CHARS, followUrl }));
    room.join(member);
    announceCount();
    ws.on('message', (data, isBinary) => room.receive(member, isBinary ? null : data.toString()));
    ws.on('pong', () => (entry.alive = true));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      sockets.delete(ws);
      room.leave(member);
      announceCount();
    });
  }

  // Phones that left without closing (out of range, asleep) are noticed and dropped.
  const heartbeat = setInterval(() => {
    for (const [ws, entry] of sockets) {
      if (!entry.alive) {
        ws.terminate();
        continue;
      }
      entry.alive = false;
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    port,
    title: deck.title,
    followUrl,
    maxFollowers,
    get presenterUrl() {
      return `http://${host}:${port}/presenter?key=${token}`;
    },
    regenerateToken() {
      token = newToken();
      for (const [ws, { member }] of sockets) {
        if (member.role !== 'presenter') continue;
        ws.send(json({ t: 'denied' }));
        ws.close(CLOSE.denied, 'replaced');
      }
      return token;
    },
    state: () => room.state,
    questions: () => room.questions,
    followers: () => room.count('follower'),
    async close() {
      clearInterval(heartbeat);
      clearTimeout(countTimer);
      for (const ws of sockets.keys()) ws.terminate();
      sockets.clear();
      wss.close();
      await statics.close();
    },
  };
}

/** A browser sends Origin; it must be this server (no other site's page may use the cookie). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

import type { Stats } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveRequest, sendText } from '../chromium/serve.ts';
import { CLIENT_PATH, QR_PATH } from '../contract/live.ts';
import { followerDeckJson, livePage, notesFiles } from './page.ts';
import { qrSvg } from './qr.ts';
import { readCookie, tokenMatches } from './token.ts';

export interface RoutesContext {
  /** The built deck's folder. */
  dir: string;
  slug: string;
  shareNotes: boolean;
  /** The live client's script. */
  client: string;
  /** The presenter's secret, its cookie's name and the follower link: they can change while serving. */
  token(): string;
  cookie(): string;
  followUrl(): string;
}

type Intercept = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * What `deck present` answers itself before the folder is served: the presenter link (which
 * turns the secret into an HttpOnly cookie), the live client, the QR code, and the files that
 * differ for followers: the page and deck.json without the notes, the notes handout and
 * offline page withheld (unless the notes are shared).
 */
export async function liveRoutes(ctx: RoutesContext): Promise<Intercept> {
  let qr: Promise<string> | undefined;
  const isPresenter = (req: IncomingMessage) => tokenMatches(readCookie(req.headers.cookie, ctx.cookie()), ctx.token());
  // The files that hold the notes, known by identity (device and inode), not by name: a name
  // can be spelled many ways (case on macOS, links, encodings) but resolves to one file.
  const root = await realpath(ctx.dir);
  const identity = (stats: Stats) => `${stats.dev}:${stats.ino}`;
  const identityOf = async (name: string) => {
    const found = await resolveRequest(root, '/', `/${name}`);
    return found.type === 'file' ? identity(found.stats) : undefined;
  };
  const indexId = await identityOf('index.html');
  const deckJsonId = await identityOf('deck.json');
  const withheld = new Set((await Promise.all([...notesFiles(ctx.slug)].map(identityOf))).filter((id) => id));

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const noStore = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (url.pathname === '/presenter') {
      if (!tokenMatches(url.searchParams.get('key') ?? undefined, ctx.token())) {
        sendText(res, 403, 'This presenter link is wrong or was replaced: use the one in the terminal.\n', noStore);
        return true;
      }
      res.writeHead(303, {
        Location: '/',
        'Set-Cookie': `${ctx.cookie()}=${ctx.token()}; HttpOnly; SameSite=Strict; Path=/`,
        'Content-Length': 0,
        ...noStore,
      });
      res.end();
      return true;
    }
    if (url.pathname === CLIENT_PATH) {
      send(res, 'text/javascript; charset=utf-8', ctx.client, noStore);
      return true;
    }
    if (url.pathname === QR_PATH) {
      qr ??= qrSvg(ctx.followUrl());
      send(res, 'image/svg+xml', await qr, noStore);
      return true;
    }
    const found = await resolveRequest(root, '/', url.pathname);
    if (found.type !== 'file') return false;
    const id = identity(found.stats);
    const notes = ctx.shareNotes || isPresenter(req);
    if (id === indexId) {
      const html = await readFile(found.file, 'utf8');
      send(res, 'text/html; charset=utf-8', livePage(html, { withNotes: notes }), noStore);
      return true;
    }
    if (notes) return false;
    if (id === deckJsonId) {
      send(res, 'application/json', followerDeckJson(await readFile(found.file, 'utf8')), noStore);
      return true;
    }
    if (withheld.has(id)) {
      sendText(res, 404, 'Not Found\n');
      return true;
    }
    return false;
  };
}

function send(res: ServerResponse, type: string, body: string, headers: Record<string, string>): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

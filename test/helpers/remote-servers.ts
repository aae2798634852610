import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Local stand-ins for other sites, on other loopback addresses than the deck's (no internet here):
 * one that takes the connection and never answers, one that answers 404, one that serves a red
 * SVG picture. Every request is counted by path.
 */
export interface RemoteSites {
  /** Base URL (`http://127.0.0.2:PORT`) of the site that never answers. */
  silent: string;
  /** Base URL of the site that answers 404 Not Found to everything. */
  missing: string;
  /** Base URL of the site that serves a 200×100 red SVG for any path. */
  working: string;
  /** Paths asked for, per site. */
  asked: { silent: string[]; missing: string[]; working: string[] };
  close(): Promise<void>;
}

const RED_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#f00"/></svg>';

async function listen(server: http.Server, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

export async function startRemoteSites(): Promise<RemoteSites> {
  const asked: RemoteSites['asked'] = { silent: [], missing: [], working: [] };
  const sockets = new Set<Socket>();
  const silent = http.createServer((req) => asked.silent.push(req.url ?? ''));
  const missing = http.createServer((req, res) => {
    asked.missing.push(req.url ?? '');
    res.writeHead(404).end('not here');
  });
  const working = http.createServer((req, res) => {
    asked.working.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(RED_SVG);
  });
  for (const s of [silent, missing, working])
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  const [silentUrl, missingUrl, workingUrl] = await Promise.all([
    listen(silent, '127.0.0.2'),
    listen(missing, '127.0.0.3'),
    listen(working, '127.0.0.4'),
  ]);
  return {
    silent: silentUrl,
    missing: missingUrl,
    working: workingUrl,
    asked,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([silent, missing, working].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** A deck whose slides name files on those sites: a silent picture, iframe and video, a missing background, a working picture. */
export function remoteDeck(sites: Pick<RemoteSites, 'silent' | 'missing' | 'working'>): string {
  return `---
title: Remote things
---

# A silent picture

![A picture that never comes](${sites.silent}/silent.png)

Note: The picture's site takes the connection and never answers.

---

<!-- .slide: data-background-image="${sites.missing}/gone.jpg" -->

## A missing background

Note: The background's site answers 404.

---

## A silent frame

<iframe src="${sites.silent}/frame.html" width="400" height="200" title="A frame that never comes"></iframe>

Note: The frame never comes.

---

## A silent video

<video src="${sites.silent}/clip.webm" width="320"></video>

Note: Nor does the video.

---

## A picture that loads

![A red box from another site](${sites.working}/red.svg)

Note: This one arrives.
`;
}

import { CLOSE, SOCKET_PATH } from '../contract/live.ts';
import type { ClientMessage, ServerMessage } from '../contract/live.ts';

/** What the connection is doing, for the status line. */
export type LinkStatus =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'retrying'; inMs: number }
  | { kind: 'full'; inMs: number }
  | { kind: 'denied' };

export interface LiveLink {
  /** False when not connected: the message is not queued. */
  send(message: ClientMessage): boolean;
}

/**
 * One WebSocket to the server that comes back by itself: after a drop it waits 0.5 s, then
 * twice as long each time up to 10 s (with jitter, so a room of phones does not reconnect in
 * one burst); a full room is retried every 15 s or so; a refused presenter link is not retried.
 */
export function connectLive(handlers: { message(m: ServerMessage): void; status(s: LinkStatus): void }): LiveLink {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let full = false;
  let denied = false;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SOCKET_PATH}`;

  const open = () => {
    handlers.status({ kind: 'connecting' });
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('message', (e) => {
      if (typeof e.data !== 'string') return;
      let m: ServerMessage;
      try {
        m = JSON.parse(e.data) as ServerMessage;
      } catch {
        return;
      }
      if (m.t === 'welcome') {
        attempt = 0;
        full = false;
        handlers.status({ kind: 'live' });
      } else if (m.t === 'full') full = true;
      else if (m.t === 'denied') denied = true;
      handlers.message(m);
    });
    ws.addEventListener('close', (e) => {
      if (socket !== ws) return;
      socket = null;
      if (denied || e.code === CLOSE.denied) {
        handlers.status({ kind: 'denied' });
        return;
      }
      const base = full || e.code === CLOSE.full ? 15_000 : Math.min(500 * 2 ** attempt, 10_000);
      const inMs = Math.round(base * (0.75 + Math.random() * 0.5));
      attempt++;
      handlers.status(full || e.code === CLOSE.full ? { kind: 'full', inMs } : { kind: 'retrying', inMs });
      setTimeout(open, inMs);
    });
  };
  open();
  return {
    send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
  };
}

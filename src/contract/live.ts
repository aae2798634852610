/**
 * What the live server (src/present/) and the live client (src/browser/live*.ts) agree on: paths,
 * limits, close codes and the messages' types. The pages import this at run time, so it imports
 * nothing; the server's schemas (present/protocol.ts) are checked against these types.
 */

/** A question's length, in characters (code points, so an emoji counts as one). */
export const QUESTION_MAX_CHARS = 280;
/** Larger frames are refused by the socket itself before any parsing. */
export const MAX_MESSAGE_BYTES = 4096;
/** The prefix of the server's own URLs. */
export const LIVE_PATH = '/__deck-live/';
/** The WebSocket's path. */
export const SOCKET_PATH = `${LIVE_PATH}socket`;
/** The follower link's QR code, as SVG. */
export const QR_PATH = `${LIVE_PATH}qr.svg`;
/** The live client's script. */
export const CLIENT_PATH = `${LIVE_PATH}client.js`;

/** Close codes the pages act on. */
export const CLOSE = {
  denied: 4001,
  full: 4002,
  flood: 4003,
} as const;

/** Where the presenter is: horizontal, vertical slide and fragment (-1: none shown yet). */
export interface LiveState {
  h: number;
  v: number;
  f: number;
}

/** Everything a page may send. Which role may send which kind is the server's decision. */
export type ClientMessage =
  | ({ t: 'state' } & LiveState)
  | { t: 'ask'; text: string; h: number; v: number }
  | { t: 'mark'; id: number; answered?: boolean | undefined; hidden?: boolean | undefined };

export interface Question {
  id: number;
  /** Plain text, exactly as asked: never markup. */
  text: string;
  h: number;
  v: number;
  /** The slide's title from deck.json, or "". */
  slideTitle: string;
  /** Milliseconds since the epoch. */
  at: number;
  answered: boolean;
  hidden: boolean;
}

export type Role = 'presenter' | 'follower';

/** Why a question was refused. */
export type AskRefusal = 'empty' | 'too-long' | 'too-fast';

export type ServerMessage =
  | {
      t: 'welcome';
      role: Role;
      /** Null until the presenter's page has said where it is. */
      state: LiveState | null;
      questionMaxChars: number;
      /** The link followers open (the QR code's text). */
      followUrl: string;
    }
  | ({ t: 'state'; seq: number } & LiveState)
  | { t: 'questions'; list: Question[] }
  | { t: 'count'; followers: number; max: number }
  | { t: 'asked'; id: number }
  | { t: 'refused'; reason: AskRefusal }
  /** The room is full: the page waits longer before it tries again. */
  | { t: 'full'; max: number }
  /** The presenter link this page used is wrong or was replaced. */
  | { t: 'denied' };

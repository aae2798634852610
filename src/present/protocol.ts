/**
 * What the live server and the pages say to each other over the WebSocket, one JSON object a
 * message. The server validates every incoming message against these schemas; the pages import
 * only the types. No Node imports here.
 */
import { z } from 'zod';

import { QUESTION_MAX_CHARS } from './live-contract.ts';

const index = z.number().int().min(0).max(9999);

/** Where the presenter is: horizontal, vertical slide and fragment (-1: none shown yet). */
export const liveStateSchema = z.strictObject({ h: index, v: index, f: z.number().int().min(-1).max(999) });
export type LiveState = z.infer<typeof liveStateSchema>;

const stateMessage = z.strictObject({ t: z.literal('state'), h: index, v: index, f: liveStateSchema.shape.f });
const askMessage = z.strictObject({
  t: z.literal('ask'),
  text: z.string().max(QUESTION_MAX_CHARS * 4),
  h: index,
  v: index,
});
const markMessage = z.strictObject({
  t: z.literal('mark'),
  id: z.number().int().min(1),
  answered: z.boolean().optional(),
  hidden: z.boolean().optional(),
});

/** Everything a page may send. Which role may send which kind is the server's decision. */
export const clientMessageSchema = z.discriminatedUnion('t', [stateMessage, askMessage, markMessage]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

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

/**
 * What the live server and the pages say to each other over the WebSocket, one JSON object a
 * message. The server validates every incoming message against these schemas; the messages'
 * types live in the page contract (src/contract/live.ts), which the pages import.
 */
import { z } from 'zod';

import { QUESTION_MAX_CHARS, type ClientMessage, type LiveState } from '../contract/live.ts';

const index = z.number().int().min(0).max(9999);

/** Where the presenter is: horizontal, vertical slide and fragment (-1: none shown yet). */
export const liveStateSchema = z.strictObject({ h: index, v: index, f: z.number().int().min(-1).max(999) });
// The schemas must accept exactly the contract's types: a mismatch fails the type check here.
const sameState: [LiveState, z.infer<typeof liveStateSchema>] extends [z.infer<typeof liveStateSchema>, LiveState]
  ? true
  : never = true;

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
const sameMessage: [ClientMessage, z.infer<typeof clientMessageSchema>] extends [
  z.infer<typeof clientMessageSchema>,
  ClientMessage,
]
  ? true
  : never = true;
void sameState;
void sameMessage;

export type { AskRefusal, ClientMessage, LiveState, Question, Role, ServerMessage } from '../contract/live.ts';

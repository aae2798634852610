/**
 * The names the live server and the live client both use, as plain constants: the pages import
 * this at run time, so it imports nothing (the schemas in protocol.ts would bring zod along).
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

import { QUESTION_MAX_CHARS } from '../contract/live.ts';
import {
  clientMessageSchema,
  type AskRefusal,
  type LiveState,
  type Question,
  type Role,
  type ServerMessage,
} from './protocol.ts';
import { TokenBucket } from './rate-limit.ts';

/** One connection as the room sees it: a way to send, and a way to cut it off. */
export interface Member {
  role: Role;
  /** The device's network address: its questions share one allowance however often it reconnects. */
  address: string;
  /** A JSON text, sent as a text frame (a Buffer when encoded once for many). */
  send(message: string | Buffer): void;
  /** Ends the connection because it flooded the server. */
  cutOff(): void;
}

export interface RoomLimits {
  /** Questions one connection may ask at once… @default 3 */
  questionBurst: number;
  /** …and then one more every this many ms. @default 20000 */
  questionRefillMs: number;
  /** Questions one address may ask at once, over all its connections… @default 10 */
  addressQuestionBurst: number;
  /** …and then one more every this many ms. @default 6000 */
  addressQuestionRefillMs: number;
  /** Messages of any kind one connection may send at once… @default 40 */
  messageBurst: number;
  /** …and then one more every this many ms; past that the connection is cut off. @default 100 */
  messageRefillMs: number;
}

export const DEFAULT_LIMITS: RoomLimits = {
  questionBurst: 3,
  questionRefillMs: 20_000,
  addressQuestionBurst: 10,
  addressQuestionRefillMs: 6_000,
  messageBurst: 40,
  messageRefillMs: 100,
};

interface Seat {
  member: Member;
  messages: TokenBucket;
  questions: TokenBucket;
}

/**
 * The live session, without sockets: where the presenter is, the questions, and who may do
 * what. Only a presenter moves the room or marks questions; anyone may ask. Every message is
 * checked against the schema; what fails, or is not this role's to send, is dropped.
 */
export class Room {
  private readonly seats = new Map<Member, Seat>();
  private readonly questionList: Question[] = [];
  private readonly addressQuestions = new Map<string, TokenBucket>();
  /** Unknown until the presenter's page says where it is: a restarted server moves nobody. */
  private live: LiveState | null = null;
  private seq = 0;

  constructor(
    private readonly titles: (h: number, v: number) => string,
    private readonly limits: RoomLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): LiveState | null {
    return this.live && { ...this.live };
  }

  get questions(): Question[] {
    return this.questionList.map((q) => ({ ...q }));
  }

  count(role: Role): number {
    let n = 0;
    for (const seat of this.seats.values()) if (seat.member.role === role) n++;
    return n;
  }

  join(member: Member): void {
    const t = this.now();
    // The presenter holding an arrow key sends 30 moves a second: trusted, and allowed five times more.
    const scale = member.role === 'presenter' ? 5 : 1;
    this.seats.set(member, {
      member,
      messages: new TokenBucket(this.limits.messageBurst * scale, this.limits.messageRefillMs / scale, t),
      questions: new TokenBucket(this.limits.questionBurst, this.limits.questionRefillMs, t),
    });
    if (member.role === 'presenter') member.send(json({ t: 'questions', list: this.questions }));
  }

  leave(member: Member): void {
    this.seats.delete(member);
  }

  /** Handles one incoming frame. */
  receive(member: Member, data: string | null): void {
    const seat = this.seats.get(member);
    if (!seat) return;
    if (!seat.messages.take(this.now())) {
      this.leave(member);
      member.cutOff();
      return;
    }
    if (data === null) return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'ask') {
      const refusal = this.ask(seat, message.text, message.h, message.v);
      member.send(json(typeof refusal === 'number' ? { t: 'asked', id: refusal } : { t: 'refused', reason: refusal }));
      return;
    }
    if (member.role !== 'presenter') return;
    if (message.t === 'state') this.move({ h: message.h, v: message.v, f: message.f });
    else this.mark(message.id, message.answered, message.hidden);
  }

  /** Sends the presenter's position to everyone. */
  move(state: LiveState): void {
    this.live = state;
    this.seq++;
    this.broadcast(json({ t: 'state', seq: this.seq, ...state }));
  }

  mark(id: number, answered?: boolean, hidden?: boolean): void {
    const q = this.questionList.find((x) => x.id === id);
    if (!q) return;
    if (answered !== undefined) q.answered = answered;
    if (hidden !== undefined) q.hidden = hidden;
    this.sendQuestions();
  }

  broadcast(message: string, role?: Role): void {
    // Encoded once, not once per follower: a lecture hall is hundreds of sends per move.
    const frame = Buffer.from(message);
    for (const { member } of this.seats.values()) if (!role || member.role === role) member.send(frame);
  }

  private ask(seat: Seat, rawText: string, h: number, v: number): number | AskRefusal {
    // Plain text: control characters other than line breaks go, and so do surrounding blanks.
    // eslint-disable-next-line no-control-regex
    const text = rawText
      .replace(/\r\n?/g, '\n')
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
      .trim();
    if (!text) return 'empty';
    if ([...text].length > QUESTION_MAX_CHARS) return 'too-long';
    const now = this.now();
    const address = seat.member.address;
    let shared = this.addressQuestions.get(address);
    if (!shared) {
      shared = new TokenBucket(this.limits.addressQuestionBurst, this.limits.addressQuestionRefillMs, now);
      this.addressQuestions.set(address, shared);
    }
    if (!seat.questions.take(now) || !shared.take(now)) return 'too-fast';
    const question: Question = {
      id: this.questionList.length + 1,
      text,
      h,
      v,
      slideTitle: this.titles(h, v),
      at: this.now(),
      answered: false,
      hidden: false,
    };
    this.questionList.push(question);
    this.sendQuestions();
    return question.id;
  }

  private sendQuestions(): void {
    this.broadcast(json({ t: 'questions', list: this.questions }), 'presenter');
  }
}

export function json(message: ServerMessage): string {
  return JSON.stringify(message);
}

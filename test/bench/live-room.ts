/**
 * `npm run bench:live`: a lecture hall on this machine. 300 followers (WebSocket clients on
 * 127.0.0.1 only) and a presenter join `deck present`'s server; the presenter moves on 60 times,
 * 100 ms apart, and every follower notes when each move reached it. Then the same with one more
 * follower flooding the server. Prints the delay from the presenter's message to each
 * follower's (p50, p95, p99, max), the moves lost and the followers dropped. The flooder
 * reconnects each time it is cut off and floods again, for the whole phase. Figures only:
 * nothing here is asserted. The server runs in a process of its own (live-serve.ts), the room in
 * this one, so the followers' own work (300 parsers on one core) is in the delay.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Client, presenterCookie } from '../present/live-helpers.ts';

const FOLLOWERS = 300;
const MOVES = 60;
const GAP_MS = 100;
/** The whole run gives up after this long, whatever happens. */
const DEADLINE_MS = 120_000;

interface Phase {
  name: string;
  delays: number[];
  lost: number;
  dropped: number;
  note: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: gave up after ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts live-serve.ts in a child process; resolves with its port and presenter link. */
function startServerProcess(): Promise<{ child: ChildProcess; port: number; presenterUrl: string }> {
  const child = fork(new URL('./live-serve.ts', import.meta.url).pathname, [String(FOLLOWERS + 10)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ...(m as { port: number; presenterUrl: string }) }));
    child.once('exit', (code) => reject(new Error(`the server process ended (${code})`)));
  });
}

function questionsKept(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { questions: number }).questions));
    child.send('questions?');
  });
}

export async function run(): Promise<void> {
  const server = await startServerProcess();
  const clients: Client[] = [];
  const sockets: WebSocket[] = [];
  try {
    await withDeadline(
      (async () => {
        const presenter = new Client(server.port, { cookie: await presenterCookie(server.port, server.presenterUrl) });
        clients.push(presenter);
        await presenter.next('welcome');

        // Followers are bare sockets that parse each message once: the bench measures the server, not a test helper.
        const joinStart = performance.now();
        const followers: WebSocket[] = [];
        const arrivals = new Map<WebSocket, Map<number, number>>();
        for (let i = 0; i < FOLLOWERS; i += 50) {
          const batch = Array.from({ length: Math.min(50, FOLLOWERS - i) }, () => {
            const ws = new WebSocket(`ws://127.0.0.1:${server.port}/__deck-live/socket`);
            const got = new Map<number, number>();
            arrivals.set(ws, got);
            followers.push(ws);
            sockets.push(ws);
            return new Promise<void>((resolve, reject) => {
              ws.on('error', reject);
              ws.on('message', (data) => {
                const m = JSON.parse(data.toString()) as { t: string; seq?: number };
                if (m.t === 'state' && m.seq !== undefined) got.set(m.seq, performance.now());
                else if (m.t === 'welcome') resolve();
              });
            });
          });
          await Promise.all(batch);
        }
        const joinMs = performance.now() - joinStart;
        console.log(`${FOLLOWERS} followers joined in ${(joinMs / 1000).toFixed(2)} s (in batches of 50)`);
        const sentAt = new Map<number, number>();

        let seq = 0;
        const phase = async (name: string, during?: () => string): Promise<Phase> => {
          const first = seq + 1;
          let note = '';
          for (let i = 0; i < MOVES; i++) {
            seq++;
            sentAt.set(seq, performance.now());
            presenter.send({ t: 'state', h: seq % 50, v: 0, f: -1 });
            await sleep(GAP_MS);
          }
          // Let the last move arrive everywhere (or not), then count.
          await sleep(500);
          if (during) note = during();
          const delays: number[] = [];
          let lost = 0;
          for (const f of followers) {
            const got = arrivals.get(f)!;
            for (let s = first; s <= seq; s++) {
              const t = got.get(s);
              if (t === undefined) lost++;
              else delays.push(t - sentAt.get(s)!);
            }
          }
          const dropped = followers.filter((f) => f.readyState !== WebSocket.OPEN).length;
          return { name, delays: delays.sort((a, b) => a - b), lost, dropped, note };
        };

        const results: Phase[] = [];
        results.push(await phase(`${FOLLOWERS} followers`));

        // One more follower sends as fast as it can, and each time it is cut off it comes straight back.
        let sent = 0;
        let cutOffs = 0;
        let flooding = true;
        const floodOnce = async (): Promise<void> => {
          const flooder = new Client(server.port);
          clients.push(flooder);
          await flooder.next('welcome').catch(() => undefined);
          // As fast as the socket takes it: more would only burn this process's CPU, which the followers share.
          const frame = JSON.stringify({ t: 'ask', text: 'flood '.repeat(40), h: 0, v: 0 });
          const blast = () => {
            if (flooder.ws.readyState !== flooder.ws.OPEN) return;
            for (let i = 0; i < 100 && flooder.ws.bufferedAmount < 256 * 1024; i++, sent++) flooder.ws.send(frame);
            setTimeout(blast, 1);
          };
          blast();
          const { code } = await flooder.closed;
          if (code === 4003) cutOffs++;
          flooder.close();
          if (flooding) return floodOnce();
        };
        const flood = floodOnce();
        results.push(
          await phase(`${FOLLOWERS} followers + 1 flooding`, () => {
            flooding = false;
            return `the flooder sent ${sent} messages and was cut off ${cutOffs} times (reconnecting each time)`;
          }),
        );
        await flood;
        results[1]!.note += `; questions kept: ${await questionsKept(server.child)}`;

        console.log(
          '\nphase                              messages   p50 ms   p95 ms   p99 ms   max ms   lost  dropped',
        );
        for (const r of results) {
          const fmt = (n: number) => n.toFixed(1).padStart(8);
          console.log(
            `${r.name.padEnd(34)} ${String(r.delays.length).padStart(8)} ${fmt(percentile(r.delays, 50))} ${fmt(percentile(r.delays, 95))} ${fmt(percentile(r.delays, 99))} ${fmt(r.delays.at(-1) ?? NaN)} ${String(r.lost).padStart(6)} ${String(r.dropped).padStart(8)}`,
          );
          if (r.note) console.log(`  ${r.note}`);
        }
        console.log(`\ntarget: p95 ≤ 200 ms, none lost, none dropped (${MOVES} moves, ${GAP_MS} ms apart, per phase)`);
      })(),
      'bench live',
    );
  } finally {
    for (const c of clients) c.close();
    for (const ws of sockets) ws.terminate();
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.send('stop');
    await exited;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
  process.exit(0);
}

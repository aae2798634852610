import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../src/present/live-server.ts';
import { CLOSE, QUESTION_MAX_CHARS } from '../../src/contract/live.ts';
import { Client, get, makeSite, presenterCookie } from './live-helpers.ts';

const site = makeSite();
const servers: LiveServer[] = [];
const clients: Client[] = [];

async function start(options: Partial<Parameters<typeof startLiveServer>[0]> = {}): Promise<LiveServer> {
  const server = await startLiveServer({ dir: site.dir, host: '127.0.0.1', linkHost: '127.0.0.1', ...options });
  servers.push(server);
  return server;
}
function client(server: LiveServer, options: { cookie?: string; origin?: string } = {}): Client {
  const c = new Client(server.port, options);
  clients.push(c);
  return c;
}
async function presenter(server: LiveServer): Promise<Client> {
  const c = client(server, { cookie: await presenterCookie(server.port, server.presenterUrl) });
  await c.next('welcome');
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => site.cleanup());

describe('the presenter link', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer({ dir: site.dir, host: '127.0.0.1', linkHost: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('carries a secret of at least 128 bits, and the follower link none', () => {
    const key = new URL(server.presenterUrl).searchParams.get('key')!;
    expect(Buffer.from(key, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(server.followUrl).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.followUrl).not.toContain(key);
  });

  it('refuses a wrong or missing key, and sets an HttpOnly cookie for the right one', async () => {
    expect((await get(server.port, '/presenter?key=wrong')).status).toBe(403);
    expect((await get(server.port, '/presenter')).status).toBe(403);
    const key = new URL(server.presenterUrl).searchParams.get('key')!;
    expect((await get(server.port, `/presenter?key=${key}x`)).status).toBe(403);
    const ok = await get(server.port, `/presenter?key=${key}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(ok.headers['set-cookie'])).toMatch(/SameSite=Strict/);
  });

  it('serves followers the page without the speaker notes, and the presenter with them', async () => {
    const follower = await get(server.port, '/');
    expect(follower.status).toBe(200);
    expect(follower.body).toContain('<h1>One</h1>');
    expect(follower.body).not.toContain('SECRET NOTES');
    expect(follower.body).toContain('src="/__deck-live/client.js"');
    const cookie = await presenterCookie(server.port, server.presenterUrl);
    const own = await get(server.port, '/', { Cookie: cookie });
    expect(own.body).toContain('SECRET NOTES ONE');
    expect((await get(server.port, '/deck.json')).body).not.toContain('SECRET NOTES');
    expect((await get(server.port, '/deck.json', { Cookie: cookie })).body).toContain('SECRET NOTES');
    expect((await get(server.port, '/talk-handout.pdf')).status).toBe(404);
    // However the name is spelled, the same file gets the same treatment.
    for (const p of ['/%69ndex.html', '/index.html', '/./index.html', '/assets/../index.html'])
      expect((await get(server.port, p)).body, p).not.toContain('SECRET NOTES');
    for (const p of ['/%74alk-handout.pdf', '/assets/../talk-handout.pdf', '/talk-handout.pdf?x=1'])
      expect((await get(server.port, p)).status, p).toBe(404);
    expect((await get(server.port, '/talk.pdf')).status).toBe(200);
    const script = await get(server.port, '/__deck-live/client.js');
    expect(script.status).toBe(200);
    expect(script.body.length).toBeGreaterThan(1000);
    const qr = await get(server.port, '/__deck-live/qr.svg');
    expect(qr.headers['content-type']).toBe('image/svg+xml');
    expect(qr.body).toMatch(/^<svg/);
  });

  it('shares the notes with followers when asked to (--share-notes)', async () => {
    const sharing = await start({ shareNotes: true });
    expect((await get(sharing.port, '/')).body).toContain('SECRET NOTES ONE');
    expect((await get(sharing.port, '/deck.json')).body).toContain('SECRET NOTES TWO');
    expect((await get(sharing.port, '/talk-handout.pdf')).status).toBe(200);
  });

  it('serves nothing outside the built deck', async () => {
    expect((await get(server.port, '/assets/app.js')).status).toBe(200);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%00index.html',
      '//etc/passwd',
    ]) {
      const reply = await get(server.port, p);
      expect(reply.status, p).not.toBe(200);
      expect(reply.body, p).not.toContain('OUTSIDE THE DECK');
    }
  });
});

describe('following', () => {
  it('sends the presenter’s moves to every follower, and late joiners land on the current slide', async () => {
    const server = await start();
    const lead = await presenter(server);
    expect(lead.messages[0]).toMatchObject({ t: 'welcome', role: 'presenter' });
    const a = client(server);
    const b = client(server);
    expect(await a.next('welcome')).toMatchObject({ role: 'follower', state: null });
    await b.next('welcome');
    lead.send({ t: 'state', h: 1, v: 0, f: 2 });
    expect(await a.next('state')).toMatchObject({ h: 1, v: 0, f: 2 });
    expect(await b.next('state')).toMatchObject({ h: 1, v: 0, f: 2 });
    const late = client(server);
    expect(await late.next('welcome')).toMatchObject({ state: { h: 1, v: 0, f: 2 } });
  });

  it('drops a follower’s forged presenter messages and anything that fails the schema', async () => {
    const server = await start();
    const lead = await presenter(server);
    const forger = client(server);
    const watcher = client(server);
    await forger.next('welcome');
    await watcher.next('welcome');
    forger.send({ t: 'state', h: 5, v: 0, f: -1 });
    forger.send({ t: 'mark', id: 1, hidden: true });
    forger.send('not json');
    forger.send({ t: 'state', h: -1, v: 0, f: 0 });
    forger.send({ t: 'state', h: 1, v: 0, f: 0, extra: '<script>' });
    // The presenter's own move after the forgeries is the first state anyone sees.
    lead.send({ t: 'state', h: 1, v: 0, f: -1 });
    expect(await watcher.next('state')).toMatchObject({ h: 1, seq: 1 });
    expect(watcher.messages.filter((m) => m.t === 'state')).toHaveLength(1);
    expect(server.state()).toEqual({ h: 1, v: 0, f: -1 });
  });

  it('refuses a wrong presenter cookie, and another site’s page using the right one', async () => {
    const server = await start();
    const wrong = client(server, { cookie: `deck_live_${server.port}=guess` });
    await wrong.next('denied');
    expect((await wrong.closed).code).toBe(CLOSE.denied);
    const cookie = await presenterCookie(server.port, server.presenterUrl);
    const foreign = client(server, { cookie, origin: 'http://evil.example' });
    expect((await foreign.closed).code).toBe(CLOSE.denied);
    const own = client(server, { cookie, origin: `http://127.0.0.1:${server.port}` });
    expect(await own.next('welcome')).toMatchObject({ role: 'presenter' });
  });

  it('locks out the old presenter link when it is regenerated', async () => {
    const server = await start();
    const oldUrl = server.presenterUrl;
    const old = await presenter(server);
    server.regenerateToken();
    expect(server.presenterUrl).not.toBe(oldUrl);
    await old.next('denied');
    expect((await old.closed).code).toBe(CLOSE.denied);
    const oldKey = new URL(oldUrl).searchParams.get('key')!;
    expect((await get(server.port, `/presenter?key=${oldKey}`)).status).toBe(403);
    const fresh = await presenter(server);
    expect(fresh.messages[0]).toMatchObject({ role: 'presenter' });
  });
});

describe('questions', () => {
  it('reach the presenter as plain text with their slide; too long and too fast are refused', async () => {
    const server = await start();
    const lead = await presenter(server);
    const student = client(server);
    await student.next('welcome');
    const hostile = '<img src=x onerror="alert(1)"> & </li><script>alert(2)</script>';
    student.send({ t: 'ask', text: hostile, h: 1, v: 0 });
    expect(await student.next('asked')).toEqual({ t: 'asked', id: 1 });
    const list = await lead.next('questions', (m) => m.list.length === 1);
    expect(list.list[0]).toMatchObject({ id: 1, text: hostile, h: 1, v: 0, slideTitle: 'Two', answered: false });

    student.send({ t: 'ask', text: 'x'.repeat(QUESTION_MAX_CHARS + 1), h: 0, v: 0 });
    expect(await student.next('refused')).toEqual({ t: 'refused', reason: 'too-long' });
    // 280 emoji are 280 characters, though more UTF-16 units.
    student.send({ t: 'ask', text: '🙂'.repeat(QUESTION_MAX_CHARS), h: 0, v: 0 });
    await student.next('asked', (m) => m.id === 2);
    student.send({ t: 'ask', text: 'third', h: 0, v: 0 });
    await student.next('asked', (m) => m.id === 3);
    student.send({ t: 'ask', text: 'fourth, too soon', h: 0, v: 0 });
    expect(await student.next('refused', (m) => m.reason === 'too-fast')).toBeTruthy();
    // Another connection has its own allowance.
    const other = client(server);
    await other.next('welcome');
    other.send({ t: 'ask', text: '   ', h: 0, v: 0 });
    expect(await other.next('refused')).toEqual({ t: 'refused', reason: 'empty' });
    other.send({ t: 'ask', text: 'mine', h: 0, v: 0 });
    await other.next('asked');
    expect(server.questions().map((q) => q.text)).toEqual([hostile, '🙂'.repeat(QUESTION_MAX_CHARS), 'third', 'mine']);
  });

  it('share one allowance per device, however often it reconnects', async () => {
    const server = await start({ limits: { addressQuestionBurst: 4 } });
    const replies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const student = client(server);
      await student.next('welcome');
      student.send({ t: 'ask', text: `question ${i}.a`, h: 0, v: 0 });
      student.send({ t: 'ask', text: `question ${i}.b`, h: 0, v: 0 });
      student.send({ t: 'ask', text: `question ${i}.c`, h: 0, v: 0 });
      student.send({ t: 'ask', text: `question ${i}.d`, h: 0, v: 0 });
      await student.next('refused');
      replies.push(...student.messages.filter((m) => m.t === 'asked' || m.t === 'refused').map((m) => m.t));
      student.close();
    }
    // Three a connection, four for the device: 3 taken, then 1, then none.
    expect(server.questions()).toHaveLength(4);
    expect(replies.filter((r) => r === 'asked')).toHaveLength(4);
  });

  it('are marked answered or hidden by the presenter only', async () => {
    const server = await start();
    const lead = await presenter(server);
    const student = client(server);
    await student.next('welcome');
    student.send({ t: 'ask', text: 'why?', h: 0, v: 0 });
    await student.next('asked');
    student.send({ t: 'mark', id: 1, hidden: true });
    lead.send({ t: 'mark', id: 1, answered: true });
    await lead.next('questions', (m) => m.list[0]?.answered === true);
    expect(server.questions()[0]).toMatchObject({ answered: true, hidden: false });
    lead.send({ t: 'mark', id: 1, hidden: true });
    await lead.next('questions', (m) => m.list[0]?.hidden === true);
  });
});

describe('limits', () => {
  it('cuts off a flooding connection while the others keep following', async () => {
    const server = await start({ limits: { messageBurst: 20, messageRefillMs: 1000 } });
    const lead = await presenter(server);
    const flooder = client(server);
    const calm = client(server);
    await flooder.next('welcome');
    await calm.next('welcome');
    for (let i = 0; i < 200 && flooder.ws.readyState === flooder.ws.OPEN; i++)
      flooder.send({ t: 'ask', text: 'spam', h: 0, v: 0 });
    expect((await flooder.closed).code).toBe(CLOSE.flood);
    lead.send({ t: 'state', h: 1, v: 0, f: -1 });
    expect(await calm.next('state')).toMatchObject({ h: 1 });
    expect(server.followers()).toBe(1);
  });

  it('lets the presenter hold an arrow key down (30 moves a second) without being cut off', async () => {
    const server = await start();
    const lead = await presenter(server);
    const watcher = client(server);
    await watcher.next('welcome');
    for (let i = 1; i <= 150; i++) lead.send({ t: 'state', h: i, v: 0, f: -1 });
    expect(await watcher.next('state', (m) => m.h === 150)).toMatchObject({ seq: 150 });
    expect(lead.ws.readyState).toBe(lead.ws.OPEN);
  });

  it('closes a connection that sends a frame over the size limit', async () => {
    const server = await start();
    const big = client(server);
    await big.next('welcome');
    big.send({ t: 'ask', text: 'x'.repeat(10_000), h: 0, v: 0 });
    expect((await big.closed).code).toBe(1009);
  });

  it('tells a follower over the cap that the room is full, and still lets the presenter in', async () => {
    const notices: string[] = [];
    const server = await start({ maxFollowers: 2, notify: (line) => notices.push(line) });
    const a = client(server);
    const b = client(server);
    await a.next('welcome');
    await b.next('welcome');
    const c = client(server);
    expect(await c.next('full')).toEqual({ t: 'full', max: 2 });
    expect((await c.closed).code).toBe(CLOSE.full);
    expect(notices).toEqual([expect.stringMatching(/The room is full \(2 followers\)/)]);
    const lead = await presenter(server);
    expect(lead.messages[0]).toMatchObject({ role: 'presenter' });
    expect(await lead.next('count')).toEqual({ t: 'count', followers: 2, max: 2 });
  });

  it('answers only its own WebSocket path', async () => {
    const server = await start();
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/elsewhere`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('error'));
    });
    expect(outcome).toBe('error');
  });
});

import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../src/present/live-server.ts';
import { useBrowser } from '../helpers/browser.ts';
import { buildFixture } from '../helpers/build-deck.ts';

const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true };

const session = useBrowser();
let dist = '';
let server: LiveServer;
const contexts: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  ({ distDir: dist } = await buildFixture(path.resolve(import.meta.dirname, 'fixtures/live')));
});

async function startServer(options: Partial<Parameters<typeof startLiveServer>[0]> = {}): Promise<LiveServer> {
  server = await startLiveServer({ dir: dist, host: '127.0.0.1', linkHost: '127.0.0.1', ...options });
  return server;
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await server?.close();
});

/** A page in its own browser context (its own cookies: a follower never shares the presenter's). */
async function newPage(browser: Browser, viewport: typeof LAPTOP | typeof PHONE = LAPTOP): Promise<Page> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (d) => void d.dismiss());
  await page.setViewport(viewport);
  return page;
}

async function waitLive(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.deck-live-bar')?.getAttribute('data-live-status') === 'live',
  );
}

async function openPresenter(): Promise<Page> {
  const page = await newPage(session.browser);
  await page.goto(server.presenterUrl);
  await waitLive(page);
  return page;
}

async function openFollower(viewport: typeof LAPTOP | typeof PHONE = LAPTOP): Promise<Page> {
  const page = await newPage(session.browser, viewport);
  await page.goto(server.followUrl);
  await waitLive(page);
  return page;
}

const place = (page: Page) =>
  page.evaluate(() => {
    const { h, v, f } = window.Reveal.getIndices();
    return { h, v: v ?? 0, f: f ?? -1 };
  });

async function waitPlace(page: Page, h: number, v = 0, f?: number): Promise<void> {
  await page.waitForFunction(
    (h, v, f) => {
      const i = window.Reveal.getIndices();
      return i.h === h && (i.v ?? 0) === v && (f === null || (i.f ?? -1) === f);
    },
    {},
    h,
    v,
    f ?? null,
  );
}

const statusText = (page: Page) => page.$eval('.deck-live-status', (el) => el.textContent ?? '');

describe('the room follows the presenter', () => {
  it('slides, vertical slides and fragments; late joiners land on the current slide; no notes for followers', async () => {
    await startServer();
    const presenter = await openPresenter();
    const followers = [await openFollower(), await openFollower()];
    await presenter.keyboard.press('ArrowRight');
    for (const f of followers) await waitPlace(f, 1, 0, -1);
    await presenter.keyboard.press('ArrowRight');
    for (const f of followers) await waitPlace(f, 1, 0, 0);
    await presenter.keyboard.press('ArrowRight');
    for (const f of followers) await waitPlace(f, 1, 0, 1);
    expect(await followers[0]!.$$eval('.slides .fragment.visible', (els) => els.length)).toBe(2);
    await presenter.keyboard.press('ArrowLeft');
    for (const f of followers) await waitPlace(f, 1, 0, 0);
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowDown');
    for (const f of followers) await waitPlace(f, 2, 1);

    const late = await openFollower();
    await waitPlace(late, 2, 1);
    // The presenter's page has the notes; a follower's has none, anywhere.
    expect(await presenter.$$eval('aside.notes', (els) => els.length)).toBe(5);
    expect(await late.content()).not.toContain('PRESENTER NOTES');
    expect(await late.$('.deck-live-join-button')).toBeNull();
    expect(await late.$('.deck-live-ask-button')).not.toBeNull();
  });

  it('a follower who browses back stays there until "Back to live"', async () => {
    await startServer();
    const presenter = await openPresenter();
    const follower = await openFollower();
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await waitPlace(follower, 1, 0, 0);
    expect(await follower.$eval('.deck-live-back', (el) => (el as HTMLElement).hidden)).toBe(true);

    await follower.keyboard.press('ArrowLeft');
    await follower.keyboard.press('ArrowLeft');
    await waitPlace(follower, 0);
    await follower.waitForSelector('.deck-live-back:not([hidden])', { visible: true });
    expect(await statusText(follower)).toBe('Browsing on your own');

    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await presenter.waitForFunction(() => window.Reveal.getIndices().h === 2);
    // A later message from the presenter arrived, and still the follower is where they went.
    const other = await openFollower();
    await waitPlace(other, 2);
    expect(await place(follower)).toEqual({ h: 0, v: 0, f: -1 });

    await follower.click('.deck-live-back');
    await waitPlace(follower, 2);
    expect(await statusText(follower)).toBe('Following live');
    expect(await follower.$eval('.deck-live-back', (el) => (el as HTMLElement).hidden)).toBe(true);
  });

  it('blanking and the overview show followers the presenter’s slide', async () => {
    await startServer();
    const presenter = await openPresenter();
    const follower = await openFollower();
    await presenter.keyboard.press('ArrowRight');
    await waitPlace(follower, 1);
    await presenter.keyboard.press('b');
    await presenter.waitForFunction(() => window.Reveal.isPaused());
    await presenter.keyboard.press('o');
    await presenter.keyboard.press('b');
    await presenter.waitForFunction(() => !window.Reveal.isPaused());

    await presenter.keyboard.press('o');
    await presenter.waitForFunction(() => window.Reveal.isOverview());
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await presenter.waitForFunction(() => window.Reveal.getIndices().h === 3);
    // A fresh follower is told the live slide: still the one before the overview.
    const check = await openFollower();
    await waitPlace(check, 1);
    expect(await follower.evaluate(() => window.Reveal.isPaused() || window.Reveal.isOverview())).toBe(false);
    expect((await place(follower)).h).toBe(1);

    await presenter.keyboard.press('o');
    await presenter.waitForFunction(() => !window.Reveal.isOverview());
    await waitPlace(follower, 3);
  });

  it('reading mode on a phone follows too', async () => {
    await startServer();
    const presenter = await openPresenter();
    const phone = await openFollower(PHONE);
    expect(await phone.evaluate(() => document.documentElement.dataset.deckMode)).toBe('read');
    for (let i = 0; i < 4; i++) await presenter.keyboard.press('ArrowRight');
    await presenter.waitForFunction(() => window.Reveal.getIndices().h === 2);
    await phone.waitForFunction(() => window.Reveal.getIndices().h === 2);
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await phone.waitForFunction(() => window.Reveal.getIndices().h === 3);

    // Scrolling back on their own detaches the reader; "Back to live" brings them back.
    for (let i = 0; i < 40 && (await place(phone)).h !== 0; i++) {
      await phone.mouse.move(200, 400);
      await phone.mouse.wheel({ deltaY: -800 });
      await phone.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
    }
    await phone.waitForSelector('.deck-live-back:not([hidden])', { visible: true });
    await phone.click('.deck-live-back');
    await phone.waitForFunction(() => window.Reveal.getIndices().h === 3);
    expect(await statusText(phone)).toBe('Following live');
  });

  it('comes back by itself after the server restarts, and says so meanwhile', async () => {
    await startServer();
    const token = new URL(server.presenterUrl).searchParams.get('key')!;
    const port = server.port;
    const presenter = await openPresenter();
    const follower = await openFollower();
    await presenter.keyboard.press('ArrowRight');
    await waitPlace(follower, 1);

    await server.close();
    await follower.waitForFunction(() =>
      /Connection lost: retrying in \d+ s/.test(document.querySelector('.deck-live-status')?.textContent ?? ''),
    );
    await startServer({ port, token });
    await waitLive(follower);
    await waitLive(presenter);
    expect(await statusText(follower)).toBe('Following live');
    await presenter.keyboard.press('ArrowRight');
    await presenter.keyboard.press('ArrowRight');
    await waitPlace(follower, 1, 0, 1);
  });
});

describe('the presenter stays in control', () => {
  it('a wrong or missing presenter key gets no presenter page, and a replaced link is locked out', async () => {
    await startServer();
    const stranger = await newPage(session.browser);
    const wrong = await stranger.goto(`${server.followUrl}presenter?key=guess`);
    expect(wrong?.status()).toBe(403);
    const missing = await stranger.goto(`${server.followUrl}presenter`);
    expect(missing?.status()).toBe(403);

    const presenter = await openPresenter();
    expect(await presenter.$('.deck-live-join-button')).not.toBeNull();
    server.regenerateToken();
    await presenter.waitForFunction(
      () => document.querySelector('.deck-live-bar')?.getAttribute('data-live-status') === 'denied',
    );
    expect(await statusText(presenter)).toMatch(/replaced/);
    const follower = await openFollower();
    await presenter.keyboard.press('ArrowRight');
    // The locked-out page moves nobody: a new follower still gets no position.
    const late = await openFollower();
    expect(await place(late)).toEqual({ h: 0, v: 0, f: -1 });
    expect(await place(follower)).toEqual({ h: 0, v: 0, f: -1 });
  });

  it('J shows the join code full screen, generated by the server', async () => {
    await startServer();
    const presenter = await openPresenter();
    await presenter.keyboard.press('j');
    await presenter.waitForSelector('.deck-live-qr:not([hidden]) img', { visible: true });
    await presenter.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.deck-live-qr img');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await presenter.$eval('.deck-live-qr-url', (el) => el.textContent)).toBe(server.followUrl);
    // J did not move the deck (reveal binds it to "down").
    expect((await place(presenter)).h).toBe(0);
    await presenter.keyboard.press('Escape');
    await presenter.waitForSelector('.deck-live-qr', { hidden: true });
    await presenter.click('.deck-live-join-button');
    await presenter.waitForSelector('.deck-live-qr:not([hidden])', { visible: true });
  });

  it('a full room says so', async () => {
    await startServer({ maxFollowers: 1 });
    await openFollower();
    const extra = await newPage(session.browser);
    await extra.goto(server.followUrl);
    await extra.waitForFunction(() =>
      /The room is full/.test(document.querySelector('.deck-live-status')?.textContent ?? ''),
    );
  });
});

describe('questions from the room', () => {
  it('reach the presenter’s window and speaker view as plain text; too long and too fast are refused', async () => {
    await startServer();
    const presenter = await openPresenter();
    const follower = await openFollower();
    await presenter.keyboard.press('ArrowRight');
    await waitPlace(follower, 1);

    const hostile = '<img src=x onerror="window.pwned=1"><b>bold?</b> & why?';
    await follower.click('.deck-live-ask-button');
    await follower.waitForSelector('dialog.deck-live-ask[open] textarea');
    await follower.type('dialog.deck-live-ask textarea', hostile);
    await follower.click('dialog.deck-live-ask button[type=submit]');
    await follower.waitForFunction(() =>
      /Sent/.test(document.querySelector('.deck-live-ask-result')?.textContent ?? ''),
    );

    await presenter.click('.deck-live-questions-button');
    await presenter.waitForSelector('.deck-live-panel .deck-live-q-text');
    const shown = await presenter.$$eval('.deck-live-panel .deck-live-q', (items) =>
      items.map((li) => ({
        text: li.querySelector('.deck-live-q-text')?.textContent,
        meta: li.querySelector('.deck-live-q-meta')?.textContent,
        markup: li.querySelectorAll('img, b').length,
      })),
    );
    expect(shown).toEqual([{ text: hostile, meta: expect.stringMatching(/^Slide 2: Fragments · /), markup: 0 }]);
    expect(await presenter.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // Too long: the text box stops at 280, and the server refuses more when the box is bypassed.
    await follower.$eval(
      'dialog.deck-live-ask textarea',
      (el) => ((el as HTMLTextAreaElement).value = 'x'.repeat(281)),
    );
    await follower.click('dialog.deck-live-ask button[type=submit]');
    await follower.waitForFunction(() =>
      /too long/.test(document.querySelector('.deck-live-ask-result')?.textContent ?? ''),
    );
    // Too fast: two more are taken, the next is refused.
    for (const text of ['second', 'third', 'fourth']) {
      await follower.$eval('dialog.deck-live-ask textarea', (el, t) => ((el as HTMLTextAreaElement).value = t), text);
      await follower.$eval('.deck-live-ask-result', (el) => (el.textContent = ''));
      await follower.click('dialog.deck-live-ask button[type=submit]');
      await follower.waitForFunction(() =>
        /Sent|fast/.test(document.querySelector('.deck-live-ask-result')?.textContent ?? ''),
      );
    }
    expect(await follower.$eval('.deck-live-ask-result', (el) => el.textContent)).toMatch(/asking fast/);
    await presenter.waitForFunction(() => document.querySelectorAll('.deck-live-panel .deck-live-q').length === 3);
    expect(
      await presenter.$$eval('.deck-live-panel .deck-live-q-text', (els) => els.map((e) => e.textContent)),
    ).toEqual([hostile, 'second', 'third']);

    // The speaker view lists them too, and marking one there updates the presenter's window.
    const popup = new Promise<Page | null>((resolve) => presenter.once('popup', resolve));
    await presenter.keyboard.press('s');
    const speaker = (await popup)!;
    await speaker.waitForFunction(
      () => document.querySelectorAll('.deck-live-speaker-questions .deck-live-q').length === 3,
    );
    expect(await speaker.$eval('.deck-live-speaker-questions .deck-live-q-text', (el) => el.textContent)).toBe(hostile);
    // The speaker view is a small window with the questions below the notes: its button is pressed
    // through the DOM, which is what a click there does, whatever the window's layout.
    await speaker.$eval('.deck-live-speaker-questions .deck-live-q:nth-child(1) .deck-live-q-answered', (b) =>
      (b as HTMLButtonElement).click(),
    );
    await presenter.waitForSelector('.deck-live-panel .deck-live-q.is-answered');
    await presenter.click('.deck-live-panel .deck-live-q:nth-child(2) .deck-live-q-hide');
    await speaker.waitForFunction(
      () => document.querySelectorAll('.deck-live-speaker-questions .deck-live-q').length === 2,
    );
    expect(server.questions().map((q) => [q.text, q.answered, q.hidden])).toEqual([
      [hostile, true, false],
      ['second', false, true],
      ['third', false, false],
    ]);
    await speaker.close();
  });
});

describe('the speaker view', () => {
  it('pauses the pacing: the clocks stand still, the pause shows its length, and the time paused is not counted', async () => {
    await startServer();
    const presenter = await openPresenter();
    const popup = new Promise<Page | null>((resolve) => presenter.once('popup', resolve));
    await presenter.keyboard.press('s');
    const speaker = (await popup)!;
    await speaker.waitForSelector('.deck-live-pause-button');
    await speaker.waitForSelector('.pacing', { visible: true });
    const seconds = (selector: string) =>
      speaker.$eval(selector, (el) => {
        const [h, m, s] = (el.textContent ?? '').trim().split(':').map(Number);
        return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
      });
    await speaker.waitForFunction(() => /:0[1-9]$/.test(document.querySelector('.timer')?.textContent?.trim() ?? ''));

    await speaker.keyboard.press('q');
    expect(await speaker.$eval('.deck-live-pause-button', (el) => el.getAttribute('aria-pressed'))).toBe('true');
    await speaker.waitForFunction(() =>
      /Paused 0:0[3-9]/.test(document.querySelector('.deck-live-pause-label')?.textContent ?? ''),
    );
    const timerA = await seconds('.timer');
    const pacingA = await seconds('.pacing');
    await speaker.waitForFunction(() =>
      /Paused 0:(0[8-9]|[1-5]\d)/.test(document.querySelector('.deck-live-pause-label')?.textContent ?? ''),
    );
    expect(await seconds('.timer')).toBe(timerA);
    expect(await seconds('.pacing')).toBe(pacingA);

    await speaker.click('.deck-live-pause-button');
    expect(await speaker.$eval('.deck-live-pause-label', (el) => el.textContent)).toBe('');
    await speaker.waitForFunction(
      (a) =>
        !(document.querySelector('.timer')?.textContent?.trim() ?? '').endsWith(`:${String(a % 60).padStart(2, '0')}`),
      {},
      timerA,
    );
    // It runs on from where it stopped: the 8 s or more of the pause are not in it.
    const timerB = await seconds('.timer');
    expect(timerB).toBeGreaterThan(timerA);
    expect(timerB).toBeLessThan(timerA + 8);
    await speaker.close();
  });
});

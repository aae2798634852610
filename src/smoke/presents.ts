import { SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import type { KeyInput, Page } from 'puppeteer-core';
import type { DeckPage } from './deck-page.ts';
import { checkSpeakerView } from './speaker-view.ts';
import {
  arrival,
  arrowKey,
  forwardSteps,
  goToStep,
  KEY_TIMEOUT,
  positionName,
  press,
  same,
  stepName,
  waitForSlide,
  waitForStep,
  type Step,
} from './steps.ts';
import type { Check, CheckContext, SmokeFailure } from './types.ts';

/**
 * Walks the deck with `keys` from the first stop to the last and back, expecting every stop in
 * order; stops at the first wrong step (the rest would only repeat it).
 */
async function walk(
  page: DeckPage,
  ctx: CheckContext,
  label: string,
  steps: Step[],
  keyFor: (from: Step, to: Step, back: boolean) => [KeyInput, KeyInput[]],
): Promise<void> {
  const order: [Step, Step, boolean][] = [];
  for (let i = 0; i + 1 < steps.length; i++) order.push([steps[i]!, steps[i + 1]!, false]);
  // Backwards, reveal shows a slide with all its fragments: the forward stops in reverse.
  for (let i = steps.length - 1; i > 0; i--) order.push([steps[i]!, steps[i - 1]!, true]);
  for (const [k, [from, to, back]] of order.entries()) {
    ctx.progress({ what: `presents, ${label}`, done: k + 1, total: order.length, title: ctx.slideRef(to.index).title });
    const [key, modifiers] = keyFor(from, to, back);
    page.slide = from.index;
    await press(page.page, key, modifiers);
    // reveal handles keys synchronously: read where it is, and poll only when it is not there yet.
    let at = await page.indices();
    if (!same(at, to)) at = await waitForStep(page.page, to);
    if (!same(at, to)) {
      const keyName = [...modifiers, key].join('+');
      ctx.fail({
        check: 'presents',
        slide: ctx.slideRef(from.index),
        where: label,
        expected: `${keyName} on ${stepName(ctx.deck, from)} to go ${back ? 'back ' : ''}to ${stepName(ctx.deck, to)}`,
        found: `${positionName(ctx.deck, at)} after ${keyName}`,
        screenshot: ctx.slideShot(from.index),
      });
      return;
    }
  }
}

/**
 * The presents check: the deck as a presenter uses it. A deep link opens its slide; arrows and space walk
 * every stop both ways; overview, search and the help overlay open and close; `s` opens the
 * speaker view with the current and next slide, the notes and a running timer.
 */
export async function checkPresents(page: DeckPage, ctx: CheckContext, url: string): Promise<void> {
  const { deck } = ctx;
  page.check = 'presents';
  const fail = (f: Omit<SmokeFailure, 'check' | 'screenshot'> & { screenshot?: string | null }): void =>
    ctx.fail({ check: 'presents', ...f });

  // Deep link, as typed or shared: #/5 opens the sixth horizontal slide on a fresh load.
  const lastH = deck.slides[deck.slides.length - 1]!.h;
  const linkH = Math.min(5, lastH);
  const linked = deck.slides.find((s) => s.h === linkH && s.v === 0)!;
  await page.page.goto('about:blank');
  page.where = `deep link #/${linkH}`;
  const problem = await page.open(`${url}#/${linkH}`, ctx.readyTimeoutMs);
  if (problem) {
    fail({ slide: ctx.slideRef(linked.index), where: page.where, expected: 'the deck to start', found: problem });
    return;
  }
  const landed = await page.indices();
  if (landed.h !== linkH || landed.v !== 0) {
    fail({
      slide: ctx.slideRef(linked.index),
      where: page.where,
      expected: `#/${linkH} to open slide ${linked.index + 1}`,
      found: `it opened ${positionName(deck, landed)}`,
      screenshot: ctx.slideShot(linked.index),
    });
  }
  // A link by slide id, the form reveal writes into the address bar.
  const byId = deck.slides[deck.slides.length - 1]!;
  if (byId.id) {
    page.where = `link #/${byId.id}`;
    await page.page.evaluate((id: string) => {
      window.location.hash = `#/${id}`;
    }, byId.id);
    const at = await waitForSlide(page.page, byId.h, byId.v);
    if (at.h !== byId.h || at.v !== byId.v) {
      fail({
        slide: ctx.slideRef(byId.index),
        where: page.where,
        expected: `#/${byId.id} to show slide ${byId.index + 1}`,
        found: `it shows ${positionName(deck, at)}`,
        screenshot: ctx.slideShot(byId.index),
      });
    }
  }

  const steps = forwardSteps(deck);
  await goToStep(page, steps[0]!);
  page.where = 'arrow keys';
  await walk(page, ctx, page.where, steps, (from, to, back) => [arrowKey(from, to, back), []]);
  await goToStep(page, steps[0]!);
  page.where = 'space / shift+space';
  await walk(page, ctx, page.where, steps, (_from, _to, back) => ['Space', back ? ['Shift'] : []]);

  await checkOverview(page, ctx);
  await checkSearch(page, ctx);
  await checkHelp(page, ctx);
  await checkSpeakerView(page, ctx);
}

async function checkOverview(page: DeckPage, ctx: CheckContext): Promise<void> {
  page.where = 'overview (o, Esc)';
  const start = Math.min(1, ctx.deck.slides.length - 1);
  await goToStep(page, arrival(ctx, start));
  const isOverview = (want: boolean) =>
    page.page
      .waitForFunction((w: boolean) => window.Reveal.isOverview() === w, { timeout: KEY_TIMEOUT }, want)
      .then(
        () => true,
        () => false,
      );
  await press(page.page, 'o');
  const opened = await isOverview(true);
  if (!opened) {
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: '"o" to open the overview',
      found: 'Reveal.isOverview() stayed false',
      screenshot: ctx.slideShot(start),
    });
    return;
  }
  await press(page.page, 'Escape');
  if (!(await isOverview(false))) {
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: 'Esc to close the overview',
      found: 'the overview stayed open',
      screenshot: ctx.slideShot(start),
    });
    await page.page.evaluate(() =>
      (window as unknown as { Reveal: { toggleOverview(v: boolean): void } }).Reveal.toggleOverview(false),
    );
    return;
  }
  const at = await page.indices();
  const expected = ctx.deck.slides[start]!;
  if (at.h !== expected.h || at.v !== expected.v) {
    ctx.fail({
      check: 'presents',
      slide: ctx.slideRef(start),
      where: page.where,
      expected: `the overview to close on slide ${start + 1}, where it opened`,
      found: `it closed on ${positionName(ctx.deck, at)}`,
      screenshot: ctx.slideShot(start),
    });
  }
}

/** The search plugin's box, as the page shows it. */
async function searchState(page: Page): Promise<{ shown: boolean; focused: boolean }> {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.reveal .searchbox');
    const input = box?.querySelector('input');
    return {
      shown: !!box && getComputedStyle(box).display !== 'none',
      focused: !!input && document.activeElement === input,
    };
  });
}

async function checkSearch(page: DeckPage, ctx: CheckContext): Promise<void> {
  page.where = 'search (ctrl+shift+f)';
  await goToStep(page, arrival(ctx, 0));
  const toggle = () => press(page.page, 'F', ['Control', 'Shift']);
  await toggle();
  const opened = await page.page
    .waitForFunction(
      () => {
        const box = document.querySelector<HTMLElement>('.reveal .searchbox');
        return !!box && getComputedStyle(box).display !== 'none';
      },
      { timeout: KEY_TIMEOUT },
    )
    .then(
      () => true,
      () => false,
    );
  const state = await searchState(page.page);
  if (!opened || !state.focused) {
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: 'ctrl+shift+f to open the search box, with the cursor in it',
      found: opened ? 'the box opened without focus' : 'no search box appeared',
      screenshot: ctx.slideShot(0),
    });
    return;
  }
  // Search for a later slide's title held in one text node, on that slide only: the plugin
  // matches text node by text node (the whole page, notes too) and treats input as a regular expression.
  const target = await page.page.evaluate(
    (titles: { index: number; title: string }[], { slide, attr }: SlideNames) => {
      const texts: Text[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('script, style')) texts.push(node as Text);
      }
      for (const t of titles) {
        const needle = t.title.toLowerCase();
        if (needle.length < 4) continue;
        const hits = texts.filter((n) => (n.textContent ?? '').toLowerCase().includes(needle));
        if (hits.length && hits.every((n) => n.parentElement?.closest(`${slide}[${attr}="${t.index}"]`))) return t;
      }
      return null;
    },
    ctx.deck.slides
      .slice(1)
      .map((s) => ({ index: s.index, title: s.title }))
      .reverse(),
    SLIDE_NAMES,
  );
  if (target) {
    await page.page.keyboard.type(target.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    await page.page.keyboard.press('Enter');
    const s = ctx.deck.slides[target.index]!;
    const at = await waitForSlide(page.page, s.h, s.v);
    if (at.h !== s.h || at.v !== s.v) {
      ctx.fail({
        check: 'presents',
        slide: ctx.slideRef(target.index),
        where: page.where,
        expected: `searching “${target.title}” to go to slide ${target.index + 1}`,
        found: `it stayed on ${positionName(ctx.deck, at)}`,
        screenshot: ctx.slideShot(target.index),
      });
    }
  }
  await toggle();
  const closed = await page.page
    .waitForFunction(
      () => {
        const box = document.querySelector<HTMLElement>('.reveal .searchbox');
        return !box || getComputedStyle(box).display === 'none';
      },
      { timeout: KEY_TIMEOUT },
    )
    .then(
      () => true,
      () => false,
    );
  if (!closed)
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: 'ctrl+shift+f again to close the search box',
      found: 'the box stayed open',
      screenshot: null,
    });
  await page.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Actions the help overlay must list: the keys a presenter needs. */
export const HELP_ACTIONS = ['Next slide', 'Previous slide', 'overview', 'Speaker notes view', 'Search'] as const;

async function checkHelp(page: DeckPage, ctx: CheckContext): Promise<void> {
  page.where = 'help overlay (?)';
  // "?" is Shift+/ (keyCode 191 with shift); without shift reveal pauses the deck instead.
  await press(page.page, 'Slash', ['Shift']);
  const rows = await page.page
    .waitForSelector('.reveal .r-overlay-help table', { timeout: KEY_TIMEOUT })
    .then(() =>
      page.page.evaluate(() =>
        [...document.querySelectorAll('.reveal .r-overlay-help tr')].map((tr) =>
          (tr.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      ),
    )
    .catch(() => null);
  if (!rows) {
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: '"?" to open the help overlay listing the keys',
      found: 'no help overlay (.r-overlay-help) appeared',
      screenshot: null,
    });
    return;
  }
  const missing = HELP_ACTIONS.filter(
    (action) => !rows.some((row) => row.toLowerCase().includes(action.toLowerCase())),
  );
  if (missing.length) {
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: `the help overlay to list ${HELP_ACTIONS.join(', ')}`,
      found: `missing: ${missing.join(', ')} (rows: ${rows.slice(0, 12).join(' | ')})`,
      screenshot: null,
    });
  }
  await press(page.page, 'Escape');
  const closed = await page.page
    .waitForFunction(() => !document.querySelector('.reveal .r-overlay-help'), { timeout: KEY_TIMEOUT })
    .then(
      () => true,
      () => false,
    );
  const overview = await page.page.evaluate(() => window.Reveal.isOverview());
  if (!closed || overview) {
    ctx.fail({
      check: 'presents',
      slide: null,
      where: page.where,
      expected: 'Esc to close the help overlay (and only it)',
      found: closed ? 'Esc also opened the overview' : 'the help overlay stayed open',
      screenshot: null,
    });
  }
}

export const presents: Check = {
  name: 'presents',
  description: 'keys walk the deck both ways, deep link, speaker view, overview, search, help',
  needs: 'started tab',
  run: (ctx, tab) => checkPresents(tab.page, ctx, tab.url),
};

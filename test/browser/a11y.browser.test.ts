import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, inject, it } from 'vitest';
import {
  deckState,
  deckUrl,
  LAPTOP,
  openDeck,
  PHONE,
  showSlide,
  waitForSlide,
  useReadingFixture,
} from './reader-page.ts';

const reading = useReadingFixture();
const axeSource = readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/** Serious and critical violations of the rules the slides are held to. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${JSON.stringify(v.nodes.slice(0, 3))}`);
}

/** The focused element, whether it is ours, and whether its focus ring shows. */
const focusInfo = () => {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const section = el.closest('.slides section:not(.stack)');
  return {
    label: `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${el.textContent?.trim().slice(0, 30)}"`,
    ours: el.closest('.deck-ui') !== null,
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    offscreenSlide: section !== null && !section.classList.contains('present'),
  };
};

describe('accessible to all', () => {
  it('reading mode passes axe (wcag2a/aa, wcag21aa, best-practice: nothing serious) like the slides', async () => {
    const problems: string[] = [];
    for (const [query, viewport, mobile] of [
      ['?mode=present', LAPTOP, false],
      ['?mode=read', LAPTOP, false],
      ['?mode=read', PHONE, true],
    ] as const) {
      const { page, errors } = await openDeck(reading.browser, deckUrl(inject('distDir'), { query }), {
        viewport,
        mobile,
      });
      // Checked before axe runs: axe itself tries to fetch the stylesheet, which file:// refuses.
      expect(errors).toEqual([]);
      problems.push(...(await axeProblems(page)).map((p) => `${query} ${viewport.width}: ${p}`));
      // With the menu open as well.
      await page.keyboard.press('t');
      await page.waitForSelector('#deck-contents[open]');
      problems.push(...(await axeProblems(page)).map((p) => `${query} ${viewport.width} menu: ${p}`));
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('reading exposes every slide to assistive technology; presenting only the current one', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { hash: '#/long-notes' }));
    const hidden = () =>
      Array.from(document.querySelectorAll<HTMLElement>('section[data-deck-index]'))
        .filter((s) => s.closest('[aria-hidden="true"], [inert], [hidden]'))
        .map((s) => s.dataset.deckIndex);
    expect(await page.evaluate(hidden)).toHaveLength(8);
    await page.keyboard.press('r');
    await waitForSlide(page, 2, 'read');
    expect(await page.evaluate(hidden)).toEqual([]);
    // Scrolling on does not hide them again, and the live region stops narrating each slide.
    await showSlide(page, 6);
    expect(await page.evaluate(hidden)).toEqual([]);
    expect(await page.$eval('.reveal .aria-status', (e) => e.getAttribute('aria-live'))).toBe('off');
    await page.keyboard.press('r');
    await waitForSlide(page, 6, 'present');
    expect(await page.$eval('.reveal .aria-status', (e) => e.getAttribute('aria-live'))).toBe('polite');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard only: Tab reaches every control with a visible focus ring, never an off-screen slide', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(inject('distDir'), { hash: '#/sources' }));
    const seen: NonNullable<ReturnType<typeof focusInfo>>[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(focusInfo);
      if (info) seen.push(info);
    }
    const labels = seen.filter((s) => s.ours).map((s) => s.label);
    expect(labels).toEqual(
      expect.arrayContaining(['button.deck-mode-button "Read"', 'button.deck-contents-button "Contents"']),
    );
    expect(seen.filter((s) => s.ours && !s.ring).map((s) => s.label)).toEqual([]);
    expect(seen.filter((s) => s.offscreenSlide).map((s) => s.label)).toEqual([]);
    // The current slide's links are reached (so Tab does go into slides).
    expect(seen.some((s) => s.label.startsWith('a.deck-cite'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard only: switch mode, open the contents, jump, and keep navigating', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist));
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 20; i++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('.deck-mode-button');
    await page.keyboard.press('Enter');
    await waitForSlide(page, 0, 'read');
    await tabTo('.deck-contents-button');
    await page.keyboard.press('Space');
    await page.waitForSelector('#deck-contents[open]');
    await tabTo('#deck-contents a[href="#/wide-table"]');
    expect((await page.evaluate(focusInfo))?.ring).toBe(true);
    await page.keyboard.press('Enter');
    await waitForSlide(page, 5, 'read');
    // While reading, ← → step through slides and ↓ scrolls the page.
    await page.keyboard.press('ArrowRight');
    await waitForSlide(page, 6, 'read');
    const before = await page.evaluate(() => document.body.scrollTop);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((b) => document.body.scrollTop > b, {}, before);
    // Back to presenting from the toolbar; arrows still move slides with focus on a button.
    await tabTo('.deck-mode-button');
    await page.keyboard.press('Space');
    const { index } = await deckState(page);
    await waitForSlide(page, index, 'present');
    await page.keyboard.press('ArrowLeft');
    await waitForSlide(page, index - 1, 'present');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reduced motion: no transitions or animations anywhere; without it, reveal animates', async () => {
    const moving = () =>
      Array.from(document.querySelectorAll('*'))
        .filter((el) => {
          const s = getComputedStyle(el);
          const long = (v: string) => v.split(',').some((t) => parseFloat(t) > 0);
          return long(s.transitionDuration) || (s.animationName !== 'none' && long(s.animationDuration));
        })
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`);
    for (const query of ['?mode=present', '?mode=read']) {
      const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query }), {
        reducedMotion: true,
      });
      expect(await page.evaluate(() => window.Reveal.getConfig().transition)).toBe('none');
      await page.keyboard.press('t');
      await page.waitForSelector('#deck-contents[open]');
      expect(await page.evaluate(moving), query).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
    const { page } = await openDeck(reading.browser, deckUrl(reading.dist));
    expect((await page.evaluate(moving)).length).toBeGreaterThan(0);
    await page.close();
  });
});

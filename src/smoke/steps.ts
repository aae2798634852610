import type { KeyInput, Page } from 'puppeteer-core';
import type { DeckJson } from '../model.ts';
import type { DeckPage, RevealIndices } from './deck-page.ts';
import type { CheckContext } from './types.ts';

/** One stop when stepping through the deck: a slide and how many of its fragments show (-1: none). */
export interface Step {
  index: number;
  h: number;
  v: number;
  f: number;
}

/** Every stop from the first slide to the last, fragments included, as reveal's `next()` walks them. */
export function forwardSteps(deck: DeckJson): Step[] {
  return deck.slides.flatMap((s) =>
    Array.from({ length: s.fragments + 1 }, (_, k) => ({
      index: s.index,
      h: s.h,
      v: s.v,
      f: s.fragments ? k - 1 : -1,
    })),
  );
}

/** The arrow key that goes from one stop to the next (fragments first, down inside a stack). */
export function arrowKey(from: Step, to: Step, backwards: boolean): KeyInput {
  if (from.index === to.index) return backwards ? 'ArrowLeft' : 'ArrowRight';
  if (from.h === to.h) return backwards ? 'ArrowUp' : 'ArrowDown';
  return backwards ? 'ArrowLeft' : 'ArrowRight';
}

/**
 * reveal handles keys synchronously; this only bounds how long a key that does nothing is waited
 * on, with room for a busy machine's slow frames (a key that works returns at once).
 */
export const KEY_TIMEOUT = 3000;

export function same(a: RevealIndices, b: Step): boolean {
  return a.h === b.h && a.v === b.v && (a.f ?? -1) === b.f;
}

/** Waits (polling reveal, no fixed sleep) until reveal shows `step`; returns where it is. */
export async function waitForStep(page: Page, step: Step, timeout = KEY_TIMEOUT): Promise<RevealIndices> {
  await page
    .waitForFunction(
      (h: number, v: number, f: number) => {
        const at = window.Reveal.getIndices();
        return at.h === h && at.v === v && (at.f ?? -1) === f;
      },
      { timeout, polling: 'raf' },
      step.h,
      step.v,
      step.f,
    )
    .catch(() => undefined);
  return page.evaluate(() => window.Reveal.getIndices());
}

/** Waits (polling reveal) until it shows slide h/v, whatever its fragments; returns where it is. */
export async function waitForSlide(page: Page, h: number, v: number, timeout = KEY_TIMEOUT): Promise<RevealIndices> {
  await page
    .waitForFunction(
      (hh: number, vv: number) => {
        const at = window.Reveal.getIndices();
        return at.h === hh && at.v === vv;
      },
      { timeout, polling: 'raf' },
      h,
      v,
    )
    .catch(() => undefined);
  return page.evaluate(() => window.Reveal.getIndices());
}

export async function press(page: Page, key: KeyInput, modifiers: KeyInput[] = []): Promise<void> {
  for (const m of modifiers) await page.keyboard.down(m);
  await page.keyboard.press(key);
  for (const m of [...modifiers].reverse()) await page.keyboard.up(m);
}

export function stepName(deck: DeckJson, step: Step): string {
  const slide = deck.slides[step.index]!;
  const frag = slide.fragments ? `, fragment ${step.f + 1}/${slide.fragments}` : '';
  return `slide ${step.index + 1}${frag}`;
}

export function positionName(deck: DeckJson, at: RevealIndices): string {
  const slide = deck.slides.find((s) => s.h === at.h && s.v === at.v);
  const frag = at.f !== undefined && slide?.fragments ? `, fragment ${at.f + 1}/${slide.fragments}` : '';
  return slide ? `slide ${slide.index + 1} (${slide.title || slide.id})${frag}` : `h ${at.h}, v ${at.v}`;
}

/** A step to show: slide `index` as reveal shows it on arrival from before (no fragments yet). */
export function arrival(ctx: CheckContext, index: number): Step {
  const s = ctx.deck.slides[index]!;
  return { index, h: s.h, v: s.v, f: -1 };
}

export async function goToStep(page: DeckPage, step: Step): Promise<void> {
  page.slide = step.index;
  await page.page.evaluate((h: number, v: number, f: number) => window.Reveal.slide(h, v, f), step.h, step.v, step.f);
}

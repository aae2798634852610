import type { Browser } from 'puppeteer-core';
import type { DeckJson } from '../model.ts';
import type { FitThresholds, SlideFit } from './fit.ts';

/** The checks of issue 5, in the order they run. */
export const SMOKE_CHECKS = ['start', 'notes', 'fit', 'a11y', 'presents', 'prints', 'phones'] as const;
export type SmokeCheck = (typeof SMOKE_CHECKS)[number];

/** What each check proves, for summaries and `--help`. */
export const CHECK_DESCRIPTIONS: Readonly<Record<SmokeCheck, string>> = {
  start: 'starts over http (sub-path) and file://: ready event, slide count, no errors, no other origins',
  notes: 'every slide has speaker notes',
  fit: 'no overflow or clipping at the deck size, images loaded, text sizes and balance the deck asks for',
  a11y: 'axe-core: no serious or critical violation, and no heading-order violation',
  presents: 'keys walk the deck both ways, deep link, speaker view, overview, search, help',
  prints: 'the print layout has one page per slide',
  phones: 'scroll view at 390×844 and 768×1024: every slide visible, no horizontal scrolling',
};

/** The slide a failure is about; null for the page as a whole. */
export interface SlideRef {
  /** 1-based, as the slide number on screen. */
  number: number;
  title: string;
  id: string;
}

/** One thing that is wrong, said so that a person can find and fix it. */
export interface SmokeFailure {
  check: SmokeCheck;
  slide: SlideRef | null;
  /** Where it happened when that matters: "http", "file://", "390×844", "speaker view"… */
  where?: string;
  expected: string;
  found: string;
  /** Screenshot of the slide (or of the page) that shows it, when there is one. */
  screenshot: string | null;
}

/** Something worth knowing that does not fail the run (moderate axe findings, a browser's favicon request). */
export interface SmokeNote {
  check: SmokeCheck;
  slide: SlideRef | null;
  message: string;
}

export interface CheckTiming {
  /** A check, or the screenshots every run takes. */
  check: SmokeCheck | 'screenshots';
  ms: number;
  failures: number;
}

export interface SmokeReport {
  distDir: string;
  title: string;
  slideCount: number;
  checks: SmokeCheck[];
  failures: SmokeFailure[];
  notes: SmokeNote[];
  timings: CheckTiming[];
  /** One screenshot per slide at the deck's size, in slide order. */
  screenshots: string[];
  /** The fit check's thresholds and each slide's smallest text and span; null when it did not run. */
  fit: { thresholds: FitThresholds; slides: SlideFit[] } | null;
  /** The contact sheet (index.html) beside the screenshots. */
  gallery: string;
  totalMs: number;
}

export interface SmokeOptions {
  /** A built deck: index.html, deck.json, assets/. */
  distDir: string;
  /** A browser to reuse (it is left open); otherwise one is launched and closed. */
  browser?: Browser;
  /** Where slide screenshots, the contact sheet and failure screenshots go (emptied of old PNGs first). */
  screenshotsDir: string;
  /** The checks to run. @default every check */
  checks?: readonly SmokeCheck[];
  /** URL sub-path the deck is served under. @default "/talk/" */
  base?: string;
  /** Longest wait for the deck to start, in ms. @default 15000 */
  readyTimeoutMs?: number;
  /** Fit thresholds over the ones the deck's CSS declares (`--deck-fit-*`). @default the deck's own */
  fit?: Partial<FitThresholds>;
  /** Progress lines ("fit: 17 slides in 2.1 s"); silent by default. */
  log?: (line: string) => void;
}

/** What every check gets: the deck as the compiler described it and where to write. */
export interface CheckContext {
  deck: DeckJson;
  distDir: string;
  screenshotsDir: string;
  /** Screenshot path of slide `index` (0-based) at the deck's size. */
  slideShot(index: number): string;
  slideRef(index: number): SlideRef;
  fail(failure: Omit<SmokeFailure, 'screenshot'> & { screenshot?: string | null }): void;
  note(note: SmokeNote): void;
  enabled(check: SmokeCheck): boolean;
  readyTimeoutMs: number;
  /** The caller's fit thresholds (SmokeOptions.fit). */
  fitThresholds?: Partial<FitThresholds>;
}

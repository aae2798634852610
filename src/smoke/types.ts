import type { Browser } from 'puppeteer-core';
import type { DeckPage } from './deck-page.ts';
import type { DeckGeometry, FitThresholds, SlideFit } from './fit.ts';
import type { DeckJson, SlideRef } from '../model.ts';
import type { SmokeProgress } from './progress.ts';

/** The checks, in the order they report (each is a module listed in checks.ts). */
export const SMOKE_CHECKS = ['start', 'notes', 'fit', 'a11y', 'presents', 'prints', 'phones'] as const;
export type SmokeCheck = (typeof SMOKE_CHECKS)[number];

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

/** Something the deck gets away with here that may fail its audience (a remote file it names, which needs the network). */
export type SmokeWarning = SmokeNote;

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
  /** Remote files the deck names: they will be missing offline (failures with `offlineStrict`). */
  warnings: SmokeWarning[];
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
  /**
   * Which slides get a screenshot: every one (the contact sheet to look through), or only those
   * a check failed on (a run of a few checks, such as `--only fit`, skips the rest). @default 'every slide'
   */
  screenshots?: 'every slide' | 'failing slides';
  /** URL sub-path the deck is served under. @default "/talk/" */
  base?: string;
  /** Longest wait for the deck to start, in ms. @default 15000 */
  readyTimeoutMs?: number;
  /** Fit thresholds over the ones the deck's CSS declares (`--deck-fit-*`). @default the deck's own */
  fit?: Partial<FitThresholds>;
  /**
   * A request to another site is a failure even for a file the deck names (a remote image,
   * background, video, iframe or CSS `url()`); otherwise such a file is a warning. A request
   * nothing in the deck names is a failure either way. @default false
   */
  offlineStrict?: boolean;
  /** Progress lines ("fit: 17 slides in 2.1 s"); silent by default. */
  log?: (line: string) => void;
  /** Called after each slide of the sweep and each step of the key walks (progress.ts prints it); silent by default. */
  progress?: (progress: SmokeProgress) => void;
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
  warn(warning: SmokeWarning): void;
  /** Where a long piece of work is, slide by slide (SmokeOptions.progress). */
  progress(progress: SmokeProgress): void;
  readyTimeoutMs: number;
  /** The caller's fit thresholds (SmokeOptions.fit). */
  fitThresholds?: Partial<FitThresholds> | undefined;
}

/** A browser tab on the deck, opened by the runner at `url`; `where` names it in failures. */
export interface Tab {
  page: DeckPage;
  url: string;
  where: string;
}

/** The sweep: the tab the deck started in, at the viewport where a slide is drawn at its own size. */
export interface Sweep {
  page: DeckPage;
  geometry: DeckGeometry;
  /** What the fit check measured on each slide so far (its smallest text, the content's span). */
  fitFigures: SlideFit[];
}

interface CheckBase {
  name: SmokeCheck;
  /** What the check proves, for summaries and `--help`. */
  description: string;
}

/**
 * One smoke check: its name, what it needs from the runner, and how it runs. A check reports
 * through `ctx.fail` and `ctx.note`; the runner times it and counts its failures (its result).
 * `needs` says when the runner calls it:
 * - `deck`: deck.json only, no browser;
 * - `opening`: on every tab the runner opens on the deck (over http under a sub-path, then from
 *   file://), as it opens; it answers whether the deck started, and the checks below run only
 *   on a deck that did;
 * - `each slide`: during the sweep, on every slide shown at the deck's size with all its
 *   fragments, after its screenshot (`prepare` once before the first);
 * - `started tab`: on the http tab the deck started in, after the sweep;
 * - `own tab`: on a fresh http tab, after the others.
 */
export type Check = CheckBase &
  (
    | { needs: 'deck'; run(ctx: CheckContext): void | Promise<void> }
    | { needs: 'opening'; run(ctx: CheckContext, tab: Tab): Promise<boolean> }
    | {
        needs: 'each slide';
        prepare?(ctx: CheckContext, sweep: Sweep): Promise<void>;
        eachSlide(ctx: CheckContext, sweep: Sweep, index: number): Promise<void>;
      }
    | { needs: 'started tab'; run(ctx: CheckContext, tab: Tab): Promise<void> }
    | { needs: 'own tab'; run(ctx: CheckContext, tab: Tab): Promise<void> }
  );

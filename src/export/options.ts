import path from 'node:path';
import { previewImageName } from '../vite/link-preview.ts';
import type { ImageScale } from './slide-images.ts';

/** What `npm run export` can write, in the order it writes them. */
export const OUTPUT_KINDS = ['slides', 'handout', 'offline', 'png', 'pptx', 'preview'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/**
 * What a plain `npm run export` writes: the PDFs, the offline page and the link preview image
 * the page's metadata names; the PNGs and PowerPoint come with `--only` or `--all`.
 */
export const DEFAULT_OUTPUTS: readonly OutputKind[] = ['slides', 'handout', 'offline', 'preview'];

/** True when an output needs Chromium: the PDFs, and the pictures (PNG, PowerPoint, link preview). */
export function needsBrowser(outputs: readonly OutputKind[]): boolean {
  return outputs.some((k) => k !== 'offline');
}

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type Paper = (typeof PAPER_SIZES)[number];

export const HANDOUT_LAYOUTS = ['notes', '3-up'] as const;
export type HandoutLayout = (typeof HANDOUT_LAYOUTS)[number];

/** Seconds a step (page load, layout, one print) may take before the export gives up. */
export const DEFAULT_TIMEOUT_SECONDS = 60;
/** The smallest --timeout that still means a time limit. */
export const MIN_TIMEOUT_SECONDS = 0.01;

/** The export's settings with every default applied: what the pipeline receives. */
export interface ExportOptions {
  /** Project root holding `slides/`. */
  projectDir: string;
  /** The deck's markdown: a folder or one .md file, absolute or relative to projectDir. @default "slides" */
  slidesDir?: string;
  /** Absolute folder of the built site; the exports are written into it, next to index.html. */
  outDir: string;
  /** Requested outputs, without duplicates, in OUTPUT_KINDS order. */
  outputs: OutputKind[];
  paper: Paper;
  layout: HandoutLayout;
  /** Print each fragment step of the slides PDF as its own page (and picture, and PowerPoint slide). */
  fragments: boolean;
  /** Pixels per slide pixel of the PNGs and the PowerPoint pictures: 2 gives 2560×1440. */
  scale: ImageScale;
  /** Build the site first (false: use the existing build in outDir). */
  build: boolean;
  timeoutMs: number;
  /** Every warning about the deck stops the build (`--strict`). */
  strict: boolean;
  /** A remote file the deck names that does not load (or any request off the deck's own files) is an error. */
  offlineStrict: boolean;
}

/** Options as the command line gives them: strings, unchecked. */
export interface RawExportOptions {
  only?: string[];
  /** Every output kind. */
  all?: boolean;
  scale?: string | number;
  paper?: string;
  layout?: string;
  fragments?: boolean;
  outDir?: string;
  build?: boolean;
  timeout?: string | number;
  strict?: boolean;
  offlineStrict?: boolean;
}

/** A bad command-line value: the CLI prints it with a hint and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${name} "${value}" is not one of: ${allowed.join(', ')}`);
}

/** `--only slides --only handout,offline` → ['slides', 'handout', 'offline']; none given means DEFAULT_OUTPUTS. */
export function parseOutputs(values: readonly string[] | undefined): OutputKind[] {
  const wanted = new Set<OutputKind>();
  for (const value of values ?? []) {
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      wanted.add(oneOf('--only', part, OUTPUT_KINDS));
    }
  }
  if (wanted.size === 0) return [...DEFAULT_OUTPUTS];
  return OUTPUT_KINDS.filter((k) => wanted.has(k));
}

/**
 * Validates the command line's options and fills in the defaults. Precedence is simple:
 * defaults < CLI flags (the deck's front matter has no export settings).
 */
export function resolveExportOptions(raw: RawExportOptions, projectDir: string, slidesDir?: string): ExportOptions {
  const text = raw.timeout === undefined ? String(DEFAULT_TIMEOUT_SECONDS) : String(raw.timeout).trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimals only.
  const timeout = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError(`--timeout "${String(raw.timeout)}" must be a number of seconds above 0`);
  // Below a millisecond the browser would get a timeout of 0, which puppeteer reads as "wait forever".
  if (timeout < MIN_TIMEOUT_SECONDS)
    throw new UsageError(`--timeout ${text} is too small: give at least ${MIN_TIMEOUT_SECONDS} s`);
  return {
    projectDir: path.resolve(projectDir),
    ...(slidesDir === undefined ? {} : { slidesDir: path.resolve(projectDir, slidesDir) }),
    outDir: path.resolve(projectDir, raw.outDir ?? 'dist'),
    outputs: raw.all ? [...OUTPUT_KINDS] : parseOutputs(raw.only),
    scale: oneOf('--scale', String(raw.scale ?? 2), ['1', '2'] as const) === '1' ? 1 : 2,
    paper: oneOf('--paper', raw.paper ?? 'a4', PAPER_SIZES),
    layout: oneOf('--layout', raw.layout ?? 'notes', HANDOUT_LAYOUTS),
    fragments: raw.fragments ?? false,
    build: raw.build ?? true,
    timeoutMs: Math.round(timeout * 1000),
    strict: raw.strict ?? false,
    offlineStrict: raw.offlineStrict ?? false,
  };
}

/**
 * File names of the exports, next to index.html: `<slug>.pdf`, `<slug>-handout.pdf`, `<slug>-offline.html`,
 * `<slug>.pptx`; for `png`, the contact sheet (the slide pictures are named by slide-images.ts).
 */
export function outputFileName(kind: OutputKind, slug: string): string {
  switch (kind) {
    case 'slides':
      return `${slug}.pdf`;
    case 'handout':
      return `${slug}-handout.pdf`;
    case 'offline':
      return `${slug}-offline.html`;
    case 'png':
      return `${slug}-contact.png`;
    case 'pptx':
      return `${slug}.pptx`;
    case 'preview':
      return previewImageName(slug);
  }
}

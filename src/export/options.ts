import path from 'node:path';

/** What `npm run export` can write, in the order it writes them. */
export const OUTPUT_KINDS = ['slides', 'handout', 'offline'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type Paper = (typeof PAPER_SIZES)[number];

export const HANDOUT_LAYOUTS = ['notes', '3-up'] as const;
export type HandoutLayout = (typeof HANDOUT_LAYOUTS)[number];

/** Seconds a step (page load, layout, one print) may take before the export gives up. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

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
  /** Print each fragment step of the slides PDF as its own page. */
  fragments: boolean;
  /** Build the site first (false: use the existing build in outDir). */
  build: boolean;
  timeoutMs: number;
}

/** Options as the command line gives them: strings, unchecked. */
export interface RawExportOptions {
  only?: string[];
  paper?: string;
  layout?: string;
  fragments?: boolean;
  outDir?: string;
  build?: boolean;
  timeout?: string | number;
}

/** A bad command-line value: the CLI prints it with a hint and exits 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
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

/** `--only slides --only handout,offline` → ['slides', 'handout', 'offline']; none given means all. */
export function parseOutputs(values: readonly string[] | undefined): OutputKind[] {
  const wanted = new Set<OutputKind>();
  for (const value of values ?? []) {
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      wanted.add(oneOf('--only', part, OUTPUT_KINDS));
    }
  }
  if (wanted.size === 0) return [...OUTPUT_KINDS];
  return OUTPUT_KINDS.filter((k) => wanted.has(k));
}

/**
 * Validates the command line's options and fills in the defaults. Precedence is simple:
 * defaults < CLI flags (the deck's front matter has no export settings).
 */
export function resolveExportOptions(raw: RawExportOptions, projectDir: string, slidesDir?: string): ExportOptions {
  const timeout = raw.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(raw.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError(`--timeout "${String(raw.timeout)}" must be a number of seconds above 0`);
  return {
    projectDir: path.resolve(projectDir),
    ...(slidesDir === undefined ? {} : { slidesDir: path.resolve(projectDir, slidesDir) }),
    outDir: path.resolve(projectDir, raw.outDir ?? 'dist'),
    outputs: parseOutputs(raw.only),
    paper: oneOf('--paper', raw.paper ?? 'a4', PAPER_SIZES),
    layout: oneOf('--layout', raw.layout ?? 'notes', HANDOUT_LAYOUTS),
    fragments: raw.fragments ?? false,
    build: raw.build ?? true,
    timeoutMs: Math.round(timeout * 1000),
  };
}

/** File names of the exports, next to index.html: `<slug>.pdf`, `<slug>-handout.pdf`, `<slug>-offline.html`. */
export function outputFileName(kind: OutputKind, slug: string): string {
  switch (kind) {
    case 'slides':
      return `${slug}.pdf`;
    case 'handout':
      return `${slug}-handout.pdf`;
    case 'offline':
      return `${slug}-offline.html`;
  }
}

import path from 'node:path';
import { formatBytes } from '../contract/downloads.ts';
import type { OutputKind } from './options.ts';

/** A file the export wrote. */
export interface WrittenFile {
  kind: OutputKind;
  /** Absolute path. */
  path: string;
  bytes: number;
  /** Page count of a PDF; null for the offline page. */
  pages: number | null;
}

/** Where the export tells people what it is doing: the CLI prints, tests collect. */
export interface Reporter {
  /** A finished step: `ok` false for the step that failed. */
  step(label: string, ms: number, detail: string, ok: boolean): void;
  /** A warning that does not stop the export (a slide taller than its page). */
  warn(line: string): void;
}

/** A reporter that says nothing. */
export const silentReporter: Reporter = { step: () => {}, warn: () => {} };

/** "1.2 s", "85 ms". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The page's byte format, so that the terminal and the Downloads menu give a file the same size. */
export { formatBytes };

/** One progress line: `✓ slides PDF      1.4 s  17 pages`. */
export function formatStep(label: string, ms: number, detail: string, ok: boolean): string {
  return `${ok ? '✓' : '✗'} ${label.padEnd(13)} ${formatDuration(ms).padStart(7)}${detail ? `  ${detail}` : ''}`;
}

/** The summary table: one row per file, paths relative to `cwd`. */
export function formatSummary(files: readonly WrittenFile[], cwd: string, totalMs: number): string {
  const shown = (p: string) => {
    const rel = path.relative(cwd, p);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
  };
  const rows = files.map((f) => [
    shown(f.path),
    formatBytes(f.bytes),
    f.pages === null ? '' : `${f.pages} page${f.pages === 1 ? '' : 's'}`,
  ]);
  const head = ['file', 'size', 'pages'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd();
  return [
    line(head),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    `${files.length} file${files.length === 1 ? '' : 's'} written in ${formatDuration(totalMs)}`,
  ].join('\n');
}

/** Times a step and reports it, failed or not. */
export async function timed<T>(
  reporter: Reporter,
  label: string,
  run: () => Promise<T>,
  detail: (result: T) => string = () => '',
): Promise<T> {
  const t0 = performance.now();
  try {
    const result = await run();
    reporter.step(label, performance.now() - t0, detail(result), true);
    return result;
  } catch (err) {
    reporter.step(label, performance.now() - t0, '', false);
    throw err;
  }
}

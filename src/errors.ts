import type { DeckWarning, SourcePos } from './model.ts';

/** Stable codes, so tests and tools can tell errors apart without parsing messages. */
export type DeckErrorCode =
  | 'NOT_UTF8'
  | 'EMPTY_DECK'
  | 'NO_SLIDE_FILES'
  | 'UNCLOSED_FRONT_MATTER'
  | 'BAD_FRONT_MATTER'
  | 'UNKNOWN_FRONT_MATTER_KEY'
  | 'FRONT_MATTER_TYPE'
  | 'FRONT_MATTER_NOT_FIRST'
  | 'UNKNOWN_FILE'
  | 'EMPTY_SLIDE'
  | 'BAD_ATTRIBUTES'
  | 'DUPLICATE_ID'
  | 'MISSING_ASSET'
  | 'MISSING_BIBLIOGRAPHY'
  | 'BAD_BIBLIOGRAPHY'
  | 'MISSING_REFERENCE'
  | 'BAD_CITATION_STYLE'
  | 'UNCLOSED_COMMENT'
  | 'NESTED_SECTION'
  | 'BAD_CITATION'
  | 'UNPRINTABLE_REFERENCE'
  | 'OUTSIDE_DECK'
  | 'BROKEN_LINK'
  | 'TOO_DEEP'
  | 'DUPLICATE_FILE'
  | 'BAD_MATH'
  | 'BAD_SEPARATOR'
  | 'STRICT_WARNING';

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.column}`;
}

/** An error caused by deck content: says what is wrong, where, and how to fix it. */
export class DeckError extends Error {
  readonly code: DeckErrorCode;
  readonly pos: SourcePos;
  /** The problem alone, without position (the message is `pos: problem`). */
  readonly problem: string;

  constructor(code: DeckErrorCode, pos: SourcePos, problem: string) {
    super(`${formatPos(pos)}: ${problem}`);
    this.name = 'DeckError';
    this.code = code;
    this.pos = pos;
    this.problem = problem;
  }
}

export function isDeckError(err: unknown): err is DeckError {
  return err instanceof DeckError;
}

/** Collects warnings; the caller decides how to print them. */
export class WarningList {
  readonly items: DeckWarning[] = [];
  /**
   * With `strict`, every warning stops the build as an error at its position; a string says what
   * made the build strict (`--strict`, or the deck's own `strict: true`).
   */
  constructor(private readonly strict: boolean | string = false) {}
  warn(code: string, pos: SourcePos, message: string): void {
    if (this.strict) {
      const why = typeof this.strict === 'string' ? this.strict : '--strict';
      throw new DeckError('STRICT_WARNING', pos, `${message} (an error because of ${why})`);
    }
    this.items.push({ code, pos, message });
  }
}

/** A few lines of source around a position, with a caret, for terminals and Vite's overlay. */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

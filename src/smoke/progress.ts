/**
 * Progress of a long run, slide by slide: on a terminal one line rewritten in place
 * ("smoke: fit, a11y 37/140 “Weak borders”"); in a log (CI, a pipe) a plain line at each tenth
 * of the deck, so a 1,000-slide run writes ten lines, not a thousand.
 */

/** Where the sweep is: `done` of `total` slides through the per-slide checks named in `what`. */
export interface SmokeProgress {
  /** The per-slide checks running ("fit, a11y"), or "screenshots" when none is. */
  what: string;
  done: number;
  total: number;
  /** The slide just done. */
  title: string;
}

/** The part of a stream the printer needs (process.stderr fits). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressPrinter {
  update(progress: SmokeProgress): void;
  /** Clears the line a terminal was showing, before anything else is printed. */
  end(): void;
}

/** The slides after which a log gets a line: each tenth of the deck, and the last. */
export function isLoggedStep(done: number, total: number): boolean {
  const step = Math.max(1, Math.ceil(total / 10));
  return done === total || done % step === 0;
}

export function progressLine(p: SmokeProgress): string {
  return `smoke: ${p.what} ${p.done}/${p.total}${p.title ? ` “${p.title}”` : ''}`;
}

export function progressPrinter(stream: ProgressStream): ProgressPrinter {
  if (!stream.isTTY) {
    return {
      update: (p) => {
        if (isLoggedStep(p.done, p.total)) stream.write(`${progressLine(p)}\n`);
      },
      end: () => undefined,
    };
  }
  let showing = false;
  return {
    update: (p) => {
      const width = Math.max(20, (stream.columns || 80) - 1);
      const line = progressLine(p);
      // One line, cut to the terminal's width, so that rewriting it never leaves a wrapped tail behind.
      stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      showing = true;
    },
    end: () => {
      if (showing) stream.write('\r\x1b[K');
      showing = false;
    },
  };
}

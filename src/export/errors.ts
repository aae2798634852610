import type { SlideRef } from '../model.ts';

/** "slide 7 “Why smuggling pays” (#why-smuggling-pays)". */
export function describeSlide(slide: SlideRef): string {
  return `slide ${slide.number} “${slide.title}” (#${slide.id})`;
}

/**
 * Something the deck's content or build caused: a slide that did not render, a step that timed
 * out, a deck that did not compile. The commands' error table (cli/errors.ts) gives it exit code 1.
 */
export class ExportError extends Error {
  constructor(
    message: string,
    /** The slide it is about, when there is one. */
    readonly slide: SlideRef | null = null,
    /** A few lines of context for the terminal (a code frame), when there are some. */
    readonly detail = '',
  ) {
    super(slide ? `${describeSlide(slide)}: ${message}` : message);
    this.name = 'ExportError';
  }
}

/** The deck does not compile: the message is `file:line:column: problem`, the detail a code frame. */
export class DeckBuildError extends ExportError {
  constructor(message: string, frame = '') {
    super(message, null, frame);
    this.name = 'DeckBuildError';
  }
}

/** A problem of the machine, not of the deck (no browser, a browser that will not start): exit code 3. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** An output folder the command will not write to, and why (it holds the user's work): exit code 2. */
export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefusedError';
  }
}

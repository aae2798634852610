import { CliError, formatCliError, type CommandWords } from './errors.ts';

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

let finished = false;

/**
 * The command's work is in place (the export's swap is done). A signal from then on has
 * nothing to undo: it is let pass, and the command ends as it would have, exit 0 with its
 * summary, since an exit of 130 promises that nothing changed. A signal that arrived during
 * the synchronous swap is handled only after it, so it too lands here.
 */
export function markFinished(): void {
  finished = true;
}

/**
 * Ctrl-C (or a termination signal) at any moment: say so, and exit at once. Exiting runs the
 * synchronous exit hooks below, which kill the browser (chromium/launch.ts) and remove staging
 * folders and temporary files (export/atomic-write.ts); nothing asynchronous is awaited,
 * because a runner such as tsx kills its child a few tens of milliseconds after relaying the
 * signal. What a kill outright leaves behind, the next run removes (site-build.ts removeStale).
 */
export function exitOnInterrupt(words: CommandWords): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.once(signal, () => {
      if (finished) return;
      process.stderr.write(`${formatCliError(new CliError('interrupted', signal), words)}\n`);
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}

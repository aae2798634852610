/** One task later: the browser may paint, take input or run other work in between. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `steps` once the page has painted, each in a task of its own (so none of them delays the
 * first slide or blocks input for long), then `done`, even when a step failed (its error is
 * reported as uncaught, where the page's error handlers see it).
 */
export function afterFirstPaint(steps: readonly (() => unknown)[], done: () => void): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    void run();
  };
  const run = async () => {
    for (const step of steps) {
      await nextTask();
      try {
        await step();
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
    done();
  };
  // The task after the next frame comes after its paint.
  requestAnimationFrame(() => setTimeout(start, 0));
  // A tab opened in the background runs no frames until it is shown: do not wait for one.
  setTimeout(start, 100);
}

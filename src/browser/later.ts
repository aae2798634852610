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
  // A tab opened in the background runs no frames until it is shown: do not wait for one.
  if (document.visibilityState === 'hidden') {
    setTimeout(start, 100);
    return;
  }
  document.addEventListener('visibilitychange', start, { once: true });
  void shown().then(() => setTimeout(start, 0));
  // A first slide with nothing a browser counts as content (a bare background) is never "painted".
  setTimeout(start, NO_PAINT_MS);
}

/** How long to wait for a first paint that may never be reported. */
const NO_PAINT_MS = 1500;

/**
 * Settles once the browser reports the first contentful paint: the frame that put the first
 * slide on screen, which comes a while after the task that drew it (on a loaded phone, after
 * tens of milliseconds). Work begun between the two, a fetch above all, competes with that
 * first frame. A browser without paint timing gets the task after the next frame.
 */
function shown(): Promise<void> {
  return new Promise((resolve) => {
    const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
    if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      requestAnimationFrame(() => resolve());
      return;
    }
    if (painted()) return resolve();
    const observer = new PerformanceObserver(() => {
      if (!painted()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'paint', buffered: true });
  });
}

/**
 * Chromium fires `resize` during a page's first layouts although the window kept its size (seen
 * with phone emulation and on laptops alike), and reveal answers each with a layout of the whole
 * deck: in reading mode, every page measured again before the first slide is painted. Until
 * `stop()` (the deck is ready), a resize that left the window's size as it was goes no further;
 * one that changed it reaches every listener as usual.
 */
export function holdUnchangedResizes(): { stop(): void } {
  let size = `${window.innerWidth}×${window.innerHeight}`;
  const filter = (event: Event) => {
    const now = `${window.innerWidth}×${window.innerHeight}`;
    if (now === size) event.stopImmediatePropagation();
    size = now;
  };
  // Capturing on the window itself: called before the listeners reveal adds there.
  window.addEventListener('resize', filter, true);
  return { stop: () => window.removeEventListener('resize', filter, true) };
}

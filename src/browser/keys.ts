import type { DeckApi } from '../contract/page.ts';
import { currentMode } from './reader-mode.ts';

/** Keys the reading page scrolls with natively instead of reveal's page-sized jumps. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', ' ', 'PageUp', 'PageDown', 'Home', 'End']);
/** Keys that move between slides while reading (reveal would scroll a screen instead). */
const STEP_KEYS = new Map([
  ['ArrowLeft', -1],
  ['ArrowRight', 1],
  ['p', -1],
  ['n', 1],
]);
/** Keys our buttons and banners act on themselves. */
const CONTROL_KEYS = new Set([' ', 'Enter', 'Escape']);

const modified = (e: KeyboardEvent) => e.altKey || e.ctrlKey || e.metaKey || e.shiftKey;

/** reveal's `keyboardCondition`: false for keys that belong to our controls or to reading. */
export function revealMayHandle(e: KeyboardEvent): boolean {
  if (document.querySelector('dialog[open]')) return false;
  if (e.target instanceof Element && e.target.closest('.deck-ui') && CONTROL_KEYS.has(e.key)) return false;
  if (currentMode() === 'read' && (SCROLL_KEYS.has(e.key) || (STEP_KEYS.has(e.key) && !modified(e)))) return false;
  return true;
}

/** Registers R and T (listed in reveal's help, `?`) and the reading mode's slide steps. */
export function bindKeys(
  deck: DeckApi,
  actions: { toggleMode(): void; contents(): void; step(delta: number): void },
): void {
  deck.addKeyBinding({ keyCode: 82, key: 'R', description: 'Read (slides with notes) / present' }, actions.toggleMode);
  deck.addKeyBinding({ keyCode: 84, key: 'T', description: 'Table of contents' }, actions.contents);
  document.addEventListener('keydown', (e) => {
    const delta = STEP_KEYS.get(e.key);
    if (currentMode() !== 'read' || delta === undefined || modified(e) || e.defaultPrevented) return;
    if (e.target instanceof Element && e.target.closest('input, textarea, select, [contenteditable], dialog')) return;
    e.preventDefault();
    actions.step(delta);
  });
}

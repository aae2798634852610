import type { LiveState } from '../contract/live.ts';
import type { DeckApi } from '../contract/page.ts';

/** Input within this long before a slide change means the follower moved on their own. */
const INPUT_MS = 2000;
/** A jump we make while reading scrolls for a while; changes meanwhile are ours. */
const SETTLE_MS = 1500;

export interface Follower {
  /** The presenter's latest position arrived. */
  update(state: LiveState): void;
  /** Goes back to the presenter's slide and follows again. */
  backToLive(): void;
  readonly following: boolean;
}

/** Where a page is, fragments as -1 when none is shown. */
export function placeOf(deck: DeckApi): LiveState {
  const { h, v, f } = deck.getIndices();
  return { h, v: v ?? 0, f: f ?? -1 };
}

/**
 * Moves the follower's deck with the presenter's. A follower who moves on their own (keys,
 * swipes, scrolling, the controls) stops following until they press "Back to live" or walk back
 * to the live slide; the presenter's moves never pull them away meanwhile.
 */
export function followPresenter(
  deck: DeckApi,
  reading: () => boolean,
  changed: (following: boolean) => void,
): Follower {
  let live: LiveState | null = null;
  let following = true;
  let lastInput = -Infinity;
  let settleUntil = -Infinity;
  let applying = false;

  const same = (a: LiveState, b: LiveState) => a.h === b.h && a.v === b.v && (reading() || a.f === b.f);
  const set = (value: boolean) => {
    if (value === following) return;
    following = value;
    changed(value);
  };
  const apply = () => {
    if (!live) return;
    applying = true;
    try {
      if (reading()) {
        settleUntil = performance.now() + SETTLE_MS;
        deck.slide(live.h, live.v);
      } else deck.slide(live.h, live.v, live.f);
    } finally {
      applying = false;
    }
  };

  for (const type of ['keydown', 'wheel', 'touchstart', 'pointerdown'])
    window.addEventListener(type, () => (lastInput = performance.now()), { capture: true, passive: true });
  const moved = () => {
    if (applying || !live) return;
    const now = performance.now();
    if (now < settleUntil && lastInput < settleUntil - SETTLE_MS) return;
    if (now - lastInput > INPUT_MS) return;
    set(same(placeOf(deck), live));
  };
  for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(type, moved);

  return {
    update(state) {
      live = state;
      if (following) apply();
      else if (same(placeOf(deck), state)) set(true);
    },
    backToLive() {
      set(true);
      apply();
    },
    get following() {
      return following;
    },
  };
}

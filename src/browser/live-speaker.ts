import type { Question } from '../contract/live.ts';
import { renderQuestions, type MarkQuestion } from './live-questions.ts';
import { SPEAKER_CSS } from './live-style.ts';

export interface SpeakerExtras {
  setQuestions(list: readonly Question[]): void;
}

/** The pause key in the speaker view: Q, for "questions". */
const PAUSE_KEY = 'q';

/**
 * Adds to reveal's speaker view (the notes plugin's window, same origin as the deck) the room's
 * questions and a pause for the pacing.
 *
 * The plugin keeps its timer's start in a closure and reads the time with `new Date()` once a
 * second. So the pause gives that window its own Date whose "now" stands still while paused and
 * then runs on less the time paused: the elapsed time and the pacing stop, and resume where they
 * stopped, so the time left for the talk stays right. The wall clock it shows keeps the real
 * time.
 */
export function extendSpeakerView(win: Window, mark: MarkQuestion): SpeakerExtras | null {
  const doc = win.document;
  const controls = doc.querySelector('#speaker-controls');
  const time = doc.querySelector('.speaker-controls-time');
  if (!controls || !time) return null;

  const style = doc.createElement('style');
  style.textContent = SPEAKER_CSS;
  doc.head.append(style);

  const pause = installPausableClock(win);
  const box = doc.createElement('div');
  box.className = 'deck-live-pause';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'deck-live-pause-button';
  const label = doc.createElement('span');
  label.className = 'deck-live-pause-label';
  label.setAttribute('aria-live', 'polite');
  box.append(button, label);
  time.after(box);

  const show = () => {
    const ms = pause.pausedFor();
    button.textContent = ms === null ? 'Pause pacing (Q)' : 'Resume pacing (Q)';
    button.setAttribute('aria-pressed', String(ms !== null));
    label.textContent = ms === null ? '' : `Paused ${formatDuration(ms)}`;
    box.classList.toggle('is-paused', ms !== null);
  };
  const toggle = () => {
    pause.toggle();
    show();
  };
  button.addEventListener('click', toggle);
  // Capture: before the plugin forwards the key to the current slide's frame.
  win.addEventListener(
    'keydown',
    (e) => {
      if (e.key.toLowerCase() !== PAUSE_KEY || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      toggle();
    },
    true,
  );
  win.setInterval(show, 500);
  show();

  const section = doc.createElement('section');
  section.className = 'deck-live-speaker-questions';
  const heading = doc.createElement('h4');
  heading.textContent = 'Questions from the room';
  const list = doc.createElement('ol');
  list.className = 'deck-live-questions-list';
  section.append(heading, list);
  controls.append(section);
  renderQuestions(list, [], mark);

  return { setQuestions: (questions) => renderQuestions(list, questions, mark) };
}

/** 65000 → "1:05". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

interface PausableClock {
  toggle(): void;
  /** How long the current pause has lasted, or null when running. */
  pausedFor(): number | null;
}

function installPausableClock(win: Window): PausableClock {
  const target = win as unknown as { Date: DateConstructor };
  const RealDate = target.Date;
  let pausedTotal = 0;
  let pausedAt: number | null = null;
  const now = () => (pausedAt ?? RealDate.now()) - pausedTotal;

  class PacedDate extends RealDate {
    /** The real time when made as "now", so the clock on screen stays true. */
    private readonly wall: number | undefined;
    constructor(...args: unknown[]) {
      if (args.length === 0) {
        super(now());
        this.wall = RealDate.now();
      } else {
        super(...(args as [number]));
        this.wall = undefined;
      }
    }
    static override now(): number {
      return now();
    }
    override toLocaleTimeString(...args: Parameters<Date['toLocaleTimeString']>): string {
      return this.wall === undefined
        ? super.toLocaleTimeString(...args)
        : new RealDate(this.wall).toLocaleTimeString(...args);
    }
  }
  target.Date = PacedDate as unknown as DateConstructor;

  return {
    toggle() {
      if (pausedAt === null) pausedAt = RealDate.now();
      else {
        pausedTotal += RealDate.now() - pausedAt;
        pausedAt = null;
      }
    },
    pausedFor: () => (pausedAt === null ? null : RealDate.now() - pausedAt),
  };
}

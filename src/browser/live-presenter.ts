import { QR_PATH } from '../contract/live.ts';
import type { Question } from '../contract/live.ts';
import type { DeckApi } from '../contract/page.ts';
import { placeOf } from './live-follow.ts';
import { renderQuestions, type MarkQuestion } from './live-questions.ts';
import type { LiveLink } from './live-socket.ts';
import { extendSpeakerView, type SpeakerExtras } from './live-speaker.ts';

export interface PresenterView {
  /** Sends where the presenter is (again: after a reconnect the server may be new). */
  sendState(): void;
  setQuestions(list: readonly Question[]): void;
  setCount(followers: number, max: number): void;
}

/**
 * The presenter's window: sends every move to the room (not while the overview is open: the
 * room keeps the slide until the presenter picks one), shows the join code full screen on J or
 * its button, and lists the room's questions.
 */
export function presenterView(deck: DeckApi, link: LiveLink, bar: HTMLElement, followUrl: string): PresenterView {
  let questions: readonly Question[] = [];
  let lastSent = '';
  const sendState = (force = false) => {
    if (deck.isOverview()) return;
    const place = placeOf(deck);
    const key = JSON.stringify(place);
    if (key === lastSent && !force) return;
    if (link.send({ t: 'state', ...place })) lastSent = key;
  };
  for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'overviewhidden'])
    deck.on(type, () => sendState());

  const mark: MarkQuestion = (id, change) => link.send({ t: 'mark', id, ...change });

  const count = el('span', 'deck-live-count', '');
  const join = button('Join code (J)', 'deck-live-join-button');
  const qButton = button('Questions', 'deck-live-questions-button');
  qButton.setAttribute('aria-expanded', 'false');
  bar.append(count, join, qButton);

  // The join code: the follower link as a QR code the server drew, big enough to scan from the back.
  const qr = el('div', 'deck-live-qr deck-ui', '');
  qr.hidden = true;
  qr.setAttribute('role', 'dialog');
  qr.setAttribute('aria-label', 'Join this talk');
  const img = document.createElement('img');
  img.alt = `QR code for ${followUrl}`;
  const url = el('p', 'deck-live-qr-url', followUrl);
  const hint = el(
    'p',
    'deck-live-qr-hint',
    'Scan to follow the slides on your phone and ask questions. J or Esc closes.',
  );
  const close = button('Close', 'deck-live-qr-close');
  qr.append(el('h2', 'deck-live-qr-title', 'Follow along'), img, url, hint, close);
  document.body.append(qr);
  const toggleQr = (show = qr.hidden) => {
    if (show && !img.src) img.src = QR_PATH;
    qr.hidden = !show;
    if (show) close.focus();
  };
  join.addEventListener('click', () => toggleQr(true));
  close.addEventListener('click', () => toggleQr(false));
  deck.addKeyBinding({ keyCode: 74, key: 'J', description: 'Show the join code (QR) for the room' }, () => toggleQr());
  document.addEventListener(
    'keydown',
    (e) => {
      if (!qr.hidden && (e.key === 'Escape' || e.key === 'j' || e.key === 'J')) {
        e.preventDefault();
        e.stopPropagation();
        toggleQr(false);
      }
    },
    true,
  );

  const panel = el('section', 'deck-live-panel deck-ui', '');
  panel.hidden = true;
  panel.setAttribute('aria-label', 'Questions from the room');
  const list = el('ol', 'deck-live-questions-list', '');
  panel.append(el('h2', 'deck-live-panel-title', 'Questions from the room'), list);
  document.body.append(panel);
  qButton.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    qButton.setAttribute('aria-expanded', String(!panel.hidden));
  });

  // reveal's notes plugin opens the speaker view and talks to it by postMessage; its first
  // messages tell us which window it is.
  const speakers = new Map<Window, SpeakerExtras | null>();
  window.addEventListener('message', (e) => {
    if (typeof e.data !== 'string' || !e.data.includes('reveal-notes')) return;
    const source = e.source as Window | null;
    if (!source || source === window || speakers.get(source)) return;
    try {
      const extras = extendSpeakerView(source, mark);
      speakers.set(source, extras);
      extras?.setQuestions(questions);
    } catch {
      // Not our origin or not ready yet: the next heartbeat tries again.
    }
  });

  const view: PresenterView = {
    sendState: () => sendState(true),
    setQuestions(next) {
      questions = next;
      renderQuestions(list, next, mark);
      const open = next.filter((q) => !q.hidden && !q.answered).length;
      qButton.textContent = open ? `Questions (${open})` : 'Questions';
      for (const [win, extras] of speakers) {
        if (win.closed) speakers.delete(win);
        else extras?.setQuestions(next);
      }
    },
    setCount(followers, max) {
      count.textContent = `${followers} following${followers >= max ? ' (full)' : ''}`;
    },
  };
  view.setQuestions([]);
  return view;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function button(text: string, className: string): HTMLButtonElement {
  const b = el('button', className, text);
  b.type = 'button';
  return b;
}

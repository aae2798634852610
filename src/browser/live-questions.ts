import type { Question } from '../contract/live.ts';

export type MarkQuestion = (id: number, change: { answered?: boolean; hidden?: boolean }) => void;

/** "slide 4" or "slide 4.2", with the title when there is one. */
export function slideLabel(q: Pick<Question, 'h' | 'v' | 'slideTitle'>): string {
  const n = `Slide ${q.h + 1}${q.v ? `.${q.v + 1}` : ''}`;
  return q.slideTitle ? `${n}: ${q.slideTitle}` : n;
}

/**
 * Fills `list` (an <ol>, in the presenter's window or the speaker view: whichever document owns
 * it) with the questions not hidden, oldest first so the newest is last. Questions are text from
 * the room: they go in with textContent only, never as markup.
 */
export function renderQuestions(list: HTMLElement, questions: readonly Question[], mark: MarkQuestion): void {
  const doc = list.ownerDocument;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') => {
    const el = doc.createElement(tag);
    el.className = className;
    el.textContent = text;
    return el;
  };
  const shown = questions.filter((q) => !q.hidden);
  list.replaceChildren(
    ...shown.map((q) => {
      const item = make('li', q.answered ? 'deck-live-q is-answered' : 'deck-live-q');
      item.dataset.questionId = String(q.id);
      const time = new Date(q.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      const text = make('p', 'deck-live-q-text', q.text);
      const meta = make('p', 'deck-live-q-meta', `${slideLabel(q)} · ${time}`);
      const answered = make('button', 'deck-live-q-answered', q.answered ? 'Not answered' : 'Answered');
      answered.type = 'button';
      answered.addEventListener('click', () => mark(q.id, { answered: !q.answered }));
      const hide = make('button', 'deck-live-q-hide', 'Hide');
      hide.type = 'button';
      hide.addEventListener('click', () => mark(q.id, { hidden: true }));
      const actions = make('div', 'deck-live-q-actions');
      actions.append(answered, hide);
      item.append(text, meta, actions);
      return item;
    }),
  );
  if (shown.length === 0) list.append(make('li', 'deck-live-q-none', 'No questions yet.'));
}

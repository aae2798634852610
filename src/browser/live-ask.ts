import type { AskRefusal } from '../contract/live.ts';

export interface AskDialog {
  /** The server's answer to the last question: null when it was taken. */
  answered(refusal: AskRefusal | null): void;
}

const REFUSALS: Record<AskRefusal, string> = {
  empty: 'Write a question first.',
  'too-long': 'That is too long: keep it short.',
  'too-fast': 'You are asking fast: wait a little, then send it again.',
};

/** The follower's "Ask a question" button and its dialog: plain text, a length counter, the server's answer. */
export function askDialog(bar: HTMLElement, maxChars: number, send: (text: string) => boolean): AskDialog {
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'deck-live-ask-button';
  open.textContent = 'Ask a question';
  bar.append(open);

  const dialog = document.createElement('dialog');
  dialog.className = 'deck-live-ask deck-ui';
  const form = document.createElement('form');
  form.method = 'dialog';
  const label = document.createElement('label');
  label.textContent = 'Your question for the presenter';
  const text = document.createElement('textarea');
  text.name = 'question';
  text.rows = 4;
  text.maxLength = maxChars;
  label.append(text);
  const counter = document.createElement('p');
  counter.className = 'deck-live-ask-count';
  const result = document.createElement('p');
  result.className = 'deck-live-ask-result';
  result.setAttribute('role', 'status');
  const sendButton = document.createElement('button');
  sendButton.type = 'submit';
  sendButton.textContent = 'Send';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Close';
  const actions = document.createElement('div');
  actions.className = 'deck-live-ask-actions';
  actions.append(sendButton, cancel);
  form.append(label, counter, result, actions);
  dialog.append(form);
  document.body.append(dialog);

  const count = () => (counter.textContent = `${[...text.value].length} / ${maxChars}`);
  text.addEventListener('input', count);
  count();
  open.addEventListener('click', () => {
    result.textContent = '';
    dialog.showModal();
    text.focus();
  });
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.textContent = send(text.value) ? 'Sending…' : 'Not connected: try again in a moment.';
  });

  return {
    answered(refusal) {
      if (refusal) {
        result.textContent = REFUSALS[refusal];
        return;
      }
      text.value = '';
      count();
      result.textContent = 'Sent: the presenter sees your question.';
    },
  };
}

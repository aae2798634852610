import type { Question } from './protocol.ts';

/** The session's questions as plain text, oldest first, for `--save-questions`. */
export function formatQuestions(questions: readonly Question[], title: string): string {
  const lines = [`Questions from the room: ${title}`, ''];
  for (const q of questions) {
    const time = new Date(q.at).toISOString().slice(11, 16);
    const slide = `slide ${q.h + 1}${q.v ? `.${q.v + 1}` : ''}${q.slideTitle ? ` (${q.slideTitle})` : ''}`;
    const flags = [q.answered ? 'answered' : '', q.hidden ? 'hidden' : ''].filter(Boolean).join(', ');
    lines.push(`${q.id}. [${time} UTC, ${slide}${flags ? `, ${flags}` : ''}]`);
    lines.push(...q.text.split('\n').map((l) => `   ${l}`), '');
  }
  if (questions.length === 0) lines.push('(none)', '');
  return lines.join('\n');
}

/**
 * Removes the indentation every non-blank line shares, as reveal does with notes written
 * indented under `Note:` (which markdown would otherwise read as a code block). The first line
 * counts only when it has text of its own.
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines
    .filter((l, i) => l.trim() !== '' && !(i === 0 && !/^\s/.test(l)))
    .map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  if (cut === 0) return text;
  return lines
    .map((l, i) => (i === 0 && !/^\s/.test(l) ? l : l.slice(Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0))))
    .join('\n');
}

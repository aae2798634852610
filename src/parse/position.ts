import type { SourcePos } from '../model.ts';

/** The 1-based position of `offset` in `text`, which starts at `line`:`column` of `file`. */
export function positionAt(file: string, text: string, offset: number, line: number, column = 1): SourcePos {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { file, line, column: column + offset };
  let lines = 0;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) lines++;
  return { file, line: line + lines, column: offset - nl };
}

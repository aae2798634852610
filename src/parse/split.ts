/**
 * parse/: text in, values out: slides and notes, front matter, attributes, citations, references.
 * Pure: no file I/O, no output.
 */
import type { SeparatorConfig } from '../config.ts';
import { DeckError } from '../errors.ts';

/** A slide's raw markdown, split into content and notes, with where each part starts. */
export interface SlideChunk {
  file: string;
  /** How the slide was started: a new file or `---` (h), or `--` (v). */
  kind: 'h' | 'v';
  /** Line of the separator that started the slide (0 for the first slide of a file). */
  separatorLine: number;
  /** First and last non-blank lines of the slide. */
  startLine: number;
  endLine: number;
  content: string;
  contentLine: number;
  /** Notes markdown, or null when the slide has no notes line. */
  notes: string | null;
  notesLine: number;
  notesColumn: number;
}

/** Tracks code fences and HTML comments line by line, where separators do not count. */
class BlockTracker {
  private fence: { char: string; len: number } | null = null;
  private comment = false;
  private commentStart = 0;

  /** True while the line just fed lies inside a fence or a comment (or opens one). */
  feed(line: string, lineNo: number): boolean {
    if (this.fence) {
      const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close?.[1] && close[1][0] === this.fence.char && close[1].length >= this.fence.len) this.fence = null;
      return true;
    }
    if (this.comment) {
      if (line.includes('-->')) this.comment = /<!--(?![\s\S]*-->)/.test(line.slice(line.lastIndexOf('-->') + 3));
      return true;
    }
    const open = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (open?.[1]) {
      this.fence = { char: open[1][0] ?? '`', len: open[1].length };
      return true;
    }
    const lastOpen = line.lastIndexOf('<!--');
    if (lastOpen >= 0 && line.indexOf('-->', lastOpen + 4) < 0) {
      this.comment = true;
      this.commentStart = lineNo;
    }
    return false;
  }

  unclosedComment(): number | null {
    return this.comment ? this.commentStart : null;
  }
}

/** Splits one file's body into slide chunks. Pure; line numbers are 1-based in the file. */
export function splitSlides(file: string, body: string, bodyLine: number, seps: SeparatorConfig): SlideChunk[] {
  const lines = body.split('\n');
  const raw: { kind: 'h' | 'v'; start: number; lines: string[] }[] = [{ kind: 'h', start: bodyLine, lines: [] }];
  const tracker = new BlockTracker();
  lines.forEach((line, i) => {
    const lineNo = bodyLine + i;
    const inside = tracker.feed(line, lineNo);
    const text = line.replace(/\r$/, '');
    if (!inside && seps.horizontal.test(text)) raw.push({ kind: 'h', start: lineNo + 1, lines: [] });
    else if (!inside && seps.vertical.test(text)) raw.push({ kind: 'v', start: lineNo + 1, lines: [] });
    else raw[raw.length - 1]?.lines.push(text);
  });
  const open = tracker.unclosedComment();
  if (open !== null) {
    throw new DeckError(
      'UNCLOSED_COMMENT',
      { file, line: open, column: 1 },
      'HTML comment "<!--" is never closed: add "-->" where it should end',
    );
  }
  // A file may open with a separator; the blank chunk before it is not a slide.
  if (raw.length > 1 && raw[0]?.lines.every((l) => l.trim() === '')) {
    raw.shift();
    if (raw[0]) raw[0].kind = 'h';
  }
  return raw.map((r) => splitNotes(file, r.kind, r.start, r.lines, seps.notes));
}

function splitNotes(file: string, kind: 'h' | 'v', start: number, lines: string[], notesRe: RegExp): SlideChunk {
  const tracker = new BlockTracker();
  const at = lines.findIndex((l, i) => !tracker.feed(l, start + i) && notesRe.test(l));
  const firstText = lines.findIndex((l) => l.trim() !== '');
  const lastText = lines.length - 1 - [...lines].reverse().findIndex((l) => l.trim() !== '');
  const range = {
    separatorLine: start - 1,
    startLine: firstText < 0 ? start : start + firstText,
    endLine: firstText < 0 ? start : start + lastText,
  };
  if (at < 0) {
    return {
      file,
      kind,
      ...range,
      content: lines.join('\n'),
      contentLine: start,
      notes: null,
      notesLine: 0,
      notesColumn: 0,
    };
  }
  const first = lines[at] ?? '';
  const prefix = first.match(notesRe)?.[0] ?? '';
  return {
    file,
    kind,
    ...range,
    content: lines.slice(0, at).join('\n'),
    contentLine: start,
    notes: [first.slice(prefix.length), ...lines.slice(at + 1)].join('\n'),
    notesLine: start + at,
    notesColumn: prefix.length + 1,
  };
}

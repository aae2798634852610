import { createHash } from 'node:crypto';

/**
 * Slides rendered by an earlier compile, reused when their markdown is the same. Rendering a
 * slide (marked, the slide's DOM) is a function of its markdown and of what the compile answers
 * it: the URL of each asset it names and the HTML of each citation it makes. A record keeps
 * those answers; a slide is reused only when asking the same questions again gets the same
 * answers (so an image that went missing still stops the build at its line, and a numeric style
 * that renumbers after a new first citation renders the slide again). Positions are never part
 * of a record: a slide that only moved is reused, and its errors would still name its new line.
 */

/** One rendered piece of markdown (a slide's content or its notes) and what it asked the compile. */
export interface RenderRecord {
  /** The finished HTML, code and math put back. */
  html: string;
  /** Text of the first heading, trimmed. */
  heading: string;
  /** Whole text, trimmed. */
  text: string;
  /** The finished HTML's text, whitespace collapsed (for notes, whose words time the talk); "" for a slide's content. */
  plain: string;
  fragments: number;
  /** Whether it has code or math (their CSS ships only then). */
  code: boolean;
  math: boolean;
  /** Each asset it named, in the order asked: [as written, URL given]. */
  assets: [string, string][];
  /** Each citation cluster it rendered, in the order asked: [cluster as JSON, HTML given]. */
  cites: [string, string][];
}

/** Records by the sha256 of the markdown they were rendered from. */
export type RenderRecords = Record<string, RenderRecord>;

/** What a record's questions are asked again with. */
export interface RenderAnswers {
  asset(raw: string): string;
  cite(clusterJson: string): string;
}

/** The render itself, for a miss: the finished record without its questions (the memo logs those). */
export type RenderRun = () => Omit<RenderRecord, 'assets' | 'cites' | 'code' | 'math'>;

/** What a render says it uses, set by the markdown renderer while it runs. */
export interface UsesFlags {
  code: boolean;
  math: boolean;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The memo of one compile: reads the records it was given, keeps those this compile used or made. */
export class RenderMemo {
  private readonly kept: RenderRecords = {};
  private log: { assets: [string, string][]; cites: [string, string][] } | null = null;

  constructor(
    private readonly previous: RenderRecords,
    /** The compile's shared flags, which the markdown renderer sets. */
    private readonly uses: UsesFlags,
  ) {}

  /** Called with every asset URL the compile gives; logged while a render runs. */
  noteAsset(raw: string, url: string): string {
    this.log?.assets.push([raw, url]);
    return url;
  }

  /** Called with every citation's HTML the compile gives; logged while a render runs. */
  noteCite(clusterJson: string, html: string): string {
    this.log?.cites.push([clusterJson, html]);
    return html;
  }

  /** The record for `markdown`: reused when its questions get the same answers, else rendered by `run`. */
  render(markdown: string, run: RenderRun, answers: RenderAnswers): RenderRecord {
    const key = digest(markdown);
    const known = this.kept[key] ?? this.previous[key];
    if (known && this.holds(known, answers)) {
      this.uses.code ||= known.code;
      this.uses.math ||= known.math;
      this.kept[key] ??= known;
      return known;
    }
    const saved = { code: this.uses.code, math: this.uses.math };
    this.uses.code = false;
    this.uses.math = false;
    const log = { assets: [] as [string, string][], cites: [] as [string, string][] };
    this.log = log;
    try {
      const done = run();
      const record: RenderRecord = { ...done, code: this.uses.code, math: this.uses.math, ...log };
      this.kept[key] = record;
      return record;
    } finally {
      this.log = null;
      this.uses.code ||= saved.code;
      this.uses.math ||= saved.math;
    }
  }

  /** The records this compile used or made, in the order first used: the memo for the next compile. */
  records(): RenderRecords {
    return { ...this.kept };
  }

  private holds(record: RenderRecord, answers: RenderAnswers): boolean {
    // In the order a render asks: its citations, then its assets.
    for (const [cluster, html] of record.cites) if (answers.cite(cluster) !== html) return false;
    for (const [raw, url] of record.assets) if (answers.asset(raw) !== url) return false;
    return true;
  }
}

/** Whether `value` (read back from a file) has the shape of render records. */
export function isRenderRecords(value: unknown): value is RenderRecords {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const pairs = (v: unknown) =>
    Array.isArray(v) &&
    v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
  return Object.values(value).every((r: unknown) => {
    const x = r as Partial<RenderRecord> | null;
    return (
      !!x &&
      typeof x.html === 'string' &&
      typeof x.heading === 'string' &&
      typeof x.text === 'string' &&
      typeof x.plain === 'string' &&
      typeof x.fragments === 'number' &&
      typeof x.code === 'boolean' &&
      typeof x.math === 'boolean' &&
      pairs(x.assets) &&
      pairs(x.cites)
    );
  });
}

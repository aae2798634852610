/**
 * Every paragraph of the article is represented in the talk, and the map in coverage.ts
 * points at the slides that actually present it.
 *
 * The check: a paragraph’s *distinctive* terms are the word stems it uses and no other
 * paragraph uses (“globalization”, “abandoned”, “priorities”…). Each slide mapped to a
 * paragraph must use at least MIN_SHARED of them in its text or notes, and must share more
 * of them with its paragraph than with any paragraph it is not mapped to. A map that pointed
 * a paragraph at the wrong slide fails both ways; the last test proves that by shifting the map.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/load-deck.ts';
import type { Slide } from '../../src/model.ts';
import { coverage, type CoverageEntry } from './coverage.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await loadDeck('slides', { root });
const article = readFileSync(new URL('../../slides/article.txt', import.meta.url), 'utf8');
const paragraphs = article
  .trim()
  .split(/\n\s*\n/)
  .map((p) => p.replace(/\s+/g, ' ').trim());

const MIN_SHARED = 3;

const STOP = new Set(
  'about above after again against along although among another because before being between both could during each either every further however including itself other others their there these those through under until where whether which while would their them they this that with from have been into than then also very such more most less many much will shall should must'.split(
    ' ',
  ),
);

/** Crude stems: lower case, letters only, words of 5+ letters, cut to 6 letters. */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (w.length < 5 || STOP.has(w)) continue;
    out.add(w.slice(0, 6));
  }
  return out;
}

const paragraphStems = paragraphs.map(stems);
/** For each paragraph, the stems no other paragraph has. */
const distinctive = paragraphStems.map(
  (own, i) => new Set([...own].filter((s) => paragraphStems.every((other, j) => j === i || !other.has(s)))),
);

/** Text of a slide and its notes, without in-text citations (a cited title is not content). */
function slideText(s: Slide): string {
  const { document } = parseHTML(
    `<!doctype html><html><body><div id="r">${s.html}</div><div id="n">${s.notesHtml}</div></body></html>`,
  );
  for (const c of document.querySelectorAll('.deck-cite')) c.remove();
  return `${document.getElementById('r')?.textContent ?? ''} ${document.getElementById('n')?.textContent ?? ''}`;
}

const slideStems = new Map(deck.slides.map((s) => [s.id, stems(slideText(s))]));

function shared(slideId: string, paragraph: number): string[] {
  const own = slideStems.get(slideId) ?? new Set<string>();
  return [...(distinctive[paragraph] ?? [])].filter((s) => own.has(s));
}

function paragraphOf(entry: CoverageEntry): number {
  return paragraphs.findIndex((p) => p.startsWith(entry.opening));
}

/** Problems with one map entry, or [] when it holds. */
function problems(entry: CoverageEntry, paragraph: number, map: CoverageEntry[]): string[] {
  const out: string[] = [];
  if (entry.slides.length === 0) out.push(`paragraph ${paragraph + 1} maps to no slide`);
  for (const id of entry.slides) {
    if (!slideStems.has(id)) {
      out.push(`slide "${id}" does not exist`);
      continue;
    }
    const own = shared(id, paragraph);
    if (own.length < MIN_SHARED)
      out.push(`slide "${id}" shares only [${own.join(', ')}] with paragraph ${paragraph + 1}`);
    // Paragraphs this slide is not mapped to must not fit it better.
    map.forEach((other) => {
      const q = paragraphOf(other);
      if (q === paragraph || q < 0 || other.slides.includes(id)) return;
      const theirs = shared(id, q);
      if (theirs.length >= own.length)
        out.push(
          `slide "${id}" fits paragraph ${q + 1} [${theirs.join(', ')}] at least as well as paragraph ${paragraph + 1} [${own.join(', ')}]`,
        );
    });
  }
  return out;
}

describe('paragraph → slides coverage map', () => {
  it('reads the article as five paragraphs with distinctive terms', () => {
    expect(paragraphs).toHaveLength(5);
    for (const d of distinctive) expect(d.size).toBeGreaterThanOrEqual(10);
  });

  it('names every paragraph exactly once, by its opening words', () => {
    const matched = coverage.map(paragraphOf);
    expect(matched).not.toContain(-1);
    expect([...matched].sort()).toEqual(paragraphs.map((_, i) => i));
    for (const e of coverage) expect(e.opening.split(' ').length).toBeGreaterThanOrEqual(5);
  });

  it('maps every paragraph to slides that exist and present it', () => {
    for (const entry of coverage) {
      expect(problems(entry, paragraphOf(entry), coverage), entry.opening).toEqual([]);
    }
  });

  it('represents the whole body: every slide between roadmap and discussion is mapped', () => {
    const mapped = new Set(coverage.flatMap((e) => e.slides));
    const ids = deck.slides.map((s) => s.id);
    const body = ids.slice(ids.indexOf('roadmap') + 1, ids.indexOf('discussion'));
    expect(body.length).toBeGreaterThan(0);
    expect(body.filter((id) => !mapped.has(id))).toEqual([]);
  });

  it('would catch a map that points at the wrong slides', () => {
    // Give each paragraph the slides of the next one: every entry must then fail.
    const shifted = coverage.map((e, i) => ({ ...e, slides: coverage[(i + 1) % coverage.length]?.slides ?? [] }));
    for (const entry of shifted) {
      expect(problems(entry, paragraphOf(entry), shifted).length, entry.opening).toBeGreaterThan(0);
    }
    // And the title slide, which presents no paragraph, passes the threshold for none.
    for (let p = 0; p < paragraphs.length; p++)
      expect(shared('title', p).length, `title vs paragraph ${p + 1}`).toBeLessThan(MIN_SHARED);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DeckError } from '../src/errors.ts';
import { loadDeck } from '../src/load-deck.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const decksDir = path.join(here, 'fixtures/decks');
const errorsDir = path.join(here, 'fixtures/errors');
const cases = (dir: string) => readdirSync(dir).filter((n) => existsSync(path.join(dir, n, 'expected.json')));

interface ExpectedSlide {
  h?: number;
  v?: number;
  id?: string;
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  notes?: string;
  fragments?: number;
  attributes?: Record<string, string>;
  citations?: string[];
  assets?: string[];
}

interface ExpectedDeck {
  meta?: Record<string, unknown>;
  slides: ExpectedSlide[];
  references?: string[];
  warnings?: string[];
}

describe('deck fixtures: markdown in, model out', () => {
  for (const name of cases(decksDir)) {
    it(name, () => {
      const dir = path.join(decksDir, name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ExpectedDeck;
      const { deck, warnings, sectionsHtml } = loadDeck(dir, { root: dir });
      if (expected.meta) expect(deck.meta).toMatchObject(expected.meta);
      expect(deck.slides).toHaveLength(expected.slides.length);
      expected.slides.forEach((want, i) => {
        const got = deck.slides[i]!;
        const { notes, file, assets, startLine, endLine, ...plain } = want;
        expect(got).toMatchObject(plain);
        if (startLine !== undefined) expect(got.source.startLine).toBe(startLine);
        if (endLine !== undefined) expect(got.source.endLine).toBe(endLine);
        if (notes !== undefined) expect(got.notesText).toBe(notes);
        if (file !== undefined) expect(got.source.file).toBe(file);
        for (const asset of assets ?? []) expect(got.html).toContain(`src="${asset}"`);
      });
      if (expected.references) expect(deck.references.map((r) => r.id)).toEqual(expected.references);
      if (expected.warnings) expect(warnings.map((w) => w.code)).toEqual(expected.warnings);

      // The markup reveal gets: one <section> per slide, vertical runs nested in a stack.
      const { document } = parseHTML(`<div class="slides">${sectionsHtml}</div>`);
      const leaves = [...document.querySelectorAll('section[data-deck-index]')];
      expect(leaves).toHaveLength(deck.slides.length);
      for (const slide of deck.slides) {
        const el = document.querySelector(`section[data-deck-index="${slide.index}"]`)!;
        expect(el.getAttribute('id')).toBe(slide.id);
        const stacked = el.parentElement?.tagName === 'SECTION';
        const runLength = deck.slides.filter((s) => s.h === slide.h).length;
        expect(stacked).toBe(runLength > 1);
        expect(el.querySelector('aside.notes') !== null).toBe(slide.notesHtml !== '');
      }
    });
  }
});

describe('error fixtures: every deck error names file:line:column', () => {
  for (const name of cases(errorsDir)) {
    it(name, () => {
      const dir = path.join(errorsDir, name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
        code: string;
        line?: number;
        column?: number;
        message: string;
        /** Warnings are errors (--strict), as in the talk's build. */
        strict?: boolean;
      };
      let caught: unknown;
      try {
        loadDeck(dir, { root: dir, strict: expected.strict ?? false });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DeckError);
      const err = caught as DeckError;
      expect(err.code).toBe(expected.code);
      if (expected.line !== undefined) expect(err.pos.line).toBe(expected.line);
      if (expected.column !== undefined) expect(err.pos.column).toBe(expected.column);
      expect(err.message).toContain(expected.message);
      expect(err.message).toMatch(/^[^:]+:\d+:\d+: /);
    });
  }
});

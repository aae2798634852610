import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckLocationError, locateDeck } from '../../src/cli/locate-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let root = '';
beforeEach(() => {
  root = tempDir('deck-locate-');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function files(...names: string[]): void {
  for (const name of names) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), '# A slide\n');
  }
}

describe('locateDeck', () => {
  it('takes slides/ of a project folder, leaving the project README alone', () => {
    files('README.md', 'slides/talk.md');
    expect(locateDeck(undefined, root)).toEqual({
      projectDir: root,
      slidesDir: path.join(root, 'slides'),
      outDir: path.join(root, 'dist'),
    });
  });

  it('takes slides/ when its only file is a README.md, beside the project README or not', () => {
    files('README.md', 'slides/README.md');
    expect(locateDeck(undefined, root).slidesDir).toBe(path.join(root, 'slides'));
    rmSync(path.join(root, 'README.md'));
    expect(locateDeck(undefined, root).slidesDir).toBe(path.join(root, 'slides'));
  });

  it('takes a folder whose talk is its README.md as a deck of its own', () => {
    files('README.md');
    expect(locateDeck(undefined, root)).toEqual({ projectDir: root, slidesDir: root, outDir: path.join(root, 'dist') });
  });

  it('takes markdown beside slides/ as the deck (the folder is a deck of its own)', () => {
    files('talk.md', 'slides/other.md');
    expect(locateDeck(undefined, root).slidesDir).toBe(root);
  });

  it('takes one .md file alone, built beside it', () => {
    files('talks/one.md');
    expect(locateDeck('talks/one.md', root)).toEqual({
      projectDir: path.join(root, 'talks'),
      slidesDir: path.join(root, 'talks/one.md'),
      outDir: path.join(root, 'talks/dist'),
    });
  });

  it('refuses a folder with no markdown, saying what to do', () => {
    mkdirSync(path.join(root, 'empty/slides'), { recursive: true });
    expect(() => locateDeck('empty', root)).toThrow(DeckLocationError);
    expect(() => locateDeck('empty', root)).toThrow(
      /holds no \.md file \(and its slides\/ holds none either\).*deck new/,
    );
    expect(() => locateDeck('missing', root)).toThrow(/no such file or folder/);
  });
});

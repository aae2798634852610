import { mkdirSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libIsFresh, stampCompile } from '../../src/launch/lib-freshness.mjs';
import { tempDir } from '../helpers/temp-dir.ts';

/** A project as the launcher sees it: src/ with a nested folder, compiler settings, a compiled lib/. */
let root: string;
const at = (seconds: number) => new Date(seconds * 1000);

function touch(file: string, seconds: number): void {
  utimesSync(file, at(seconds), at(seconds));
}

beforeEach(() => {
  root = tempDir('deck-lib-freshness-');
  mkdirSync(path.join(root, 'src/cli'), { recursive: true });
  mkdirSync(path.join(root, 'lib/cli'), { recursive: true });
  for (const f of ['src/cli/deck.ts', 'src/model.ts', 'tsconfig.json', 'package.json', 'lib/cli/deck.js'])
    writeFileSync(path.join(root, f), '');
  // Everything dated well before the compile, folders included.
  for (const f of ['src/cli/deck.ts', 'src/model.ts', 'src/cli', 'src', 'tsconfig.json', 'package.json'])
    touch(path.join(root, f), 1_000);
  stampCompile(root, 2_000_000);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('libIsFresh', () => {
  it('is fresh when nothing changed since the compile began', () => {
    expect(libIsFresh(root)).toBe(true);
  });

  it('is stale after an edit of a source file, however deep', () => {
    touch(path.join(root, 'src/cli/deck.ts'), 3_000);
    expect(libIsFresh(root)).toBe(false);
  });

  it('is stale when a source file is deleted (its folder changes)', () => {
    unlinkSync(path.join(root, 'src/model.ts'));
    expect(libIsFresh(root)).toBe(false);
  });

  it('is stale after a change of the compiler settings', () => {
    touch(path.join(root, 'tsconfig.json'), 3_000);
    expect(libIsFresh(root)).toBe(false);
  });

  it('is stale when a source was saved while the compile ran (the stamp is dated at its start)', () => {
    touch(path.join(root, 'src/model.ts'), 2_000.5);
    expect(libIsFresh(root)).toBe(false);
  });

  it('is stale without a stamp, or without the compiled command', () => {
    unlinkSync(path.join(root, 'lib/cli/deck.js'));
    expect(libIsFresh(root)).toBe(false);
    writeFileSync(path.join(root, 'lib/cli/deck.js'), '');
    expect(libIsFresh(root)).toBe(true);
    rmSync(path.join(root, 'lib'), { recursive: true });
    expect(libIsFresh(root)).toBe(false);
  });
});

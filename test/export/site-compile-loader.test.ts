import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleIsCurrent, loadSiteCompile, MANIFEST_FILE } from '../../src/export/site-compile-loader.ts';

/**
 * The one-file bundle of the compiler is used only while every file it was made from is as it
 * was: a lib/ compiled again without it, or a library at another version, falls back to the
 * modules themselves.
 */

let dir: string;
let bundleDir: string;

const entry = (file: string, base = bundleDir): [string, number, number, string] => {
  const full = path.resolve(base, file);
  const { size, mtimeMs } = statSync(full);
  const sha = createHash('sha256').update(readFileSync(full)).digest('hex');
  return [file, size, mtimeMs, sha];
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'deck-bundle-'));
  bundleDir = path.join(dir, 'lib', 'export');
  mkdirSync(bundleDir, { recursive: true });
  mkdirSync(path.join(dir, 'node_modules', 'some-lib', 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'some-lib', 'package.json'), '{"name":"some-lib"}');
  writeFileSync(path.join(dir, 'node_modules', 'some-lib', 'dist', 'index.js'), 'export const a = 1;\n');
  writeFileSync(path.join(dir, 'lib', 'load-deck.js'), 'export const b = 2;\n');
  writeFileSync(path.join(bundleDir, BUNDLE_FILE), 'export const a = 1, b = 2;\n');
  const lib = entry('../load-deck.js');
  const pkg = entry(path.join(dir, 'node_modules', 'some-lib', 'dist', 'index.js'));
  pkg[0] = 'npm:some-lib:dist/index.js';
  writeFileSync(path.join(bundleDir, MANIFEST_FILE), JSON.stringify({ files: [lib, pkg] }));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the compiler bundle', () => {
  it('is current while the files it was made from are unchanged, found where Node finds the library', () => {
    expect(bundleIsCurrent(bundleDir)).toBe(true);
  });

  it('is current when only a date changed (a package npm unpacked), by the files’ digests', () => {
    utimesSync(path.join(dir, 'lib', 'load-deck.js'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(bundleIsCurrent(bundleDir)).toBe(true);
  });

  it('is stale when an engine file it holds was compiled again with other contents', () => {
    writeFileSync(path.join(dir, 'lib', 'load-deck.js'), 'export const b = 3;\n');
    utimesSync(path.join(dir, 'lib', 'load-deck.js'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(bundleIsCurrent(bundleDir)).toBe(false);
  });

  it('is stale when a library it holds is installed at another version, or is gone', () => {
    writeFileSync(path.join(dir, 'node_modules', 'some-lib', 'dist', 'index.js'), 'export const a = 9;\n');
    expect(bundleIsCurrent(bundleDir)).toBe(false);
    rmSync(path.join(dir, 'node_modules', 'some-lib'), { recursive: true });
    expect(bundleIsCurrent(bundleDir)).toBe(false);
  });

  it('is not used without its manifest, or with a manifest that is not one', () => {
    writeFileSync(path.join(bundleDir, MANIFEST_FILE), '{"files": [["../load-deck.js"]]}');
    expect(bundleIsCurrent(bundleDir)).toBe(false);
    rmSync(path.join(bundleDir, MANIFEST_FILE));
    expect(bundleIsCurrent(bundleDir)).toBe(false);
  });

  it('is never looked for when the engine runs from its TypeScript sources', async () => {
    const compiler = await loadSiteCompile();
    expect(typeof compiler.loadDeck).toBe('function');
    expect(typeof compiler.isDeckError).toBe('function');
  });
});

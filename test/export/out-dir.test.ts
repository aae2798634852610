import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputRefusedError } from '../../src/export/errors.ts';
import { MANIFEST_NAME, manifestText, ownership, refuseOverlap, stagingPid } from '../../src/export/out-dir.ts';
import { publishSite, removeStale } from '../../src/export/site-build.ts';

const made: string[] = [];
function tempDir(prefix = 'deck-outdir-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project as the tool sees one: slides, sources, tests, git and dependencies. */
function project(): string {
  const root = tempDir('deck-outdir-project-');
  for (const d of ['slides', 'src', 'public', 'test', '.git', 'node_modules']) mkdirSync(path.join(root, d));
  writeFileSync(path.join(root, 'slides/talk.md'), '# Talk\n');
  return root;
}

function refusal(outDir: string, projectDir: string, inputs?: string[]): string | null {
  try {
    refuseOverlap(outDir, { projectDir, option: '--out-dir', inputs });
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(OutputRefusedError);
    return (err as Error).message;
  }
}

describe('output folders that would overwrite the user’s work are refused', () => {
  const root = project();

  it.each([
    ['.', /is the project folder itself/],
    ['..', /holds the project folder/],
    ['/', /holds the project folder/],
    ['slides', /--out-dir slides\/ holds your work/],
    ['slides/out', /is inside slides\//],
    ['src', /src\/ holds your work/],
    ['public', /public\/ holds your work/],
    ['public/site', /inside public\//],
    ['test', /test\/ holds your work/],
    ['.git', /\.git\/ holds your work/],
    ['.git/objects', /inside \.git\//],
    ['node_modules', /node_modules\/ holds your work/],
    ['node_modules/.cache/x', /inside node_modules\//],
    ['dist/../slides', /holds your work/],
  ])('--out-dir %s', (dir, why) => {
    expect(refusal(path.resolve(root, dir), root)).toMatch(why);
  });

  it('through a symlink: the real place counts', () => {
    symlinkSync(path.join(root, 'slides'), path.join(root, 'talk-link'));
    symlinkSync(root, path.join(tempDir(), 'project-link'));
    expect(refusal(path.join(root, 'talk-link'), root)).toMatch(/is slides\/, which holds your work/);
    expect(refusal(path.join(root, 'talk-link/new/deeper'), root)).toMatch(/inside slides\//);
  });

  it('a folder that holds an input (the deck smoke checks) is refused; one inside it is not', () => {
    const dist = path.join(root, 'dist');
    expect(refusal(dist, root, [dist])).toMatch(/holds your work/);
    expect(refusal(path.join(root, 'dist/shots'), root, [dist])).toBeNull();
  });

  it('accepts dist/, another folder of the project, and a folder elsewhere', () => {
    expect(refusal(path.join(root, 'dist'), root)).toBeNull();
    expect(refusal(path.join(root, 'site/out'), root)).toBeNull();
    expect(refusal(tempDir(), root)).toBeNull();
  });
});

describe('ownership: the tool replaces only what it wrote', () => {
  it('a missing or empty folder is ours to fill', () => {
    const dir = tempDir();
    expect(ownership(path.join(dir, 'new'), '--out-dir', dir).entries).toEqual([]);
    expect([...ownership(dir, '--out-dir', dir).owned]).toEqual([]);
  });

  it('a folder of someone else’s files is refused, naming some of them', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'thesis.docx'), 'mine');
    expect(() => ownership(dir, '--out-dir', dir)).toThrow(
      /already holds files this tool did not write \(thesis\.docx\)/,
    );
  });

  it('a file is not a folder', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'out'), 'x');
    expect(() => ownership(path.join(dir, 'out'), '--out-dir', dir)).toThrow(/is a file, not a folder/);
  });

  it('the manifest says what is ours; a build from before manifests is taken whole', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'deck.json'), '{}');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect([...ownership(dir, '--out-dir', dir).owned].sort()).toEqual(['deck.json', 'index.html', 'notes.txt']);
    writeFileSync(path.join(dir, MANIFEST_NAME), manifestText(['index.html', 'deck.json']));
    expect([...ownership(dir, '--out-dir', dir).owned].sort()).toEqual(['deck.json', 'index.html']);
  });

  it('publishing swaps the tool’s entries and leaves the user’s files alone', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets/old.js'), 'old');
    writeFileSync(path.join(dir, 'index.html'), 'old');
    writeFileSync(path.join(dir, MANIFEST_NAME), manifestText(['index.html', 'assets']));
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const staging = path.join(dir, `.deck-staging-${process.pid}`);
    mkdirSync(path.join(staging, 'assets'), { recursive: true });
    writeFileSync(path.join(staging, 'assets/new.js'), 'new');
    writeFileSync(path.join(staging, 'index.html'), 'new');
    publishSite(staging, dir, ownership(dir, '--out-dir', dir));
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, 'assets', 'index.html', 'notes.txt']);
    expect(readdirSync(path.join(dir, 'assets'))).toEqual(['new.js']);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8')).files).toEqual(['assets', 'index.html']);
  });

  it('never replaces a file of the user’s named like one of ours', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, MANIFEST_NAME), manifestText(['index.html']));
    writeFileSync(path.join(dir, 'index.html'), 'ours');
    writeFileSync(path.join(dir, 'talk.pdf'), 'theirs');
    const staging = path.join(dir, `.deck-staging-${process.pid}`);
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'index.html'), 'new');
    writeFileSync(path.join(staging, 'talk.pdf'), 'new');
    expect(() => publishSite(staging, dir, ownership(dir, '--out-dir', dir))).toThrow(
      /holds talk\.pdf, which this tool did not write/,
    );
    expect(readFileSync(path.join(dir, 'talk.pdf'), 'utf8')).toBe('theirs');
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe('ours');
  });
});

describe('what a run killed outright left behind', () => {
  it('names its pid in staging folders and temporary files', () => {
    expect(stagingPid('.deck-staging-123')).toBe(123);
    expect(stagingPid('.deck-previous-45')).toBe(45);
    expect(stagingPid('.talk.pdf.678-deadbeef.tmp')).toBe(678);
    expect(stagingPid('deck.json')).toBeNull();
    expect(stagingPid('.deck-staging-x')).toBeNull();
  });

  it('the next run removes a dead run’s staging, and puts back what it had moved out while publishing', () => {
    const dir = tempDir();
    const dead = 2 ** 22 + 12345; // above the usual pid_max: no such process
    mkdirSync(path.join(dir, `.deck-staging-${dead}`));
    writeFileSync(path.join(dir, `.talk.pdf.${dead}-abcd1234.tmp`), 'half');
    mkdirSync(path.join(dir, `.deck-previous-${dead}`));
    writeFileSync(path.join(dir, `.deck-previous-${dead}/index.html`), 'old');
    writeFileSync(path.join(dir, 'index.html'), 'half-published');
    const live = path.join(dir, `.deck-staging-${process.pid}`);
    mkdirSync(live);
    expect(removeStale(dir).sort()).toEqual(
      [`.deck-previous-${dead}`, `.deck-staging-${dead}`, `.talk.pdf.${dead}-abcd1234.tmp`].sort(),
    );
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual([`.deck-staging-${process.pid}`, 'index.html'].sort());
  });
});

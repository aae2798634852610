import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILD_STAMP_FILE,
  buildDigests,
  buildInputsDigest,
  readBuildStamp,
  siteIsCurrent,
  writeBuildStamp,
} from '../../src/export/build-stamp.ts';
import { tempDir } from '../helpers/temp-dir.ts';

let root: string;
let project: string;
let engine: string;
let out: string;
const digest = () => buildInputsDigest(project, engine, out);

beforeEach(() => {
  root = tempDir('deck-stamp-');
  project = path.join(root, 'project');
  engine = path.join(root, 'engine', 'src');
  out = path.join(project, 'dist');
  mkdirSync(path.join(project, 'slides', 'img'), { recursive: true });
  mkdirSync(engine, { recursive: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(project, 'slides', 'talk.md'), '# One\n\n---\n\n# Two\n');
  writeFileSync(path.join(project, 'slides', 'img', 'a.svg'), '<svg/>');
  writeFileSync(path.join(engine, 'main.ts'), 'export {};\n');
  writeFileSync(path.join(root, 'engine', 'package-lock.json'), '{"v":1}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the digest of what a build depends on', () => {
  it('is stable while nothing changes', () => {
    expect(digest()).toMatch(/^[0-9a-f]{64}$/);
    expect(digest()).toBe(digest());
  });

  it('changes with a slide, an image, a renamed file, the engine and the locked versions', () => {
    const seen = new Set([digest()]);
    const changes = [
      () => writeFileSync(path.join(project, 'slides', 'talk.md'), '# One\n\n---\n\n# Two!\n'),
      () => writeFileSync(path.join(project, 'slides', 'img', 'a.svg'), '<svg></svg>'),
      () => renameSync(path.join(project, 'slides', 'img', 'a.svg'), path.join(project, 'slides', 'img', 'b.svg')),
      () => writeFileSync(path.join(project, 'refs.json'), '[]'),
      () => writeFileSync(path.join(engine, 'main.ts'), 'export const x = 1;\n'),
      () => writeFileSync(path.join(root, 'engine', 'package-lock.json'), '{"v":2}'),
    ];
    for (const change of changes) {
      change();
      const d = digest();
      expect(seen.has(d!)).toBe(false);
      seen.add(d!);
    }
  });

  it('ignores the output folder, node_modules and dot-folders (the export’s own staging)', () => {
    const before = digest();
    writeFileSync(path.join(out, 'talk.pdf'), 'pdf');
    mkdirSync(path.join(project, 'node_modules', 'x'), { recursive: true });
    writeFileSync(path.join(project, 'node_modules', 'x', 'index.js'), '');
    mkdirSync(path.join(project, '.dist.export-1'));
    writeFileSync(path.join(project, '.dist.export-1', 'index.html'), '');
    expect(digest()).toBe(before);
  });
});

describe('the digest of what Vite is given besides the compiled deck', () => {
  const site = () => buildDigests(project, engine, out)!.site;

  it('leaves out only the slides’ markdown files', () => {
    const before = site();
    const inputs = digest();
    writeFileSync(path.join(project, 'slides', 'talk.md'), '# One\n\n---\n\n# Two, edited\n');
    writeFileSync(path.join(project, 'slides', 'more.md'), '# Three\n');
    expect(digest()).not.toBe(inputs);
    expect(site()).toBe(before);
    // Anything else the deck holds is Vite's input too: an image, a stylesheet, a nested .md.
    const changes = [
      () => writeFileSync(path.join(project, 'slides', 'img', 'a.svg'), '<svg></svg>'),
      () => writeFileSync(path.join(project, 'slides', 'style.css'), 'h1 { color: red }'),
      () => writeFileSync(path.join(project, 'slides', 'img', 'notes.md'), 'x'),
      () => writeFileSync(path.join(engine, 'main.ts'), 'export const y = 2;\n'),
    ];
    const seen = new Set([site()]);
    for (const change of changes) {
      change();
      expect(seen.has(site())).toBe(false);
      seen.add(site());
    }
  });

  it('leaves them out when a stylesheet only mentions one in a comment', () => {
    writeFileSync(path.join(project, 'slides', 'style.css'), '/* flex, as talk.md asks */ h1 { display: flex }');
    const before = site();
    writeFileSync(path.join(project, 'slides', 'talk.md'), '# Edited\n');
    expect(site()).toBe(before);
  });

  it('counts the slides when a stylesheet points at a markdown file, or public/ holds them', () => {
    writeFileSync(path.join(project, 'slides', 'style.css'), 'h1 { background: url(talk.md) }');
    const before = site();
    writeFileSync(path.join(project, 'slides', 'talk.md'), '# Edited\n');
    expect(site()).not.toBe(before);
    rmSync(path.join(project, 'slides', 'style.css'));
    const inPublic = () => buildDigests(project, engine, out, 'slides', path.join(project, 'slides'))!.site;
    const publicBefore = inPublic();
    writeFileSync(path.join(project, 'slides', 'talk.md'), '# Edited again\n');
    expect(inPublic()).not.toBe(publicBefore);
  });
});

describe('a site stamped by the export', () => {
  it('is current only when complete and stamped with the same digest', () => {
    const d = digest()!;
    expect(siteIsCurrent(out, d)).toBe(false); // nothing built
    writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(out, 'deck.json'), '{}');
    expect(siteIsCurrent(out, d)).toBe(false); // built by something else: no stamp
    writeBuildStamp(out, { inputs: d, site: d, vite: null });
    expect(siteIsCurrent(out, d)).toBe(true);
    expect(
      siteIsCurrent(
        out,
        d.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      ),
    ).toBe(false);
    rmSync(path.join(out, 'deck.json'));
    expect(siteIsCurrent(out, d)).toBe(false);
    writeFileSync(path.join(out, 'deck.json'), '{}');
    writeFileSync(path.join(out, BUILD_STAMP_FILE), 'not json');
    expect(siteIsCurrent(out, d)).toBe(false);
  });

  it('keeps a record of Vite’s part only when it is whole', () => {
    writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(out, 'deck.json'), '{}');
    const vite = {
      inputs: 'a',
      shell: '<html><!--deck:sections--></html>',
      files: { 'assets/x.js': 'b' },
      warnings: [],
    };
    writeBuildStamp(out, { inputs: 'i', site: 's', vite });
    expect(readBuildStamp(out)).toEqual({ inputs: 'i', site: 's', vite, memo: null });
    writeFileSync(
      path.join(out, BUILD_STAMP_FILE),
      JSON.stringify({ inputs: 'i', site: 's', vite: { ...vite, files: { 'assets/x.js': 1 } } }),
    );
    expect(readBuildStamp(out)?.vite).toBeNull();
  });
  it('keeps the compile memo only when it has the shape a compile gave it', () => {
    writeFileSync(path.join(out, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(out, 'deck.json'), '{}');
    const record = {
      html: '<p>x</p>',
      heading: '',
      text: 'x',
      plain: '',
      fragments: 0,
      code: false,
      math: false,
      assets: [['img/a.png', './assets/a.png']],
      cites: [],
    };
    const memo = { renders: { abc: record }, citer: null };
    writeBuildStamp(out, { inputs: 'i', site: 's', vite: null, memo: memo as never });
    expect(readBuildStamp(out)?.memo).toEqual(memo);
    for (const broken of [
      { renders: { abc: { ...record, html: 1 } }, citer: null },
      { renders: { abc: { ...record, assets: [['only one']] } }, citer: null },
      { renders: {}, citer: { key: 'k', heading: 'Works Cited', numeric: false, cites: { a: 1 }, bibliography: {} } },
      { renders: [], citer: null },
    ]) {
      writeFileSync(
        path.join(out, BUILD_STAMP_FILE),
        JSON.stringify({ inputs: 'i', site: 's', vite: null, memo: broken }),
      );
      expect(readBuildStamp(out)?.memo).toBeNull();
      expect(readBuildStamp(out)?.inputs).toBe('i');
    }
  });
});

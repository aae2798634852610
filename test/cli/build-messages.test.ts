import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeck, type DeckRun } from './run-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A deck as old reveal-md repositories have them: a stylesheet with an IE-era hack. */
describe('deck build says only what concerns the deck', () => {
  let root = '';
  let run: DeckRun;
  beforeAll(async () => {
    root = tempDir('deck-build-messages-');
    mkdirSync(path.join(root, 'talk'));
    writeFileSync(path.join(root, 'talk/talk.md'), '---\ntitle: Old CSS\ncss: old.css\n---\n\n# Hello\n\nText\n');
    writeFileSync(
      path.join(root, 'talk/old.css'),
      '.legacy { *zoom: 1; color: rgb(200, 0, 0); }\nh1 { color: blue }\n',
    );
    run = await runDeck(['build', 'talk'], { cwd: root });
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds a stylesheet with a declaration the CSS parser cannot read, warning at its line', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/warning:.*Unexpected token[\s\S]*\*zoom: 1/);
    const assets = path.join(root, 'talk/dist/assets');
    const css = readdirSync(assets)
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(path.join(assets, f), 'utf8'))
      .join('');
    // The rest of the author's stylesheet is kept.
    expect(css).toMatch(/\.legacy\{color:#c80000\}/);
    expect(css).toMatch(/h1\{color:(#00f|blue)\}/);
  });

  it('prints no bundler notes about the engine itself', () => {
    expect(run.stdout + run.stderr).not.toMatch(/import\.meta|EMPTY_IMPORT_META|preload-helper/);
  });
});

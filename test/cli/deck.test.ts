import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { runDeck, serveOnce, startDeck } from './run-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// Every test runs the compiled `deck` binary as a child process, on a deck `deck new` made.
let tmp: string;
let deckDir: string;

beforeAll(async () => {
  tmp = tempDir('deck-cli-');
  deckDir = path.join(tmp, 'my-talk');
  const made = await runDeck(['new', 'my-talk'], { cwd: tmp });
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sections(html: string): number {
  return html.match(/<section\b/g)?.length ?? 0;
}

describe('deck: the command and its help', { timeout: 60_000 }, () => {
  it('lists every subcommand under --help, and exits 2 without one', async () => {
    const help = await runDeck(['--help'], { cwd: tmp });
    expect(help.code).toBe(0);
    for (const name of ['new', 'dev', 'build', 'preview', 'export', 'smoke'])
      expect(help.stdout).toContain(`deck ${name}`);
    const bare = await runDeck([], { cwd: tmp });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: deck <command>');
  });

  it('suggests the nearest command for a typo, exit 2', async () => {
    const run = await runDeck(['biuld'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "biuld" (did you mean `deck build`?)');
  });

  it.each(['new', 'dev', 'build', 'preview', 'export', 'smoke'])('deck %s --help: usage and exit 0', async (name) => {
    const run = await runDeck([name, '--help'], { cwd: tmp });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: deck ${name}`);
  });

  it('exits 2 on an unknown option', async () => {
    const run = await runDeck(['build', 'my-talk', '--colour'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--colour'");
  });
});

describe('deck new', { timeout: 60_000 }, () => {
  it('writes a deck: markdown with every front-matter key, a bibliography, an image, .gitignore', () => {
    const talk = readFileSync(path.join(deckDir, 'talk.md'), 'utf8');
    for (const key of ['title', 'subtitle', 'authors', 'date', 'lang', 'slug', 'minutes', 'description', 'keywords'])
      expect(talk).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
    for (const key of ['bibliography', 'csl', 'theme', 'css', 'files', 'revealOptions', 'separator', 'notesSeparator'])
      expect(talk).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
    const refs = JSON.parse(readFileSync(path.join(deckDir, 'references.json'), 'utf8')) as { id: string }[];
    expect(refs).toHaveLength(2);
    for (const ref of refs) expect(talk).toContain(`[@${ref.id}]`);
    expect(talk).toContain('<div id="refs"></div>');
    expect(existsSync(path.join(deckDir, 'img/diagram.svg'))).toBe(true);
    expect(readFileSync(path.join(deckDir, '.gitignore'), 'utf8')).toContain('dist/');
  });

  it('refuses a folder that is not empty, exit 2, and changes nothing in it', async () => {
    const talk = path.join(deckDir, 'talk.md');
    writeFileSync(talk, `${readFileSync(talk, 'utf8')}\n<!-- my edit -->\n`);
    const before = readFileSync(talk, 'utf8');
    const run = await runDeck(['new', 'my-talk'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot start a deck in my-talk: it is not empty');
    expect(readFileSync(talk, 'utf8')).toBe(before);
  });

  it('refuses a path that is a file, exit 2', async () => {
    const file = path.join(tmp, 'notes.txt');
    writeFileSync(file, 'mine');
    const run = await runDeck(['new', 'notes.txt'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('needs a folder name, exit 2', async () => {
    const run = await runDeck(['new'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'folder'");
  });
});

describe('deck build', { timeout: 60_000 }, () => {
  it('builds the new deck into its dist/ and says what it wrote', async () => {
    const run = await runDeck(['build', 'my-talk'], { cwd: tmp });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dist = path.join(deckDir, 'dist');
    const deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    expect(deck.slides.length).toBeGreaterThan(3);
    expect(sections(readFileSync(path.join(dist, 'index.html'), 'utf8'))).toBe(deck.slides.length);
    expect(run.stdout).toContain(`built ${deck.slides.length} slides`);
    expect(run.stdout).toMatch(/\d+(\.\d)? [kM]B/);
    expect(run.stdout).toContain(`into ${path.join('my-talk', 'dist')}/`);
    // The Works Cited slide lists both example sources.
    expect(deck.slides.some((s) => s.title === 'Works Cited')).toBe(true);
  });

  it('builds one markdown file into dist/ beside it, and honours --out-dir (relative to the current folder)', async () => {
    const one = path.join(tmp, 'single');
    mkdirSync(one);
    writeFileSync(
      path.join(one, 'only.md'),
      '# One file\n\nNote:\nSaid aloud.\n\n---\n\n## Two\n\nNote:\nAlso said.\n',
    );
    writeFileSync(path.join(one, 'other.md'), '# Not part of it\n');
    const run = await runDeck(['build', 'single/only.md', '--out-dir', 'site'], { cwd: tmp });
    expect(run.code).toBe(0);
    const deck = JSON.parse(readFileSync(path.join(tmp, 'site/deck.json'), 'utf8')) as DeckJson;
    expect(deck.slides.map((s) => s.title)).toEqual(['One file', 'Two']);
    expect(existsSync(path.join(one, 'dist'))).toBe(false);
  });

  it('says so when the path does not exist, exit 2', async () => {
    const run = await runDeck(['build', 'no-such-talk'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-talk: no such file or folder');
    expect(run.stderr).toContain('deck new no-such-talk');
  });

  it('says so when the folder holds no deck, exit 2', async () => {
    mkdirSync(path.join(tmp, 'empty'), { recursive: true });
    writeFileSync(path.join(tmp, 'empty/notes.txt'), 'x');
    const run = await runDeck(['build', 'empty'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('empty is not a deck: it holds no .md file');
    const here = await runDeck(['build'], { cwd: path.join(tmp, 'empty') });
    expect(here.code).toBe(2);
    expect(here.stderr).toContain('no deck here');
  });

  it('refuses an output folder that would replace the deck, exit 2', async () => {
    const run = await runDeck(['build', 'my-talk', '--out-dir', 'my-talk'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("would replace the deck's sources");
    expect(existsSync(path.join(deckDir, 'talk.md'))).toBe(true);
  });

  it('stops at a deck error with file:line:column, exit 1, leaving the last build as it was', async () => {
    const broken = path.join(tmp, 'broken');
    expect((await runDeck(['new', 'broken'], { cwd: tmp })).code).toBe(0);
    expect((await runDeck(['build', 'broken'], { cwd: tmp })).code).toBe(0);
    const index = path.join(broken, 'dist/index.html');
    const builtAt = statSync(index).mtimeMs;
    const talk = path.join(broken, 'talk.md');
    const text = readFileSync(talk, 'utf8').replace('[@marked-docs]', '[@no-such-source]');
    writeFileSync(talk, text);
    const line = text.split('\n').findIndex((l) => l.includes('@no-such-source')) + 1;
    const run = await runDeck(['build', 'broken'], { cwd: tmp });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`talk\\.md:${line}:\\d+: unknown citation key "@no-such-source"`));
    expect(statSync(index).mtimeMs).toBe(builtAt);
  });
});

describe('deck build, interrupted', { timeout: 60_000 }, () => {
  it('Ctrl-C during the build exits 130, keeps the last build and leaves no staging folder', async () => {
    const big = path.join(tmp, 'big');
    expect((await runDeck(['new', 'big'], { cwd: tmp })).code).toBe(0);
    expect((await runDeck(['build', 'big'], { cwd: tmp })).code).toBe(0);
    const index = path.join(big, 'dist/index.html');
    const before = readFileSync(index, 'utf8');
    // Many slides, so the build lasts long enough to be caught while its staging folder exists.
    const more = Array.from({ length: 300 }, (_, i) => `\n---\n\n## Extra ${i}\n\nText.\n\nNote:\nSaid.\n`).join('');
    writeFileSync(path.join(big, 'talk.md'), `${readFileSync(path.join(big, 'talk.md'), 'utf8')}${more}`);
    // Ctrl-C once the command says it is building: the 300 slides take it well past that line.
    const { child, done } = startDeck(['build', 'big'], {
      cwd: tmp,
      onStdout: (text, c) => {
        if (text.includes('building') && !c.killed) c.kill('SIGINT');
      },
    });
    const staging = () => readdirSync(big).filter((n) => n.startsWith('.dist.'));
    const run = await done;
    expect(child.killed).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted');
    expect(readFileSync(index, 'utf8')).toBe(before);
    expect(staging()).toEqual([]);
  });
});

describe('deck dev and deck preview', { timeout: 60_000 }, () => {
  it('deck dev prints its URL, serves the deck, and stops on Ctrl-C with 130', async () => {
    const served = await serveOnce(['dev', 'my-talk', '--port', '0'], tmp);
    expect(served.status).toBe(200);
    expect(served.html).toContain('<title>My talk</title>');
    expect(served.run.code).toBe(130);
  });

  it('deck preview serves the built site', async () => {
    expect((await runDeck(['build', 'my-talk'], { cwd: tmp })).code).toBe(0);
    const served = await serveOnce(['preview', 'my-talk', '--port', '0'], tmp);
    expect(served.status).toBe(200);
    expect(sections(served.html)).toBeGreaterThan(3);
    expect(served.run.code).toBe(130);
  });

  it('deck preview before any build says to build first, exit 2', async () => {
    const run = await runDeck(['preview', 'single/only.md'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run `deck build single/only.md` first');
  });
});

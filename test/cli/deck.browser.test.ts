import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { runDeck } from './run-deck.ts';

// `deck smoke` and `deck export` on a deck `deck new` just wrote: clean on the first try.
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'deck-cli-browser-'));
  expect((await runDeck(['new', 'my-talk'], { cwd: tmp })).code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a new deck, through the real binary', () => {
  it('deck smoke: every check passes, exit 0', async () => {
    const run = await runDeck(['smoke', 'my-talk', '--screenshots', 'shots'], { cwd: tmp });
    expect(run.stdout + run.stderr).not.toContain('✗');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const deck = JSON.parse(readFileSync(path.join(tmp, 'my-talk/dist/deck.json'), 'utf8')) as DeckJson;
    expect(readdirSync(path.join(tmp, 'shots')).filter((f) => f.endsWith('.png'))).toHaveLength(deck.slides.length);
  });

  it('deck export: the site, both PDFs and the offline page in the deck’s dist/, exit 0', async () => {
    const run = await runDeck(['export', 'my-talk'], { cwd: tmp });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const dist = path.join(tmp, 'my-talk/dist');
    const deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    const files = readdirSync(dist);
    for (const name of ['index.html', `${deck.slug}.pdf`, `${deck.slug}-handout.pdf`, `${deck.slug}-offline.html`])
      expect(files).toContain(name);
    expect(run.stdout).toContain(`${deck.slides.length} pages`);
    expect(run.stderr).not.toContain('warning');
    // The compiled command cuts the offline page's fonts in a worker thread: each is there, and smaller.
    const offline = readFileSync(path.join(dist, `${deck.slug}-offline.html`), 'utf8');
    const inlined = [...offline.matchAll(/data:font\/woff2;base64,([A-Za-z0-9+/=]+)/g)].map(
      (m) => Buffer.from(m[1]!, 'base64').length,
    );
    const fonts = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.woff2'));
    expect(inlined).toHaveLength(fonts.length);
    const smallest = Math.min(...fonts.map((f) => readFileSync(path.join(dist, 'assets', f)).length));
    for (const bytes of inlined) expect(bytes).toBeLessThan(smallest);
  });

  it('deck smoke of a folder that does not exist: exit 2 with what to do', async () => {
    const run = await runDeck(['smoke', 'nowhere'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nowhere: no such file or folder');
  });
});

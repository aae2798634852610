import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { runDeck } from './run-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Sizes of the fonts the offline page inlines, and of the site's font files. */
function offlineFonts(dist: string, slug: string): { inlined: number[]; fonts: number[] } {
  const offline = readFileSync(path.join(dist, `${slug}-offline.html`), 'utf8');
  const inlined = [...offline.matchAll(/data:font\/woff2;base64,([A-Za-z0-9+/=]+)/g)].map(
    (m) => Buffer.from(m[1]!, 'base64').length,
  );
  const assets = path.join(dist, 'assets');
  const fonts = readdirSync(assets)
    .filter((f) => f.endsWith('.woff2'))
    .map((f) => readFileSync(path.join(assets, f)).length);
  return { inlined, fonts };
}

// `deck smoke` and `deck export` on a deck `deck new` just wrote: clean on the first try.
let tmp: string;
beforeAll(async () => {
  tmp = tempDir('deck-cli-browser-');
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
    // The bundled typeface is light: the offline page takes its faces whole.
    const { inlined, fonts } = offlineFonts(dist, deck.slug);
    expect(inlined.sort()).toEqual(fonts.sort());
  });

  it('deck export of a deck with math: the compiled command cuts its heavy fonts in a worker thread', async () => {
    const talk = path.join(tmp, 'my-talk/talk.md');
    writeFileSync(
      talk,
      `${readFileSync(talk, 'utf8')}\n---\n\n## Euler\n\n$$e^{i\\pi} + 1 = 0$$\n\nNote:\nA formula.\n`,
    );
    const run = await runDeck(['export', 'my-talk', '--only', 'offline'], { cwd: tmp });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const dist = path.join(tmp, 'my-talk/dist');
    const deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    const { inlined, fonts } = offlineFonts(dist, deck.slug);
    expect(fonts.length).toBeGreaterThan(3); // KaTeX's faces came with the formula
    expect(inlined).toHaveLength(fonts.length);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(inlined)).toBeLessThan(sum(fonts) * 0.7);
  });

  it('deck smoke of a folder that does not exist: exit 2 with what to do', async () => {
    const run = await runDeck(['smoke', 'nowhere'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nowhere: no such file or folder');
  });
});

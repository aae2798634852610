import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeck, serveOnce } from './run-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// A deck with a typo in a front-matter key: reveal-md ignores such a key, so we warn; a strict build stops.
let tmp: string;
const deckFile = (name: string) => path.join(tmp, name);

function writeDeck(name: string, frontMatter: string[]): void {
  writeFileSync(
    deckFile(name),
    ['---', 'title: Typo', ...frontMatter, '---', '', '# A slide', '', 'Note: n', ''].join('\n'),
  );
}

beforeAll(() => {
  tmp = tempDir('deck-strict-');
  writeDeck('lenient.md', ['theem: black']);
  writeDeck('own-strict.md', ['strict: true', 'theem: black']);
  writeDeck('not-strict.md', ['strict: false', 'theem: black']);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TYPO = /unknown front-matter key "theem".*did you mean "theme"/;

describe('--strict and the deck’s own strict: true', { timeout: 120_000 }, () => {
  it('deck build warns about a typo’d key and builds', async () => {
    const run = await runDeck(['build', 'lenient.md', '--out-dir', 'lenient-site'], { cwd: tmp });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: .*lenient\.md:3:1: warning: unknown front-matter key "theem"/);
    expect(existsSync(path.join(tmp, 'lenient-site/index.html'))).toBe(true);
  });

  it('deck build --strict stops at the key’s file:line:column, exit 1, nothing written', async () => {
    const run = await runDeck(['build', 'lenient.md', '--strict', '--out-dir', 'strict-site'], { cwd: tmp });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^lenient\.md:3:1: /m);
    expect(run.stderr).toMatch(TYPO);
    expect(run.stderr).toContain('(an error because of --strict)');
    expect(run.stderr).toContain('> 3 | theem: black');
    expect(existsSync(path.join(tmp, 'strict-site'))).toBe(false);
  });

  it('strict: true in the front matter stops deck build without the flag; strict: false does not', async () => {
    const own = await runDeck(['build', 'own-strict.md', '--out-dir', 'own-site'], { cwd: tmp });
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/^own-strict\.md:4:1: /m);
    expect(own.stderr).toMatch(TYPO);
    expect(own.stderr).toContain('(an error because of "strict: true" in own-strict.md\'s front matter)');
    const off = await runDeck(['build', 'not-strict.md', '--out-dir', 'off-site'], { cwd: tmp });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).toMatch(/not-strict\.md:4:1: warning: unknown front-matter key "theem"/);
  });

  it('a strict key that is not true or false is an error at its value', async () => {
    writeDeck('bad-strict.md', ['strict: yes please']);
    const run = await runDeck(['build', 'bad-strict.md', '--out-dir', 'bad-site'], { cwd: tmp });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bad-strict\.md:3:9: front-matter key "strict" must be true or false/m);
  });

  it('deck export --strict stops before printing, exit 1, even when an earlier lenient export could be reused', async () => {
    const lenient = await runDeck(['export', 'lenient.md', '--only', 'offline'], { cwd: tmp });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toMatch(/warning: .*lenient\.md:3:1: warning: unknown front-matter key "theem"/);
    const strict = await runDeck(['export', 'lenient.md', '--only', 'offline', '--strict'], { cwd: tmp });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^lenient\.md:3:1: /m);
    expect(strict.stderr).toContain('(an error because of --strict)');
    const own = await runDeck(['export', 'own-strict.md', '--only', 'offline', '--out-dir', 'own-export'], {
      cwd: tmp,
    });
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/^own-strict\.md:4:1: /m);
  });

  it('deck dev --strict serves the error in place of the deck; without it, the deck', async () => {
    const lenient = await serveOnce(['dev', 'lenient.md', '--port', '0'], tmp);
    expect(lenient.status).toBe(200);
    expect(lenient.html).toContain('A slide');
    const strict = await serveOnce(['dev', 'lenient.md', '--port', '0', '--strict'], tmp);
    expect(strict.status).toBe(500);
    // The error page carries the message as JSON for Vite's overlay.
    expect(strict.html).toMatch(/lenient\.md:3:1: unknown front-matter key \\"theem\\"/);
  });
});

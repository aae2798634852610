import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeck } from '../helpers/build-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = tempDir('deck-hostile-');
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const TITLE = `A $& B $' C $$ "q" <b>x</b> %DECK_AUTHOR%`;

describe('a real build with hostile deck data', () => {
  it('keeps front matter and bibliography values as text: same elements, no handlers, no script URLs', async () => {
    const refs = [
      { id: 'q', type: 'webpage', title: 'Q', URL: 'https://x.org/"><img src=x onerror=alert(1)>' },
      { id: 'd', type: 'article-journal', title: 'D', DOI: '10.1/x" onmouseover="alert(1)' },
      { id: 'j', type: 'webpage', title: 'J', URL: 'javascript:alert(1)' },
    ];
    const dir = project({
      'slides/talk.md': `---\ntitle: ${JSON.stringify(TITLE)}\nauthors: ["$'$$"]\nbibliography: refs.json\n---\n\n# Start\n\n[@q] [@d] [@j]\n\nNote: n\n`,
      'slides/refs.json': JSON.stringify(refs),
    });
    const dist = await buildDeck({ projectDir: dir, outDir: path.join(dir, 'dist') });
    const { document } = parseHTML(readFileSync(path.join(dist, 'index.html'), 'utf8'));
    expect(document.querySelector('title')?.textContent).toBe(TITLE);
    expect(document.querySelector('meta[name="author"]')?.getAttribute('content')).toBe("$'$$");
    expect(document.querySelectorAll('section[data-deck-index]')).toHaveLength(2);
    expect(document.querySelectorAll('.deck-refs img, .deck-refs script, .deck-refs svg')).toHaveLength(0);
    for (const el of document.querySelectorAll('*')) {
      for (const name of el.getAttributeNames()) expect(name).not.toMatch(/^on/i);
      expect(el.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
    }
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain(
      "script-src-attr 'none'",
    );
  }, 120_000);

  it('refuses a file outside the deck’s folder and publishes nothing of it', async () => {
    const dir = project({
      'secret.txt': 'secret',
      'slides/talk.md': '# Start\n\n[the secret](../secret.txt)\n',
    });
    await expect(buildDeck({ projectDir: dir, outDir: path.join(dir, 'dist') })).rejects.toThrow(
      /slides\/talk\.md:3:.*outside the deck's folder slides\//,
    );
    const dist = path.join(dir, 'dist');
    const published = (() => {
      try {
        return readdirSync(dist, { recursive: true }).map(String);
      } catch {
        return [];
      }
    })();
    expect(published.filter((f) => f.includes('secret'))).toEqual([]);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const url = (p: string) => JSON.stringify(pathToFileURL(path.join(root, p)).href);

/**
 * What a fresh process has loaded after compiling decks: the citation processor only for a deck
 * that cites, and of highlight.js's grammars only those its fences name (and those they embed).
 */
const SCRIPT = `
import { createRequire } from 'node:module';
const { compileDeck } = await import(${url('src/compile.ts')});
const { loadDeck } = await import(${url('src/load-deck.ts')});
const cache = createRequire(import.meta.url).cache;
const loaded = () => {
  const files = Object.keys(cache);
  return {
    citeproc: files.some((f) => /[\\\\/]node_modules[\\\\/](citeproc|@citation-js)[\\\\/]/.test(f)),
    grammars: files.flatMap((f) => /highlight\\.js[\\\\/]lib[\\\\/]languages[\\\\/]([\\w-]+)\\.js$/.exec(f)?.[1] ?? []).sort(),
  };
};
const host = { readText: () => undefined, assetUrl: () => null };
const out = [];
compileDeck([{ path: 'slides/a.md', text: '# A\\n\\n\`\`\`py\\nx = 1\\n\`\`\`\\n\\n$x^2$\\n' }], host);
out.push(loaded());
compileDeck([{ path: 'slides/a.md', text: '# B\\n\\n\`\`\`html\\n<p>x</p>\\n\`\`\`\\n' }], host);
out.push(loaded());
loadDeck(${JSON.stringify(path.join(root, 'test/fixtures/decks/citations'))}, { root: ${JSON.stringify(root)}, assetUrl: (p) => p });
out.push(loaded());
console.log(JSON.stringify(out));
`;

describe('libraries a deck does not need stay unloaded', () => {
  it('loads citeproc when a deck cites, and the grammars its fences name', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const [code, html, cited] = JSON.parse(r.stdout) as { citeproc: boolean; grammars: string[] }[];
    expect(code).toEqual({ citeproc: false, grammars: ['python'] });
    expect(html).toEqual({ citeproc: false, grammars: ['css', 'graphql', 'javascript', 'python', 'xml'] });
    expect(cited?.citeproc).toBe(true);
  });
});

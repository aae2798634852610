import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserNotFoundError } from '../../src/chromium/find-browser.ts';
import { EXIT, main, parseChecks } from '../../src/cli/smoke.ts';

// No Chromium on this "machine": launching throws what findBrowser throws when it finds none.
vi.mock('../../src/chromium/launch', () => ({
  launchBrowser: () => Promise.reject(new BrowserNotFoundError()),
}));

function capture(): { text: () => string } {
  const chunks: string[] = [];
  const grab = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stderr, 'write').mockImplementation(grab);
  vi.spyOn(process.stdout, 'write').mockImplementation(grab);
  return { text: () => chunks.join('') };
}

const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('npm run smoke: arguments and exit codes', () => {
  it('parses --only and names the known checks when one is unknown', () => {
    expect(parseChecks('fit, a11y')).toEqual(['fit', 'a11y']);
    expect(() => parseChecks('fit,speed')).toThrow(
      'unknown check "speed"; known: start, notes, fit, a11y, presents, prints, phones',
    );
  });

  it('exits 2 on an unknown check, before doing anything', async () => {
    const out = capture();
    expect(await main(['--no-build', '--only', 'colour'])).toBe(EXIT.usage);
    expect(out.text()).toContain('unknown check "colour"');
  });

  it('exits 2 when the folder is not a built deck, saying what is missing', async () => {
    const out = capture();
    const empty = tempDir('deck-smoke-empty-');
    expect(await main([empty])).toBe(EXIT.usage);
    expect(out.text()).toContain(`${empty} is not a built deck: index.html is missing`);
  });

  it('exits 3 with how to install a browser when there is none', async () => {
    const out = capture();
    const dist = tempDir('deck-smoke-nobrowser-');
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dist, 'deck.json'), JSON.stringify({ title: 'T', slides: [] }));
    expect(await main([dist, '--screenshots', path.join(dist, 'shots')])).toBe(EXIT.noBrowser);
    expect(out.text()).toContain('No Chrome or Chromium found.');
    expect(out.text()).toContain('sudo apt-get install chromium');
  });

  it('exits 2 when --screenshots would write over the project or the deck it checks, before doing anything', async () => {
    const project = tempDir('deck-smoke-project-');
    for (const d of ['slides', 'src']) mkdirSync(path.join(project, d));
    writeFileSync(path.join(project, 'slides/diagram.png'), 'the author’s image');
    const dist = path.join(project, 'dist');
    for (const [shots, why] of [
      [path.join(project, 'slides'), /--screenshots slides\/ holds your work/],
      [path.join(project, 'slides/shots'), /is inside slides\//],
      [project, /is the project folder itself/],
      [dist, /--screenshots dist\/ holds your work/],
    ] as const) {
      const out = capture();
      expect(await main(['--project', project, '--no-build', '--screenshots', shots])).toBe(EXIT.usage);
      expect(out.text()).toMatch(why);
      vi.restoreAllMocks();
    }
    expect(readFileSync(path.join(project, 'slides/diagram.png'), 'utf8')).toBe('the author’s image');
  });

  it('--strict builds with every warning about the deck as an error', async () => {
    const project = tempDir('deck-smoke-strict-');
    mkdirSync(path.join(project, 'slides'));
    mkdirSync(path.join(project, 'public'));
    writeFileSync(path.join(project, 'slides/talk.md'), '---\ntitle: T\nminutse: 5\n---\n\n# A\n');
    const shots = path.join(project, 'shots');
    // Without --strict the typo is a warning: the deck builds and the run goes on to the browser (none here).
    let out = capture();
    expect(await main(['--project', project, '--screenshots', shots])).toBe(EXIT.noBrowser);
    expect(out.text()).toMatch(/warning: .*minutse/);
    expect(existsSync(path.join(project, 'dist/deck.json'))).toBe(true);
    vi.restoreAllMocks();
    rmSync(path.join(project, 'dist'), { recursive: true });
    out = capture();
    expect(await main(['--project', project, '--strict', '--screenshots', shots])).toBe(EXIT.failed);
    expect(out.text()).toMatch(/slides\/talk\.md:3:\d+: .*minutse.*--strict/);
    expect(existsSync(path.join(project, 'dist'))).toBe(false);
  }, 120_000);

  it('builds atomically and keeps the code frame of a deck error (exit 1)', async () => {
    const project = tempDir('deck-smoke-broken-');
    mkdirSync(path.join(project, 'slides'));
    mkdirSync(path.join(project, 'public'));
    writeFileSync(path.join(project, 'slides/talk.md'), '---\ntitle: T\ntheme: blak\n---\n\n# A\n');
    const out = capture();
    expect(await main(['--project', project, '--screenshots', path.join(project, 'shots')])).toBe(EXIT.failed);
    expect(out.text()).toMatch(/slides\/talk\.md:3:\d+: .*theme/);
    expect(out.text()).toContain('> 3 | theme: blak');
    expect(existsSync(path.join(project, 'dist'))).toBe(false);
  }, 120_000);
});

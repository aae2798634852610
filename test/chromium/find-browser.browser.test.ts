import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser } from '../../src/chromium/find-browser.ts';
import { toCliError } from '../../src/cli/errors.ts';
import { buildFixture } from '../helpers/build-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = () => tempDir('deck-find-');

function fakeExecutable(dir: string, name: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\necho Chromium 1.0\n');
  chmodSync(file, 0o755);
  return file;
}

/** An environment where nothing is found unless the test puts it there. */
function bareEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, DECK_BROWSER_PATHS: '', DECK_BROWSER_INSTALL: '0', ...extra };
}

describe('findBrowser: the order DEVELOPERS.md gives', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first, even when a system browser exists', () => {
    const dir = tmp();
    const mine = fakeExecutable(dir, 'my-chrome');
    const system = fakeExecutable(dir, 'usr/bin/chromium');
    expect(findBrowser({ env: bareEnv(dir, { PUPPETEER_EXECUTABLE_PATH: mine, DECK_BROWSER_PATHS: system }) })).toEqual(
      { executablePath: mine, source: 'env' },
    );
  });

  it('stops at once when the variable points nowhere, naming it (an environment error, exit code 3)', () => {
    const dir = tmp();
    const system = fakeExecutable(dir, 'usr/bin/chromium');
    let caught: unknown;
    try {
      findBrowser({ env: bareEnv(dir, { PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome', DECK_BROWSER_PATHS: system }) });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BrowserNotFoundError);
    expect(toCliError(caught).exitCode).toBe(3);
    expect((caught as Error).message).toContain('PUPPETEER_EXECUTABLE_PATH is set to /nowhere/chrome');
  });

  it('then the first system path that exists', () => {
    const dir = tmp();
    const second = fakeExecutable(dir, 'opt/chrome/chrome');
    const paths = [path.join(dir, 'missing/chromium'), second].join(path.delimiter);
    expect(findBrowser({ env: bareEnv(dir, { DECK_BROWSER_PATHS: paths }) })).toEqual({
      executablePath: second,
      source: 'system',
    });
  });

  it('then puppeteer’s own cache', () => {
    const home = tmp();
    const cached = fakeExecutable(home, '.cache/puppeteer/chrome/linux-131.0.0/chrome-linux64/chrome');
    expect(findBrowser({ env: bareEnv(home) })).toEqual({ executablePath: cached, source: 'puppeteer-cache' });
  });

  it('else says how to get one', () => {
    expect(() => findBrowser({ env: bareEnv(tmp()) })).toThrowError(
      /apt-get install chromium[\s\S]*PUPPETEER_EXECUTABLE_PATH/,
    );
  });
});

describe('the commands without a browser', () => {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const project = tmp();
  cpSync(path.join(root, 'test/fixtures/decks/basic'), path.join(project, 'slides'), { recursive: true });

  it.each([
    ['export', ['src/cli/export.ts']],
    ['smoke', ['src/cli/smoke.ts', 'BUILT']],
  ])('npm run %s stops with exit code 3 and says how to install one', async (_name, args) => {
    const [script, ...rest] = args as [string, ...string[]];
    if (rest[0] === 'BUILT') rest[0] = (await buildFixture(path.join(root, 'test/fixtures/decks/basic'))).distDir;
    const run = spawnSync(process.execPath, [tsx, path.join(root, script), ...rest], {
      cwd: project,
      env: bareEnv(tmp(), { NODE_PATH: path.join(root, 'node_modules') }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toContain('apt-get install chromium');
    expect(run.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
  });
});

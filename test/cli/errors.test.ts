import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError } from '../../src/chromium/find-browser.ts';
import { CliError, ERROR_KINDS, formatCliError, toCliError } from '../../src/cli/errors.ts';
import { DeckBuildError, EnvironmentError, ExportError, OutputRefusedError } from '../../src/export/errors.ts';
import { MissingAssetError } from '../../src/export/offline-html.ts';
import { UsageError } from '../../src/export/options.ts';
import { NotADeckError } from '../../src/smoke/run.ts';

const words = { name: 'export', help: 'npm run export -- --help', kept: 'earlier exports were left as they were.' };

function errno(code: string, path: string, syscall = 'open'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, path, syscall });
}

describe('one table from kind to exit code', () => {
  it.each([
    [new UsageError('--paper "a5" is not one of: a4, letter'), 'usage', 2],
    [new NotADeckError('/x', 'index.html'), 'usage', 2],
    [new OutputRefusedError('--out-dir . is the project folder itself'), 'refused', 2],
    [new DeckBuildError('slides/talk.md:3:1: unknown key', '> 3 | x'), 'deck', 1],
    [new ExportError('image a.png did not load'), 'failed', 1],
    [new MissingAssetError('assets/a.woff2', 'assets/index.css'), 'failed', 1],
    [new BrowserNotFoundError(), 'environment', 3],
    [new EnvironmentError('the browser did not start'), 'environment', 3],
    [errno('ENOSPC', '/site/dist/a.pdf', 'write'), 'environment', 3],
    [new TypeError('x is undefined'), 'bug', 1],
  ] as const)('%s → %s, exit %i', (err, kind, code) => {
    const cli = toCliError(err);
    expect(cli.kind).toBe(kind);
    expect(cli.exitCode).toBe(code);
    expect(ERROR_KINDS[kind].exitCode).toBe(code);
  });

  it('a missing asset reads as a failed export with what to do, not "failed unexpectedly" with a stack', () => {
    const text = formatCliError(toCliError(new MissingAssetError('assets/a.woff2', 'assets/index.css')), words);
    expect(text).toContain('export failed: assets/index.css refers to assets/a.woff2, which is not in the build');
    expect(text).toContain('rebuild the deck');
    expect(text).not.toMatch(/unexpectedly|\n\s+at /);
  });

  it('a deck error keeps its code frame', () => {
    const text = formatCliError(toCliError(new DeckBuildError('slides/talk.md:3:1: bad', '> 3 | subtitel:')), words);
    expect(text).toContain('slides/talk.md:3:1: bad\n> 3 | subtitel:');
  });

  it('something thrown that is not an Error never prints as [object Object]', () => {
    const text = formatCliError(toCliError({ type: 'error', target: 'ws' }), words);
    expect(text).not.toContain('[object Object]');
    expect(text).toContain('"type":"error"');
  });
});

describe('disk and permission errors read as what they are, with the path', () => {
  it.each([
    ['ENOSPC', /no space left on the disk while writing \/site\/dist\/talk\.pdf: free some space/],
    ['EACCES', /no permission to write \/site\/dist\/talk\.pdf/],
    ['EPERM', /the system did not allow writing \/site\/dist\/talk\.pdf/],
    ['EROFS', /\/site\/dist\/talk\.pdf is on a read-only file system/],
  ])('%s', (code, message) => {
    const cli = toCliError(errno(code, '/site/dist/talk.pdf', 'write'));
    expect(cli.message).toMatch(message);
    expect(cli.message).toContain(`(${code})`);
    expect(cli.detail).toBe('');
  });

  it('wrapped by Vite (text only) or by Rolldown ("os error 28")', () => {
    const vite = new Error("[plugin vite:prepare-out-dir]\nError: EROFS: read-only file system, mkdir '/site/dist/.x'");
    expect(toCliError(vite).message).toMatch(/^\/site\/dist\/\.x is on a read-only file system/);
    const rolldown = Object.assign(new Error('Build failed with 1 error'), {
      errors: [
        {
          kind: 'UNHANDLEABLE_ERROR',
          message:
            'Something went wrong inside rolldown.\nFailed to write file in /site/dist/assets/index.js\n\nCaused by:\n    No space left on device (os error 28)\n',
        },
      ],
    });
    expect(toCliError(rolldown).message).toMatch(
      /^no space left on the disk while writing \/site\/dist\/assets\/index\.js/,
    );
    expect(toCliError(rolldown).exitCode).toBe(3);
  });

  it('a CliError passes through as it is', () => {
    const e = new CliError('refused', 'no');
    expect(toCliError(e)).toBe(e);
  });
});

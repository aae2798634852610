import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/chromium/args.ts';
import { chromiumCommandLine, EXPORT_CHROMIUM_ARGS } from '../../src/export/early-browser.ts';

describe('chromiumCommandLine', () => {
  it('is the command line puppeteer launches headless Chromium with, the export’s flags added, on the debugging pipe', () => {
    const userDataDir = '/profile/of/the/run';
    // puppeteer edits the flags it is given: a copy.
    const theirs = puppeteer.defaultArgs({
      headless: true,
      args: [...CHROMIUM_ARGS, ...EXPORT_CHROMIUM_ARGS],
      userDataDir,
    });
    expect(chromiumCommandLine(userDataDir)).toEqual([...theirs, '--remote-debugging-pipe']);
  });
});

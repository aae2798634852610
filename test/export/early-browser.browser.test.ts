import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/chromium/find-browser.ts';
import { removeProfile } from '../../src/chromium/profile.ts';
import { EnvironmentError } from '../../src/export/errors.ts';
import { spawnEarly } from '../../src/export/early-browser.ts';
import { closeAll } from '../../src/export/print-pdfs.ts';

/** True while a process of that pid runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `pid` has ended, or after `ms`. */
async function ended(pid: number, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe('spawnEarly: Chromium spawned before puppeteer is loaded', () => {
  it('is a puppeteer browser that prints, whose process() is the Chromium it spawned', async () => {
    const early = spawnEarly(findBrowser().executablePath);
    const browser = await early.take();
    const pid = browser.process()!.pid!;
    try {
      expect(alive(pid)).toBe(true);
      const page = await browser.newPage();
      await page.setContent('<h1>Hello</h1>');
      const pdf = await page.pdf({ width: '10cm', height: '5cm' });
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      // Dialogs are answered as in every page we open: alert() does not stall the evaluation.
      expect(await page.evaluate('alert("hi"), 42')).toBe(42);
    } finally {
      await closeAll(browser);
    }
    expect(await ended(pid)).toBe(true);
    // The export removes the profile once Chromium is gone.
    expect(existsSync(early.profile!)).toBe(true);
    removeProfile(early.profile!); // with the socket folder its killed browser left
  });

  it('discard() ends a browser nobody took', async () => {
    const early = spawnEarly(findBrowser().executablePath);
    const browser = await early.take().catch(() => null);
    const pid = browser!.process()!.pid!;
    const other = spawnEarly(findBrowser().executablePath);
    await other.discard();
    const discarded = (await other.take()).process()!.pid!;
    expect(await ended(discarded)).toBe(true);
    await early.discard(); // taken: left to whoever took it
    expect(alive(pid)).toBe(true);
    await closeAll(browser!);
    expect(await ended(pid)).toBe(true);
    for (const e of [early, other]) removeProfile(e.profile!);
  });

  it('a browser that cannot start is the machine’s problem (exit 3), said when it is taken', async () => {
    const early = spawnEarly('/bin/false');
    await expect(early.take()).rejects.toBeInstanceOf(EnvironmentError);
    await expect(early.take()).rejects.toThrow(/did not start: it ended before it was ready \(exit code 1\)/);
  });
});

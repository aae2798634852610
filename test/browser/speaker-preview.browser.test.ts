import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useReadingFixture } from './reader-page.ts';

// The reading fixture: eight horizontal slides, a vertical stack at the fourth.
const reading = useReadingFixture();

// The URLs reveal's notes plugin gives its two preview frames (plugin/notes, setupIframes).
const common =
  'receiver&progress=false&history=false&transition=none&autoSlide=0&backgroundTransition=none&scrollActivationWidth=false';
const frames = { current: `${common}&postMessageEvents=true`, upcoming: `${common}&controls=false` };

async function open(query: string, hash: string): Promise<Page> {
  const page = await reading.browser.newPage();
  await page.setViewport({ width: 640, height: 512 });
  await page.goto(`${pathToFileURL(path.join(reading.dist, 'index.html')).href}?${query}${hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
  return page;
}

const indices = (page: Page) => page.evaluate(() => window.Reveal.getIndices());

describe('the speaker view’s previews', () => {
  it('the upcoming frame shows the next slide even when no message reached it', async () => {
    const page = await open(frames.upcoming, '#/2/0');
    expect(await indices(page)).toMatchObject({ h: 3, v: 0 });
    await page.close();
  });

  it('the current frame stays on the slide it was opened at', async () => {
    const page = await open(frames.current, '#/2/0');
    expect(await indices(page)).toMatchObject({ h: 2, v: 0 });
    await page.close();
  });

  it('a state sent by the speaker view still wins, as reveal sends it (setState, then next)', async () => {
    const page = await open(frames.upcoming, '#/2/0');
    await page.evaluate(() => {
      window.postMessage(JSON.stringify({ method: 'setState', args: [{ indexh: 5, indexv: 0 }] }), '*');
      window.postMessage(JSON.stringify({ method: 'next' }), '*');
    });
    await page.waitForFunction(() => window.Reveal.getIndices().h === 6);
    await page.close();
  });
});

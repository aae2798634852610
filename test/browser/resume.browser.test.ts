import { describe, expect, it } from 'vitest';
import { deckState, deckUrl, openDeck, showSlide, waitForSlide, waitReady, useReadingFixture } from './reader-page.ts';

const reading = useReadingFixture();

/** Each test gets its own browser profile, so that localStorage starts empty. */
async function freshContext() {
  return reading.browser.createBrowserContext();
}

const offerText = () => document.querySelector('.deck-resume .deck-resume-text')?.textContent ?? null;

describe('resume', () => {
  it('remembers the slide and offers it to a returning reader; Resume goes there', async () => {
    const context = await freshContext();
    try {
      const { page, errors } = await openDeck(context, deckUrl(reading.dist));
      expect(await page.$('.deck-resume')).toBeNull();
      await showSlide(page, 5);
      await page.waitForFunction(() => localStorage.getItem('deck:reading-fixture:position')?.includes('wide-table'));

      // The reader comes back later, to the bare address.
      await page.goto(deckUrl(reading.dist));
      await waitReady(page);
      expect((await deckState(page)).index).toBe(0);
      await page.waitForFunction(offerText);
      expect(await page.evaluate(offerText)).toBe('Resume at slide 6 of 9: Wide table?');
      await page.click('.deck-resume [data-deck-resume]');
      await waitForSlide(page, 5);
      expect(await page.$('.deck-resume')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works while reading too, and Dismiss leaves the reader at the start', async () => {
    const context = await freshContext();
    try {
      const url = deckUrl(reading.dist, { query: '?mode=read' });
      const first = await openDeck(context, url);
      await showSlide(first.page, 3);
      await first.page.waitForFunction(() =>
        localStorage.getItem('deck:reading-fixture:position')?.includes('stack-top'),
      );
      await first.page.close();

      // Another day, another tab (reveal restores a tab's own scroll position, so a new one).
      const { page, errors } = await openDeck(context, url);
      await page.waitForFunction(offerText);
      expect(await page.evaluate(offerText)).toBe('Resume at slide 4 of 9: Stack top?');
      await page.click('.deck-resume [data-deck-dismiss]');
      expect(await page.$('.deck-resume')).toBeNull();
      expect((await deckState(page)).index).toBe(0);
      await page.close();

      // Resume by keyboard: the offer is reachable with Tab and works with Enter.
      const third = await openDeck(context, url);
      await third.page.waitForFunction(offerText);
      let reached = false;
      for (let i = 0; i < 10 && !reached; i++) {
        await third.page.keyboard.press('Tab');
        reached = await third.page.evaluate(() => document.activeElement?.hasAttribute('data-deck-resume') ?? false);
      }
      expect(reached).toBe(true);
      await third.page.keyboard.press('Enter');
      await waitForSlide(third.page, 3, 'read');
      expect([...first.errors, ...errors, ...third.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is not offered for a link to a slide, nor for slide 1', async () => {
    const context = await freshContext();
    try {
      const { page, errors } = await openDeck(context, deckUrl(reading.dist));
      await showSlide(page, 2);
      await page.waitForFunction(() => localStorage.getItem('deck:reading-fixture:position')?.includes('long-notes'));
      await page.goto(deckUrl(reading.dist, { hash: '#/short' }));
      await waitReady(page);
      await waitForSlide(page, 7);
      expect(await page.$('.deck-resume')).toBeNull();
      // The linked slide is now the remembered one; going back to slide 1 is remembered as well.
      await showSlide(page, 0);
      await page.waitForFunction(() => localStorage.getItem('deck:reading-fixture:position')?.includes('"index":0'));
      await page.goto(deckUrl(reading.dist));
      await waitReady(page);
      expect(await page.$('.deck-resume')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('survives a page where localStorage throws', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist), {
      beforeLoad: () => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('denied', 'SecurityError');
          },
        });
      },
    });
    await showSlide(page, 2);
    await page.reload();
    await waitReady(page);
    expect(await page.$('.deck-resume')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});

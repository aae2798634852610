import { describe, expect, inject, it } from 'vitest';
import { deckState, deckUrl, openDeck, PHONE, showSlide, waitForSlide, useReadingFixture } from './reader-page.ts';

const reading = useReadingFixture();

/** Is the slide's notes block shown (laid out, with text) under it? */
function notesShown(index: number): string {
  return `(() => {
    const notes = document.querySelector('section[data-deck-index="${index}"] aside.notes');
    if (!notes) return false;
    const box = notes.getBoundingClientRect();
    return getComputedStyle(notes).display !== 'none' && box.height > 20 && notes.textContent.trim().length > 0;
  })()`;
}

describe('reader mode: presenting and reading', () => {
  it('presents by default on a laptop, and ?mode=read reads, with notes under every slide', async () => {
    const present = await openDeck(reading.browser, deckUrl(reading.dist));
    expect(await deckState(present.page)).toMatchObject({ mode: 'present', scrollView: false, index: 0 });
    expect(await present.page.evaluate(notesShown(0))).toBe(false);
    expect(await present.page.$eval('.reveal .progress', (e) => e.getBoundingClientRect().width)).toBeGreaterThan(100);
    await present.page.close();

    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query: '?mode=read' }));
    expect(await deckState(page)).toMatchObject({ mode: 'read', scrollView: true, index: 0 });
    const withNotes = await page.evaluate(() =>
      Array.from(document.querySelectorAll('section[data-deck-index]'), (s) =>
        s.getAttribute('data-deck-index'),
      ).filter((i) => document.querySelector(`section[data-deck-index="${i}"] aside.notes`)),
    );
    expect(withNotes.length).toBeGreaterThan(5);
    for (const i of withNotes) expect(await page.evaluate(notesShown(Number(i))), `notes of slide ${i}`).toBe(true);
    // Notes sit below their slide's content, inside the slide's page.
    const below = await page.evaluate(() => {
      const slide = document.querySelector('section[data-deck-index="2"]')!;
      const heading = slide.querySelector('h2')!.getBoundingClientRect();
      const notes = slide.querySelector('aside.notes')!.getBoundingClientRect();
      return notes.top >= heading.bottom && slide.closest('.scroll-page') !== null;
    });
    expect(below).toBe(true);
    // The progress bar while reading: reveal's scroll bar, kept on screen, one mark per slide.
    const progress = await page.evaluate(() => ({
      shown: document.querySelector('.scrollbar.visible') !== null,
      marks: document.querySelectorAll('.scrollbar .scrollbar-slide').length,
    }));
    expect(progress).toEqual({ shown: true, marks: 9 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('deep links to a slide work in both modes', async () => {
    for (const mode of ['present', 'read'] as const) {
      const { page, errors } = await openDeck(
        reading.browser,
        deckUrl(reading.dist, { query: `?mode=${mode}`, hash: '#/wide-table' }),
      );
      await waitForSlide(page, 5, mode);
      if (mode === 'read') {
        // The linked page is at the top of the screen, under the bar, not merely "current".
        const top = await page.evaluate(
          () => document.getElementById('wide-table')!.closest('.scroll-page')!.getBoundingClientRect().top,
        );
        expect(top).toBeGreaterThan(40);
        expect(top).toBeLessThan(120);
      }
      const vertical = await openDeck(
        reading.browser,
        deckUrl(reading.dist, { query: `?mode=${mode}`, hash: '#/3/1' }),
      );
      await waitForSlide(vertical.page, 4, mode);
      expect([...errors, ...vertical.errors]).toEqual([]);
      await vertical.page.close();
      await page.close();
    }
  });

  it('R switches mode and keeps the slide; the URL keeps the slide and records the mode', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { hash: '#/stack-child' }));
    await waitForSlide(page, 4, 'present');
    await page.keyboard.press('r');
    await waitForSlide(page, 4, 'read');
    let state = await deckState(page);
    expect(state).toMatchObject({ scrollView: true, hash: '#/stack-child', search: '?mode=read' });
    expect(await page.evaluate(notesShown(4))).toBe(true);
    // Fragments are all visible while reading.
    const hidden = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('#stack-child .fragment')).filter(
          (f) => getComputedStyle(f).opacity !== '1',
        ).length,
    );
    expect(hidden).toBe(0);

    await page.keyboard.press('r');
    await waitForSlide(page, 4, 'present');
    state = await deckState(page);
    expect(state).toMatchObject({ scrollView: false, hash: '#/stack-child', search: '?mode=present' });
    expect(await page.evaluate(notesShown(4))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the toolbar button switches mode and keeps the slide the reader scrolled to', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { hash: '#/roadmap' }));
    await waitForSlide(page, 1, 'present');
    const button = await page.$('.deck-toolbar .deck-mode-button');
    expect(await button?.evaluate((b) => b.textContent)).toBe('Read');
    await button?.click();
    await waitForSlide(page, 1, 'read');
    expect(await button?.evaluate((b) => b.textContent)).toBe('Present');

    // Scroll (as a reader does, not through reveal) to a slide: it becomes current and linked.
    // (One whose top the view can reach: the last few pages share the final stretch of scrolling.)
    await page.mouse.move(640, 400);
    await page.mouse.wheel({ deltaY: 1 }); // the reader takes over the scrolling
    await page.evaluate(() => document.getElementById('stack-top')!.scrollIntoView({ block: 'start' }));
    await waitForSlide(page, 3, 'read');
    await page.waitForFunction(() => window.location.hash === '#/stack-top');

    await button?.click();
    await waitForSlide(page, 3, 'present');
    expect((await deckState(page)).scrollView).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('going to any slide while reading makes it current, the last ones too (whose tops the view cannot reach)', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query: '?mode=read' }));
    const total = await page.evaluate(() => document.querySelectorAll('section[data-deck-index]').length);
    for (const index of [...Array(total).keys()].reverse()) await showSlide(page, index);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('page heights follow the notes: the slide at the top of the screen is the current one', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query: '?mode=read' }));
    const heights = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.scroll-page'), (p) => Math.round(p.getBoundingClientRect().height)),
    );
    // The long notes make page 3 far taller than the short ones.
    expect(Math.max(...heights)).toBeGreaterThan(1.5 * Math.min(...heights));
    for (const index of [2, 3, 5, 6, 8, 0]) {
      await page.evaluate((i) => {
        const page = document.querySelector(`section[data-deck-index="${i}"]`)!.closest('.scroll-page')!;
        const inset = parseFloat(getComputedStyle(document.body).scrollPaddingTop);
        document.body.scrollTop += page.getBoundingClientRect().top - inset + 30;
      }, index);
      await waitForSlide(page, index, 'read');
    }
    // Going back up past a tall page lands on the right slide too.
    await showSlide(page, 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrow screens read by default; ?mode=present keeps the slides', async () => {
    const phone = await openDeck(reading.browser, deckUrl(reading.dist), { viewport: PHONE, mobile: true });
    expect(await deckState(phone.page)).toMatchObject({ mode: 'read', scrollView: true });
    const present = await openDeck(reading.browser, deckUrl(reading.dist, { query: '?mode=present' }), {
      viewport: PHONE,
      mobile: true,
    });
    expect(await deckState(present.page)).toMatchObject({ mode: 'present', scrollView: false });
    // And it stays presenting when the layout runs again (reveal would switch below 435 px).
    await present.page.evaluate(() => window.Reveal.layout());
    expect((await deckState(present.page)).scrollView).toBe(false);
    // reveal's own ?view=scroll is reading mode, at any width.
    const view = await openDeck(reading.browser, deckUrl(reading.dist, { query: '?view=scroll' }));
    expect(await deckState(view.page)).toMatchObject({ mode: 'read', scrollView: true });
    expect(await view.page.evaluate(notesShown(1))).toBe(true);
    expect([...phone.errors, ...present.errors, ...view.errors]).toEqual([]);
    await phone.page.close();
    await present.page.close();
    await view.page.close();
  });

  it('the toolbar stays clear of every slide of the starter deck at 1280×720', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(inject('distDir')));
    const total = await page.evaluate(() => document.querySelectorAll('section[data-deck-index]').length);
    const overlaps: string[] = [];
    for (let i = 0; i < total; i++) {
      await showSlide(page, i);
      overlaps.push(
        ...(await page.evaluate(() => {
          const bar = document.querySelector('.deck-toolbar')!.getBoundingClientRect();
          const slide = window.Reveal.getCurrentSlide();
          return Array.from(slide.querySelectorAll('*'))
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return (
                r.width > 0 &&
                r.height > 0 &&
                r.left < bar.right &&
                r.right > bar.left &&
                r.top < bar.bottom &&
                r.bottom > bar.top
              );
            })
            .map((el) => `${slide.id}: ${el.tagName} “${el.textContent?.trim().slice(0, 30)}”`);
        })),
      );
    }
    expect(overlaps).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the help overlay lists R and T', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist));
    await page.keyboard.down('Shift');
    await page.keyboard.press('Slash');
    await page.keyboard.up('Shift');
    await page.waitForSelector('.r-overlay-help');
    const help = await page.$eval('.r-overlay-help', (e) => e.textContent ?? '');
    expect(help).toMatch(/R\s*Read \(slides with notes\) \/ present/);
    expect(help).toMatch(/T\s*Table of contents/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the speaker view (S) still opens, its previews showing slides without reader UI', async () => {
    const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { hash: '#/roadmap' }));
    const popup = new Promise<import('puppeteer-core').Page | null>((resolve) => page.once('popup', resolve));
    await page.keyboard.press('s');
    const notes = await popup;
    expect(notes).not.toBeNull();
    // Two previews (current and upcoming slide), each the deck loaded with ?receiver.
    let previews: { ui: number; mode?: string; url: string }[] = [];
    for (let tries = 0; tries < 100 && previews.length < 2; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      const frames = notes!.frames().filter((f) => f.url().includes('receiver'));
      previews = [];
      for (const frame of frames) {
        const ready = await frame
          .evaluate(() => document.documentElement.dataset.deckReady === 'true')
          .catch(() => false);
        if (!ready) continue;
        previews.push(
          await frame.evaluate(() => ({
            ui: document.querySelectorAll('.deck-ui').length,
            mode: document.documentElement.dataset.deckMode,
            url: window.location.search,
          })),
        );
      }
    }
    expect(previews).toHaveLength(2);
    for (const p of previews) expect(p).toMatchObject({ ui: 0, mode: 'present' });
    // The current slide's notes are in the speaker view.
    await notes!.waitForFunction(() =>
      document.body.textContent?.includes('The roadmap links to the table of contents.'),
    );
    await notes!.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('print (?print-pdf) and speaker-view previews (?receiver) get no reader UI and present', async () => {
    for (const query of ['?print-pdf', '?receiver']) {
      const { page, errors } = await openDeck(reading.browser, deckUrl(reading.dist, { query }), {
        viewport: PHONE,
        mobile: true,
      });
      const ui = await page.evaluate(() => ({
        controls: document.querySelectorAll('.deck-ui').length,
        mode: document.documentElement.dataset.deckMode,
        scroll: (window.Reveal as typeof window.Reveal & { isScrollView(): boolean }).isScrollView(),
      }));
      expect(ui, query).toEqual({ controls: 0, mode: 'present', scroll: false });
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

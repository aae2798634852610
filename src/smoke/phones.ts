import { SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import path from 'node:path';
import type { DeckPage } from './deck-page.ts';
import type { Check, CheckContext } from './types.ts';

/** A phone and a tablet held upright. */
export const PHONE_SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
] as const;

/** What the scroll view looks like at one size, measured in the page. */
export interface ScrollViewState {
  scrollView: boolean;
  viewportWidth: number;
  /** How far the page itself scrolls sideways (0 when it does not). */
  pageOverflow: number;
  slides: { index: number; problems: string[] }[];
}

/**
 * In the page: scrolls each slide into view and checks that it shows (in the scroll view, on
 * screen, not hidden or covered) and that nothing in it reaches past the screen's right or left
 * edge, where the scroll view's `overflow-x: hidden` would cut it off.
 */
export function measureScrollViewInPage(deviceWidth: number, { slide, attr }: SlideNames): ScrollViewState {
  const reveal = window.Reveal;
  // A phone widens its layout to hold content wider than the screen, then zooms out:
  // measure against the device's width, not the (widened) layout.
  const vw = deviceWidth;
  const vh = window.innerHeight;
  const root = document.scrollingElement ?? document.documentElement;
  const scroller = document.querySelector<HTMLElement>('.reveal-viewport') ?? (root as HTMLElement);
  const pageOverflow = Math.max(root.scrollWidth - vw, document.body.scrollWidth - vw, window.innerWidth - vw, 0);
  const describe = (el: Element): string => {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].slice(0, 2).join('.')}` : ''}${text ? ` “${text.slice(0, 40)}”` : ''}`;
  };
  const slides = [...document.querySelectorAll<HTMLElement>(`.reveal .slides ${slide}`)].map((section) => {
    const index = Number(section.getAttribute(attr));
    const problems: string[] = [];
    const page = section.closest<HTMLElement>('.scroll-page');
    if (!page) return { index, problems: ['the slide is not in the scroll view (no .scroll-page)'] };
    // Where a reader lands on the slide (a contents link, a #/3 link): below the toolbar, which the
    // scroll view keeps clear with its scroll padding. Scrolled to the page's very top instead, a
    // slide shorter than the toolbar is tall would sit under it, covered only because of where it was put.
    page.scrollIntoView({ block: 'start', behavior: 'instant' });
    const rect = section.getBoundingClientRect();
    const style = getComputedStyle(section);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) {
      problems.push(
        `the slide is hidden (display ${style.display}, visibility ${style.visibility}, opacity ${style.opacity})`,
      );
    } else if (rect.width < 1 || rect.height < 1) {
      problems.push('the slide has no size');
    } else if (rect.bottom <= 0 || rect.top >= vh) {
      problems.push(`scrolled to its page, the slide is off screen (top ${Math.round(rect.top)} px of ${vh})`);
    } else {
      const x = Math.min(Math.max((rect.left + rect.right) / 2, 0), vw - 1);
      const y = Math.min(Math.max((Math.max(rect.top, 0) + Math.min(rect.bottom, vh)) / 2, 0), vh - 1);
      const hit = document.elementFromPoint(x, y);
      if (hit && !page.contains(hit)) problems.push(`the slide is covered by ${describe(hit)}`);
    }
    if (rect.left < -1 || rect.right > vw + 1) {
      problems.push(`the slide spans ${Math.round(rect.left)}…${Math.round(rect.right)} px of a ${vw} px screen`);
    }
    let widest: { right: number; left: number; el: Element } | null = null;
    const consider = (rects: Iterable<DOMRect>, el: Element): void => {
      for (const r of rects) {
        if (r.width === 0 && r.height === 0) continue;
        const past = Math.max(r.right - vw, -r.left);
        if (past > 1 && (!widest || past > Math.max(widest.right - vw, -widest.left)))
          widest = { right: r.right, left: r.left, el };
      }
    };
    for (const el of section.querySelectorAll('*')) {
      if (el.closest('aside.notes')) continue;
      // Inside a box that clips or scrolls, content past its edge is that box's problem (the fit check), not the screen's.
      let clipper = el.parentElement;
      while (clipper && clipper !== section && getComputedStyle(clipper).overflowX === 'visible')
        clipper = clipper.parentElement;
      if (clipper && clipper !== section) continue;
      consider(el.getClientRects(), el);
      // Text that will not wrap runs out of its box, which stays inside the screen: measure the text itself.
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        consider(range.getClientRects(), el);
      }
    }
    const w = widest as { right: number; left: number; el: Element } | null;
    if (w) {
      const past = Math.round(Math.max(w.right - vw, -w.left));
      problems.push(
        `${describe(w.el)} reaches ${past} px past the ${w.right > vw ? 'right' : 'left'} edge of the screen`,
      );
    }
    return { index, problems };
  });
  scroller.scrollTop = 0;
  return { scrollView: reveal.isScrollView?.() ?? false, viewportWidth: vw, pageOverflow, slides };
}

/** The phones check: reveal's scroll view on a phone and a tablet shows every slide, with no sideways scrolling. */
export async function checkPhones(page: DeckPage, ctx: CheckContext, url: string): Promise<void> {
  page.check = 'phones';
  for (const size of PHONE_SIZES) {
    const where = `${size.width}×${size.height} scroll view`;
    page.where = where;
    await page.page.setViewport({ ...size, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const problem = await page.open(`${url}?view=scroll`, ctx.readyTimeoutMs);
    if (problem) {
      ctx.fail({
        check: 'phones',
        slide: null,
        where,
        expected: 'the deck to start in the scroll view',
        found: problem,
      });
      continue;
    }
    const state = await page.page.evaluate(measureScrollViewInPage, size.width, SLIDE_NAMES);
    if (!state.scrollView) {
      ctx.fail({
        check: 'phones',
        slide: null,
        where,
        expected: '?view=scroll to turn on reveal’s scroll view',
        found: 'Reveal.isScrollView() is false',
        screenshot: await shoot(page, ctx, size, null),
      });
      continue;
    }
    if (state.pageOverflow > 1) {
      ctx.fail({
        check: 'phones',
        slide: null,
        where,
        expected: 'no horizontal scrolling',
        found: `the page is ${state.pageOverflow} px wider than the ${size.width} px screen (it scrolls sideways, or the phone zooms out to fit it)`,
        screenshot: await shoot(page, ctx, size, null),
      });
    }
    for (const slide of state.slides) {
      if (!slide.problems.length) continue;
      ctx.fail({
        check: 'phones',
        slide: ctx.slideRef(slide.index),
        where,
        expected: 'the slide visible on screen, nothing past the screen edges',
        found: slide.problems.join('; '),
        screenshot: await shoot(page, ctx, size, slide.index),
      });
    }
  }
}

/** A screenshot of the screen with slide `index` scrolled into view. */
async function shoot(
  page: DeckPage,
  ctx: CheckContext,
  size: { width: number; height: number },
  index: number | null,
): Promise<string> {
  const name = index === null ? 'page.png' : path.basename(ctx.slideShot(index));
  const file = path.join(ctx.screenshotsDir, `phone-${size.width}x${size.height}-${name}`);
  if (index !== null) {
    await page.page.evaluate(
      (i: number, { slide, attr }: SlideNames) => {
        const section = document.querySelector(`.reveal .slides ${slide}[${attr}="${i}"]`);
        section?.closest<HTMLElement>('.scroll-page')?.scrollIntoView({ block: 'start', behavior: 'instant' });
      },
      index,
      SLIDE_NAMES,
    );
  }
  await page.page.screenshot({ path: file as `${string}.png` });
  return file;
}

export const phones: Check = {
  name: 'phones',
  description: 'scroll view at 390×844 and 768×1024: every slide visible, no horizontal scrolling',
  needs: 'own tab',
  run: (ctx, tab) => checkPhones(tab.page, ctx, tab.url),
};

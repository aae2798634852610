import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { slideRef, type DeckJson } from '../model.ts';
import { ExportError } from './errors.ts';
import { openWatchedPage } from './print-layout.ts';
import { isRemoteUrl, loadDeckPage, type RemoteRequests } from './remote-assets.ts';

/** Image scale: 1 gives 1280×720 pixels a slide, 2 gives 2560×1440. */
export const IMAGE_SCALES = [1, 2] as const;
export type ImageScale = (typeof IMAGE_SCALES)[number];

/** The slide box reveal lays out (src/browser/main.ts); at margin 0 it fills a viewport of this size at scale 1. */
export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;

/** A link on a slide, where it is (as fractions of the slide box) and where it goes. */
export interface SlideLink {
  text: string;
  /** An external address (http, https, mailto), or null for a link inside the deck. */
  url: string | null;
  /** Reading-order index of the slide an internal link leads to, or null. */
  slide: number | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One picture of a slide (of one fragment step with `fragments`). */
export interface SlideShot {
  /** Reading-order index (deck.json `slides[i].index`). */
  slide: number;
  /** Fragment step (0 = none shown) when the slide is shot step by step; null for the slide as a whole. */
  step: number | null;
  png: Uint8Array;
  width: number;
  height: number;
  /** The text a viewer sees on it, line by line (the image's alt text). */
  text: string;
  links: SlideLink[];
}

/** File name of a slide picture: `talk-03.png`, or `talk-03-2.png` for a fragment step; at least two digits. */
export function slideImageName(slug: string, slide: number, step: number | null, slideCount: number): string {
  const digits = Math.max(2, String(slideCount).length);
  const n = String(slide + 1).padStart(digits, '0');
  return `${slug}-${n}${step === null ? '' : `-${step + 1}`}.png`;
}

/** Matches every name `slideImageName` can give for `slug` (and nothing else the export writes). */
export function slideImagePattern(slug: string): RegExp {
  const escaped = slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}-\\d{2,}(?:-\\d+)?\\.png$`);
}

/**
 * The page as the audience sees a slide: reveal's own URL settings turn off the controls and the
 * progress bar and the margin (so the slide fills the viewport at scale 1) and skip writing the
 * address; reduced motion (emulated below) turns every transition off.
 */
export function slideViewUrl(siteDir: string): string {
  const url = pathToFileURL(path.join(siteDir, 'index.html'));
  url.search =
    'mode=present&controls=false&progress=false&margin=0&hash=false&transition=none&backgroundTransition=none';
  return url.href;
}

/** Our own toolbar, menus, resume offer and the title slide's download links are page furniture, not slide. */
const HIDE_FURNITURE = `
.deck-ui, .deck-title-downloads, .reveal .controls, .reveal .progress { display: none !important; }
html, body { cursor: none !important; }
`;

/** A tab showing the built deck one slide at a time, ready to be photographed. */
export interface SlideView {
  page: Page;
  /** The files on other sites the tab asked for, and which did not load. */
  remote: RemoteRequests;
  close(): Promise<void>;
}

/**
 * Opens the built deck in a new tab at `width`×`height` CSS pixels and `scale` device pixels per
 * CSS pixel, and waits for reveal, the fonts and every image. A script error, an image that did
 * not load or a page that does not get ready within `timeoutMs` is an ExportError.
 */
export async function openSlideView(
  browser: Browser,
  siteDir: string,
  deck: DeckJson,
  options: { timeoutMs: number; offlineStrict?: boolean },
): Promise<SlideView> {
  const { page, errors, failed, remote } = await openWatchedPage(browser, options.timeoutMs, {
    offlineStrict: options.offlineStrict,
  });
  page.on('dialog', (d) => void d.dismiss().catch(() => {}));
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: 1 });
  const seconds = `${Number((options.timeoutMs / 1000).toFixed(2))} s`;
  try {
    await loadDeckPage(page, slideViewUrl(siteDir), options.timeoutMs);
    await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true', {
      timeout: options.timeoutMs,
      polling: 50,
    });
  } catch (err) {
    await page.close().catch(() => {});
    if (!(err instanceof Error && err.name === 'TimeoutError')) throw err;
    throw new ExportError(
      `the deck did not start within ${seconds}${errors[0] ? `: the page threw “${errors[0]}”` : ''}`,
    );
  }
  if (errors.length > 0) {
    await page.close().catch(() => {});
    throw new ExportError(`the page threw “${errors[0]}” while opening the deck for pictures`);
  }
  await page.addStyleTag({ content: HIDE_FURNITURE });
  for (const url of failed) {
    // A file a slide shows is an error; one no slide uses (a favicon) is none of the pictures' business.
    const index = await page.evaluate(slideUsing, url);
    if (index >= 0) {
      await page.close().catch(() => {});
      throw new ExportError(`${fileName(url)} did not load (${url})`, slideRef(deck, index));
    }
  }
  return { page, remote, close: () => page.close().catch(() => {}) };
}

/** Slide (reading-order index) that references a URL, or -1. */
function slideUsing(url: string): number {
  for (const el of document.querySelectorAll<HTMLElement>('.reveal [src], .reveal [data-background-image]')) {
    const refs = [el.getAttribute('src'), el.getAttribute('data-background-image')];
    if (!refs.some((r) => r && new URL(r, document.baseURI).href === url)) continue;
    const section = el.closest<HTMLElement>('section[data-deck-index]');
    if (section) return Number(section.dataset.deckIndex);
  }
  return -1;
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  } catch {
    return url;
  }
}

/** What the page reports about the slide it shows. */
interface ShownSlide {
  text: string;
  links: { text: string; href: string; target: number | null; x: number; y: number; w: number; h: number }[];
  broken: string | null;
}

/**
 * In the page: shows slide `index` at fragment `fragment` (-1: none shown), waits for its fonts
 * and images to be decoded and a frame to be drawn, and reports its visible text and links.
 */
async function showSlideInPage(index: number, h: number, v: number, fragment: number): Promise<ShownSlide> {
  const reveal = (window as unknown as { Reveal: { slide(h: number, v: number, f?: number): void } }).Reveal;
  reveal.slide(h, v, fragment);
  const section = document.querySelector<HTMLElement>(`.reveal .slides section[data-deck-index="${index}"]`);
  await document.fonts.ready;
  let broken: string | null = null;
  if (section) {
    for (const img of section.querySelectorAll('img')) {
      try {
        await img.decode();
      } catch {
        if (img.naturalWidth === 0) broken = img.currentSrc || img.src;
      }
    }
  }
  // reveal loads a slide's background picture when the slide comes near: wait until it is decoded.
  const background = (
    window as unknown as { Reveal: { getSlideBackground(h: number, v: number): HTMLElement | undefined } }
  ).Reveal.getSlideBackground(h, v);
  for (const el of background ? [background, ...background.querySelectorAll<HTMLElement>('*')] : []) {
    const url = /url\("?([^")]+)"?\)/.exec(getComputedStyle(el).backgroundImage)?.[1];
    if (!url) continue;
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch {
      broken = url;
    }
  }
  // One frame with the slide in place; the screenshot itself waits for the next one to be drawn.
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const box = document.querySelector('.reveal .slides')!.getBoundingClientRect();
  const links: ShownSlide['links'] = [];
  for (const a of section?.querySelectorAll<HTMLAnchorElement>('a[href]') ?? []) {
    if (!a.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const href = a.getAttribute('href') ?? '';
    let target: number | null = null;
    if (href.startsWith('#')) {
      const hash = decodeURIComponent(href.replace(/^#\/?/, ''));
      const numeric = /^(\d+)(?:\/(\d+))?$/.exec(hash);
      const el = numeric
        ? document.querySelectorAll('.reveal .slides > section')[Number(numeric[1])]
        : document.getElementById(hash);
      const s = el?.closest<HTMLElement>('section[data-deck-index]') ?? el?.querySelector<HTMLElement>('section');
      target = s?.dataset.deckIndex !== undefined ? Number(s.dataset.deckIndex) : null;
    }
    // One region per line box: a link that wraps is two rectangles, not the block around them.
    for (const r of a.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      links.push({
        text: a.innerText.replace(/\s+/g, ' ').trim(),
        href: a.href,
        target,
        x: (r.left - box.left) / box.width,
        y: (r.top - box.top) / box.height,
        w: r.width / box.width,
        h: r.height / box.height,
      });
    }
  }
  // innerText leaves out what is not displayed (the notes) and what is hidden (fragments not yet shown).
  const text = (section?.innerText ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return { text, links, broken };
}

/** The fragment steps to photograph for a slide with `fragments` steps: -1 (none shown) up to all. */
function fragmentSteps(fragments: number, stepwise: boolean): number[] {
  if (!stepwise || fragments === 0) return [fragments - 1];
  return Array.from({ length: fragments + 1 }, (_, i) => i - 1);
}

/**
 * Photographs every slide (every fragment step with `fragments`, otherwise each slide with all its
 * fragments shown, as it looks when the presenter moves on) at `scale`.
 */
export async function shootSlides(
  view: SlideView,
  deck: DeckJson,
  options: { scale: ImageScale; fragments: boolean },
): Promise<SlideShot[]> {
  const { page } = view;
  await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT, deviceScaleFactor: options.scale });
  await page.evaluate(() => (window as unknown as { Reveal: { layout(): void } }).Reveal.layout());
  const shots: SlideShot[] = [];
  for (const slide of deck.slides) {
    const steps = fragmentSteps(slide.fragments, options.fragments);
    for (const [i, fragment] of steps.entries()) {
      const shown = await page.evaluate(showSlideInPage, slide.index, slide.h, slide.v, fragment);
      // A remote picture that did not load is left out, as in the slides PDF (which warns about it).
      if (shown.broken && !isRemoteUrl(shown.broken, page.url()))
        throw new ExportError(`image ${fileName(shown.broken)} did not load`, slideRef(deck, slide.index));
      // The viewport is the slide: no re-layout to a larger capture area for every picture.
      const png = await page.screenshot({ type: 'png', captureBeyondViewport: false });
      const shot: SlideShot = {
        slide: slide.index,
        step: steps.length > 1 ? i : null,
        png,
        width: SLIDE_WIDTH * options.scale,
        height: SLIDE_HEIGHT * options.scale,
        text: shown.text,
        links: shown.links.map((l) => ({
          text: l.text,
          url: l.target === null && /^(https?|mailto):/i.test(l.href) ? l.href : null,
          slide: l.target,
          x: l.x,
          y: l.y,
          w: l.w,
          h: l.h,
        })),
      };
      shots.push(shot);
    }
  }
  return shots;
}

/**
 * The title slide as a link preview: `width`×`height` pixels (1200×630, what chat apps and
 * learning platforms show), reveal fitting the 16:9 slide into it on the deck's background.
 */
export async function shootPreview(
  view: SlideView,
  deck: DeckJson,
  size: { width: number; height: number },
): Promise<Uint8Array> {
  const first = deck.slides[0];
  if (!first) throw new ExportError('the deck has no slides to make a link preview from');
  await view.page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: 1 });
  await view.page.evaluate(() => (window as unknown as { Reveal: { layout(): void } }).Reveal.layout());
  await view.page.evaluate(showSlideInPage, first.index, first.h, first.v, first.fragments - 1);
  return view.page.screenshot({ type: 'png', captureBeyondViewport: false });
}

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page, Protocol } from 'puppeteer-core';
import { NAME_SHIM, SLIDE_INDEX_ATTR, SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import { slideLoadingUrl } from '../contract/in-page.ts';
import { slideLinkTable } from '../contract/links.ts';
import { slideRef, type DeckJson } from '../model.ts';
import { ExportError } from './errors.ts';
import type { PartDocument } from './slide-cuts.ts';
import { LOAD_FLAG, loadDeckPage, remoteWaitMs, remoteWarnings, RemoteRequests } from './remote-assets.ts';

/** One `.pdf-page` of reveal's print layout: which slide it shows and how many PDF pages it takes. */
export interface PrintedPage {
  /** Reading-order index of the slide (deck.json `slides[i].index`). */
  slide: number;
  /** PDF pages this layout page fills: 1, or more when the slide is taller than the page. */
  span: number;
}

/** The deck laid out for print in a browser tab, ready for `page.pdf()`. */
export interface PrintLayout {
  page: Page;
  /** Layout pages in order (a slide appears once per fragment step with `fragments`). */
  pages: PrintedPage[];
  /** Slides taller than a page, which reveal continues on extra pages. */
  overflowing: number[];
  /** Problems that do not stop the export (a missing favicon). */
  warnings: string[];
  /**
   * With `only`: ids that links on these slides point to on slides left out, each given an
   * empty stand-in so that Chromium keeps the link (see pdf-merge.ts, which points it home).
   */
  stubs: string[];
  /** With `only`: how many slides of the range the page held once parsed. */
  held?: number;
}

/** A run of slides by reading-order index, `from` included, `to` not. */
export interface SlideRange {
  from: number;
  to: number;
}

/** What the page reports once reveal's print layout is done. */
interface LayoutReport {
  pages: PrintedPage[];
  broken: { slide: number; url: string }[];
  stubs: string[];
  held: number | null;
}

/** The print layout's URL: `?print-pdf`, no margin so that a PDF page is exactly 1280×720. */
export function printUrl(siteDir: string, fragments: boolean): string {
  const url = pathToFileURL(path.join(siteDir, 'index.html'));
  url.search = `print-pdf&margin=0${fragments ? '&fragments=1' : ''}`;
  return url.href;
}

/** Runs in the page before any script: records reveal's `pdf-ready`, and defines the helper tsx adds to named functions. */
const PRELUDE = `
${NAME_SHIM}
document.addEventListener('pdf-ready', () => { window.__deckPdfReady = true; }, true);
`;

/**
 * Runs in the page before any of its scripts, for a print of some slides only: each slide
 * outside [from, to) is taken out of the document as the parser adds it, before anything is laid
 * out, and once the document is parsed (readyState "interactive", which comes before module
 * scripts run and so before reveal starts) a stack left with no slide goes too. reveal then lays
 * out only these slides, which is what bounds Chromium's memory on a large deck. The ids the
 * removed slides held, and the targets of their links, are kept for prepareForPrint, with those
 * of the slides the part's page was served without (`awayIds`, `awayLinks`); so is the number of
 * slides of the range the page holds, which tells a served page that lost one.
 */
function keepOnlySlides(from: number, to: number, attr: string, awayIds: string[], awayLinks: string[]): void {
  const removed: Element[] = [];
  const outside = (el: Element): boolean => {
    const value = el.getAttribute(attr);
    if (value === null) return false;
    const i = Number(value);
    return !(i >= from && i < to);
  };
  const take = (records: MutationRecord[]): void => {
    for (const r of records)
      for (const n of Array.from(r.addedNodes)) {
        if (!(n instanceof Element) || n.tagName !== 'SECTION' || !n.isConnected || !outside(n)) continue;
        if (!n.closest('.reveal .slides')) continue;
        removed.push(n);
        n.remove();
      }
  };
  const observer = new MutationObserver(take);
  observer.observe(document, { childList: true, subtree: true });
  const finish = (): void => {
    take(observer.takeRecords());
    observer.disconnect();
    const slides = document.querySelector('.reveal .slides');
    if (!slides) return;
    for (const s of Array.from(slides.querySelectorAll(`section[${attr}]`)))
      if (outside(s)) {
        removed.push(s);
        s.remove();
      }
    for (const stack of Array.from(slides.querySelectorAll(':scope > section'))) {
      if (stack.hasAttribute(attr) || stack.querySelector('section')) continue;
      removed.push(stack);
      stack.remove();
    }
    const away = [...awayIds];
    let held = 0;
    for (const s of Array.from(slides.querySelectorAll(`section[${attr}]`))) if (!outside(s)) held++;
    for (const s of removed) {
      if (s.id) away.push(s.id);
      for (const el of Array.from(s.querySelectorAll('[id]'))) away.push(el.id);
      for (const a of Array.from(s.querySelectorAll('a[href^="#"]'))) awayLinks.push(a.getAttribute('href')!);
    }
    Object.assign(window, { __deckAway: away, __deckAwayLinks: awayLinks, __deckHeld: held });
  };
  if (document.readyState === 'loading') document.addEventListener('readystatechange', finish, { once: true });
  else finish();
}

/**
 * Runs in the page after `pdf-ready`. reveal hides every slide but the current one from
 * assistive technology (aria-hidden, hidden, inert); Chromium tags the PDF from the
 * accessibility tree, so we undo that, or the tagged PDF would only read one slide. reveal's
 * hash links (`#/slide-id`, `#/3/1`) become plain `#slide-id` links, which Chromium turns into
 * working links inside the PDF.
 */
function prepareForPrint({
  total,
  links,
  slide,
  attr,
  before,
}: SlideNames & { total: number; links: Record<string, string>; before: number }): LayoutReport {
  for (const el of document.querySelectorAll('.reveal .slides, .reveal .slides section, .reveal .pdf-page')) {
    el.removeAttribute('aria-hidden');
    el.removeAttribute('hidden');
    el.removeAttribute('inert');
  }
  // reveal's print CSS forces `padding: 0` and `display: block` on every slide (with !important),
  // which drops the theme's margins and a flex-centred title slide. Read what the author's CSS
  // gives without reveal's print rules and put it back inline, so the PDF shows what the
  // audience saw. Measured on empty shallow clones (same attributes, same place): for the laid-out
  // sections themselves Chromium kept reporting the print rule's 0px once the class was off.
  const printed = [...document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page > section')];
  const probes = printed.map((s) => {
    const probe = s.cloneNode(false) as HTMLElement;
    s.after(probe);
    return probe;
  });
  const html = document.documentElement;
  html.classList.remove('reveal-print');
  const wanted = probes.map((p) => {
    const cs = getComputedStyle(p);
    return { display: cs.display, padding: cs.padding };
  });
  html.classList.add('reveal-print');
  for (const p of probes) p.remove();
  printed.forEach((s, i) => {
    const w = wanted[i];
    if (!w) return;
    if (w.display !== 'none' && w.display !== 'block') s.style.setProperty('display', w.display, 'important');
    s.style.setProperty('padding', w.padding, 'important');
  });
  // The live region repeats the current slide's text: one more copy in the PDF's text and tags.
  for (const el of document.querySelectorAll('.reveal .aria-status, .reveal .speaker-notes-pdf')) el.remove();
  for (const el of document.querySelectorAll('.reveal .slide-number-pdf, .reveal .slide-background'))
    el.setAttribute('aria-hidden', 'true');
  // reveal prints a bare counter; the screen shows "3 / 17" (slideNumber "c/t"): print that.
  const format = window.Reveal?.getConfig().slideNumber;
  if (format === 'c/t' || format === true) {
    for (const n of document.querySelectorAll<HTMLElement>('.reveal .pdf-page > .slide-number-pdf')) {
      const index = n.parentElement?.querySelector(slide)?.getAttribute(attr);
      if (index) n.textContent = `${Number(index) + 1} / ${total}`;
    }
  } else if (before > 0) {
    // Any other format prints reveal's running count, which starts again at 1 in a part.
    for (const n of document.querySelectorAll<HTMLElement>('.reveal .pdf-page > .slide-number-pdf'))
      n.textContent = (n.textContent ?? '').replace(/^\d+/, (d) => String(Number(d) + before));
  }
  const plainHash = (href: string): string => {
    let id = links[href];
    if (id === undefined) {
      try {
        id = decodeURIComponent(href.slice(2));
      } catch {
        id = href.slice(2);
      }
    }
    return id ? `#${id}` : href;
  };
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.reveal a[href^="#/"]')) {
    // A link to no known slide still loses its `/`, so Chromium never makes it a link to the file.
    a.setAttribute('href', plainHash(a.getAttribute('href') ?? ''));
  }
  // Links to slides printed in another part: Chromium drops a link whose target is not in the
  // document, so each such target gets an empty stand-in, out of the reading order.
  const away = new Set((window as unknown as { __deckAway?: string[] }).__deckAway ?? []);
  const stubs: string[] = [];
  const firstPage = document.querySelector('.reveal .slides > .pdf-page');
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.reveal a[href^="#"]')) {
    let id = a.getAttribute('href')!.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // kept as written
    }
    if (!away.has(id) || document.getElementById(id) || !firstPage) continue;
    const stub = document.createElement('div');
    stub.id = id;
    stub.setAttribute('aria-hidden', 'true');
    stub.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px;';
    firstPage.append(stub);
    stubs.push(id);
  }
  // Chromium writes a named destination only for a target some link in the document points to:
  // the targets here of links printed in other parts get a link that is never drawn.
  const linkedFrom = (window as unknown as { __deckAwayLinks?: string[] }).__deckAwayLinks ?? [];
  for (const href of new Set(linkedFrom.map((h) => (h.startsWith('#/') ? plainHash(h) : h)))) {
    const a = document.createElement('a');
    a.href = href;
    a.style.display = 'none';
    a.setAttribute('aria-hidden', 'true');
    document.body.append(a);
  }
  const pages: PrintedPage[] = [];
  // reveal sets the body to one page's size and each .pdf-page to (page height - 1) × pages.
  const pageHeight = Number.parseFloat(document.body.style.height) || 720;
  for (const p of document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page')) {
    const section = p.querySelector(slide);
    if (!section) continue;
    pages.push({
      slide: Number(section.getAttribute(attr)),
      span: Math.max(1, Math.round(p.offsetHeight / pageHeight)),
    });
  }
  const broken: { slide: number; url: string }[] = [];
  for (const img of document.querySelectorAll<HTMLImageElement>('.reveal img')) {
    if (img.complete && img.naturalWidth === 0) {
      const section = img.closest('.pdf-page')?.querySelector(slide);
      broken.push({ slide: Number(section?.getAttribute(attr) ?? -1), url: img.currentSrc || img.src });
    }
  }
  const held = (window as unknown as { __deckHeld?: number }).__deckHeld;
  return { pages, broken, stubs, held: typeof held === 'number' ? held : null };
}

/** Runs in the page when the layout did not finish: the first slide reveal did not place, and images still loading. */
function diagnoseStall({ slide, attr }: SlideNames): {
  unplaced: number | null;
  loading: { slide: number; url: string }[];
} {
  const unplaced = document.querySelector(`.reveal .slides ${slide}:not(.pdf-page section)`);
  const loading: { slide: number; url: string }[] = [];
  for (const img of document.querySelectorAll<HTMLImageElement>('.reveal img')) {
    if (!img.complete) loading.push({ slide: Number(img.closest(slide)?.getAttribute(attr) ?? -1), url: img.src });
  }
  return { unplaced: unplaced ? Number(unplaced.getAttribute(attr)) : null, loading };
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  } catch {
    return url;
  }
}

/**
 * A new tab that records what goes wrong while the deck loads (script errors, requests for its
 * own files that failed; files on other sites are watched apart, see remote-assets.ts), with
 * `prelude` run before any page script and `timeoutMs` as its default timeout. `tab`: a new
 * tab, still blank, to use instead of opening one.
 */
export async function openWatchedPage(
  browser: Browser,
  timeoutMs: number,
  options: { prelude?: string; offlineStrict?: boolean; tab?: Page } = {},
): Promise<{ page: Page; errors: string[]; failed: string[]; remote: RemoteRequests }> {
  const { prelude = NAME_SHIM, offlineStrict = false } = options;
  const page = options.tab ?? (await browser.newPage());
  const errors: string[] = [];
  const failed: string[] = [];
  // With offlineStrict a remote file is an error anyway: no need to wait for it.
  const remote = new RemoteRequests(page, offlineStrict ? 1 : remoteWaitMs(timeoutMs));
  page.on('pageerror', (err) => errors.push(err instanceof Error ? err.message : String(err)));
  page.on('requestfailed', (req) => {
    if (!req.url().startsWith('data:') && !remote.isRemote(req.url())) failed.push(req.url());
  });
  page.setDefaultTimeout(timeoutMs);
  await page.evaluateOnNewDocument(`${LOAD_FLAG}\n${prelude}`);
  return { page, errors, failed, remote };
}

/**
 * Answers the tab's request for the page at `url` with `html` instead of the file, once, through
 * the DevTools protocol's request interception: the address stays the page's own, so its scripts,
 * styles, images and links resolve as they do for the built page. Every other request goes on.
 */
async function serveDocument(page: Page, url: string, html: string): Promise<void> {
  const session = await page.createCDPSession();
  const body = Buffer.from(html, 'utf8').toString('base64');
  session.on('Fetch.requestPaused', (event: Protocol.Fetch.RequestPausedEvent) => {
    const answer =
      event.request.url === url
        ? session.send('Fetch.fulfillRequest', {
            requestId: event.requestId,
            responseCode: 200,
            responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
            body,
          })
        : session.send('Fetch.continueRequest', { requestId: event.requestId });
    answer.catch(() => {}); // the tab closed meanwhile: nothing to answer
    if (event.request.url === url) session.send('Fetch.disable').catch(() => {});
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document' }] });
}

/**
 * Opens the built deck's print layout in a new tab and waits until reveal has laid out every
 * slide (`pdf-ready`), fonts are loaded and every image has arrived. A slide whose image is
 * missing, a script error or a layout that does not finish within `timeoutMs` is an
 * ExportError naming the slide.
 */
export async function openPrintLayout(
  browser: Browser,
  siteDir: string,
  deck: DeckJson,
  options: {
    fragments: boolean;
    timeoutMs: number;
    offlineStrict?: boolean;
    only?: SlideRange;
    /** With `only`: the page to load in place of the built one, holding only the range's slides. */
    document?: PartDocument;
    /** A new tab, still blank, to lay the deck out in (else one is opened). */
    tab?: Page;
  },
): Promise<PrintLayout> {
  const { only, document: served } = options;
  const away = JSON.stringify([served?.awayIds ?? [], served?.awayLinks ?? []]).slice(1, -1);
  const { page, errors, failed, remote } = await openWatchedPage(browser, options.timeoutMs, {
    prelude: only
      ? `${PRELUDE}\n(${keepOnlySlides.toString()})(${only.from}, ${only.to}, ${JSON.stringify(SLIDE_INDEX_ATTR)}, ${away});`
      : PRELUDE,
    offlineStrict: options.offlineStrict,
    tab: options.tab,
  });
  const seconds = `${Number((options.timeoutMs / 1000).toFixed(2))} s`;
  const url = printUrl(siteDir, options.fragments);
  try {
    if (only && served) await serveDocument(page, url, served.html);
    await loadDeckPage(page, url, options.timeoutMs);
    await page.waitForFunction('window.__deckPdfReady === true', { timeout: options.timeoutMs, polling: 50 });
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    // The print layout asks for the page backgrounds anew: remote ones get their wait too.
    await remote.settled(options.timeoutMs);
  } catch (err) {
    if (!(err instanceof Error && err.name === 'TimeoutError')) throw err;
    const stall = await page.evaluate(diagnoseStall, SLIDE_NAMES).catch(() => ({ unplaced: null, loading: [] }));
    const waiting = stall.loading[0];
    const slide = slideRef(deck, waiting?.slide ?? stall.unplaced ?? -1);
    const why = waiting
      ? `${fileName(waiting.url)} was still loading`
      : errors[0]
        ? `the page threw “${errors[0]}”`
        : 'reveal did not finish the print layout';
    throw new ExportError(`the print layout did not finish within ${seconds}: ${why}`, slide);
  }
  if (errors.length > 0) throw new ExportError(`the page threw “${errors[0]}” while laying out the deck for print`);
  const report = await page.evaluate(prepareForPrint, {
    ...SLIDE_NAMES,
    total: deck.slides.length,
    links: slideLinkTable(deck.slides),
    before: only?.from ?? 0,
  });
  // A remote file the author named (an image, a background, an iframe) may be unreachable where the
  // export runs: the deck prints without it and the warning names it, unless offlineStrict.
  for (const img of report.broken.filter((b) => remote.isRemote(b.url))) remote.noteBroken(img.url);
  const brokenImage = report.broken.find((b) => !remote.isRemote(b.url));
  if (brokenImage)
    throw new ExportError(`image ${fileName(brokenImage.url)} did not load`, slideRef(deck, brokenImage.slide));
  const warnings = await remoteWarnings(page, deck, remote, options.offlineStrict ?? false);
  for (const url of failed) {
    const slide = slideRef(deck, await page.evaluate(slideLoadingUrl, url, SLIDE_NAMES));
    // A file a slide shows is an error; one no slide uses (a favicon) only a warning.
    if (slide) throw new ExportError(`${fileName(url)} did not load (${url})`, slide);
    warnings.push(`${fileName(url)} did not load (${url}); no slide uses it`);
  }
  if (report.pages.length === 0) throw new ExportError('reveal laid out no slides for print');
  const overflowing = report.pages.filter((p) => p.span > 1).map((p) => p.slide);
  return {
    page,
    pages: report.pages,
    overflowing: [...new Set(overflowing)],
    warnings,
    stubs: report.stubs,
    ...(only && report.held !== null ? { held: report.held } : {}),
  };
}

/** PDF page (0-based) where each slide first appears, from the layout pages in order. */
export function firstPageOfSlides(pages: readonly PrintedPage[]): Map<number, number> {
  const first = new Map<number, number>();
  let at = 0;
  for (const p of pages) {
    if (!first.has(p.slide)) first.set(p.slide, at);
    at += p.span;
  }
  return first;
}

/** Total PDF pages of a layout. */
export function pageCount(pages: readonly PrintedPage[]): number {
  return pages.reduce((n, p) => n + p.span, 0);
}

import type { Browser, HTTPRequest, Page, Viewport } from 'puppeteer-core';
import { NAME_SHIM, READY_EVENT, SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import { slideLoadingUrl } from '../contract/in-page.ts';
import { classifyUrl, slideFromStack, type SectionLines } from './locate.ts';
import type { SmokeCheck } from './types.ts';

/** reveal's position: h, v and, on a slide with fragments, the last fragment shown (-1 for none). */
export interface RevealIndices {
  h: number;
  v: number;
  f?: number;
}

/** `window` as the checks see it inside the page: the contract declares `window.Reveal` (src/contract/page.ts). */
export type DeckWindow = Window;

/** A problem the page reported on its own (error, failed or foreign request), before it is made a failure. */
export interface PageProblem {
  check: SmokeCheck;
  where: string;
  slide: number | null;
  expected: string;
  found: string;
  /** Same problem seen again (another load of the same page) is reported once. */
  key: string;
}

export interface DeckPageOptions {
  /** "http" or "file://": folded into messages and keys. */
  label: string;
  /** URL every deck file lives under, ending in "/". */
  base: string;
  sections: readonly SectionLines[];
  report(problem: PageProblem): void;
  /** The browser's own request for /favicon.ico: a note, not a deck failure. */
  onFavicon(url: string): void;
  /** Remote URLs the deck's stylesheets load (remote.ts): files the author named, as a slide's are. */
  cssRemoteUrls: ReadonlySet<string>;
  /**
   * Remote URLs already looked up in a page, with the slide naming them (-1: none), shared by the
   * tabs: a tab that moves on before its lookup finishes (the phone sizes) uses what another found.
   */
  remoteLookups: Map<string, number>;
  /** A file on another site is an error even when the deck names it (`--offline-strict`). */
  offlineStrict: boolean;
  /** A remote file the deck names was asked for (and blocked): a warning, once per URL. */
  onRemote(url: string, slide: number | null): void;
}

/**
 * One browser tab on the deck, watching everything the page reports: page errors, console
 * errors, failed requests, requests out of the deck's folder. Problems carry the check running
 * and the slide shown at the time, so they can be reported as failures of that slide.
 */
export class DeckPage {
  /** The check running now, for problems the page reports. */
  check: SmokeCheck = 'start';
  /** What is going on, for messages: "loading", "print layout (?print-pdf)"… */
  where = 'loading';
  /** 0-based slide shown, or null while loading. */
  slide: number | null = null;
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    readonly page: Page,
    private readonly options: DeckPageOptions,
  ) {}

  static async create(browser: Browser, options: DeckPageOptions, viewport: Viewport): Promise<DeckPage> {
    const page = await browser.newPage();
    const deckPage = new DeckPage(page, options);
    await page.setViewport(viewport);
    await page.evaluateOnNewDocument(NAME_SHIM);
    await page.setRequestInterception(true);
    deckPage.listen();
    return deckPage;
  }

  private problem(found: string, expected: string, key: string, slide: number | null = this.slide): void {
    this.options.report({
      check: this.check,
      where: `${this.options.label}, ${this.where}`,
      slide,
      expected,
      found,
      key: `${this.options.label}|${key}`,
    });
  }

  private listen(): void {
    const { page, options } = this;
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      const kind = classifyUrl(url, options.base);
      if (kind === 'other-origin') {
        // Blocked whatever it is: the smoke test never depends on the network, and proves the deck does not.
        void request.abort('blockedbyclient').catch(() => undefined);
        const method = request.method();
        this.track(this.otherOrigin(url, method));
        return;
      }
      void request.continue().catch(() => undefined);
    });
    page.on('pageerror', (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error));
      const slide = slideFromStack(err.stack ?? '', page.url(), options.sections) ?? this.slide;
      this.problem(
        `page error: ${err.message}${err.stack ? `\n${indentStack(err.stack)}` : ''}`,
        'no page errors',
        `pageerror|${err.message}`,
        slide,
      );
    });
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // Failed loads are reported once, by the request handlers below, with their URL.
      if (text.startsWith('Failed to load resource')) return;
      const at = message.location();
      const line = at.lineNumber !== undefined ? at.lineNumber + 1 : undefined;
      const where = at.url ? ` (at ${at.url}${line !== undefined ? `:${line}` : ''})` : '';
      const slide =
        at.url && line !== undefined ? slideFromStack(`${at.url}:${line}:1`, page.url(), options.sections) : null;
      this.problem(`console error: ${text}${where}`, 'no console errors', `console|${text}`, slide ?? this.slide);
    });
    page.on('requestfailed', (request) => {
      const url = request.url();
      const reason = request.failure()?.errorText ?? 'failed';
      if (
        reason.includes('ERR_BLOCKED_BY_CLIENT') ||
        (reason.includes('ERR_ABORTED') && classifyUrl(url, options.base) === 'other-origin') ||
        // reveal unloads a background iframe when its slide is left, aborting the frame's load.
        (reason.includes('ERR_ABORTED') &&
          request.frame() !== page.mainFrame() &&
          request.resourceType() === 'document')
      )
        return;
      this.failedRequest(url, reason);
    });
    page.on('response', (response) => {
      const status = response.status();
      const url = response.url();
      if (status < 400) {
        if (classifyUrl(url, options.base) === 'outside' && !isFavicon(url))
          this.failedRequest(url, `${status}, but outside the deck's folder`);
        return;
      }
      if (isFavicon(url) && response.request().resourceType() === 'other') {
        options.onFavicon(url);
        return;
      }
      this.failedRequest(url, `HTTP ${status}`);
    });
  }

  /**
   * Watches a window the deck opened (the speaker view) for errors. Its frames load the deck
   * again, so the deck's own errors are the same problems and are reported once.
   */
  watchPopup(popup: Page): void {
    popup.on('pageerror', (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.problem(`page error in the speaker view: ${message}`, 'no page errors', `pageerror|${message}`, null);
    });
    popup.on('console', (message) => {
      if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
      this.problem(
        `console error in the speaker view: ${message.text()}`,
        'no console errors',
        `console|${message.text()}`,
        null,
      );
    });
  }

  /** A request to another site: a warning when the deck's author named the file, else an error. */
  private async otherOrigin(url: string, method: string): Promise<void> {
    const { remoteLookups } = this.options;
    const named = await this.page.evaluate(slideLoadingUrl, url, SLIDE_NAMES).then(
      (index) => {
        remoteLookups.set(url, index);
        return index;
      },
      () => remoteLookups.get(url) ?? -1,
    );
    const written = named >= 0 || this.options.cssRemoteUrls.has(url);
    const slide = named >= 0 ? named : written ? null : this.slide;
    if (written && !this.options.offlineStrict) {
      this.options.onRemote(url, slide);
      return;
    }
    this.problem(
      `${method} ${url} (blocked by the smoke test)${written ? `: a remote file ${slide === null ? "the deck's CSS" : 'the slide'} names` : ''}`,
      written
        ? 'no request to another site (--offline-strict): the deck must work offline, from its own files'
        : 'no request to another origin: the deck must work offline (nothing in the deck names this URL)',
      `origin|${url}`,
      slide,
    );
  }

  private failedRequest(url: string, reason: string): void {
    const outside =
      classifyUrl(url, this.options.base) === 'outside'
        ? ` — outside the deck's folder ${this.options.base}: use a relative URL`
        : '';
    this.track(
      this.urlSlide(url).then((slide) =>
        this.problem(
          `request failed: ${url} (${reason})${outside}`,
          'every request to succeed',
          `request|${url}`,
          slide,
        ),
      ),
    );
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** The slide holding an element that refers to `url` (img, video, background…), else the slide shown. */
  private async urlSlide(url: string): Promise<number | null> {
    try {
      const index = await this.page.evaluate(slideLoadingUrl, url, SLIDE_NAMES);
      return index >= 0 ? index : this.slide;
    } catch {
      return this.slide;
    }
  }

  /** Waits until every problem seen so far has been attributed to its slide. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /**
   * Opens `url` and waits for the deck's `deck:ready` event (or its flag, when the event has
   * already fired), never a fixed sleep. Returns null when ready, else what went wrong.
   */
  async open(url: string, timeoutMs: number): Promise<string | null> {
    this.slide = null;
    try {
      await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    } catch (err) {
      return `the page did not load: ${err instanceof Error ? err.message : String(err)}`;
    }
    return this.waitReady(timeoutMs);
  }

  /** Resolves on `deck:ready` (or at once if it has fired); null when ready, else the reason. */
  async waitReady(timeoutMs: number): Promise<string | null> {
    const ready = await this.page
      .evaluate(
        (ms: number, event: string) =>
          new Promise<boolean>((resolve) => {
            if (document.documentElement.dataset.deckReady === 'true') resolve(true);
            document.addEventListener(event, () => resolve(true), { once: true });
            setTimeout(() => resolve(document.documentElement.dataset.deckReady === 'true'), ms);
          }),
        timeoutMs,
        READY_EVENT,
      )
      .catch(() => false);
    if (!ready) {
      const state = await this.page
        .evaluate(() => {
          const reveal = window.Reveal as Window['Reveal'] | undefined;
          return reveal
            ? `window.Reveal exists, isReady() = ${String(reveal.isReady?.())}`
            : 'window.Reveal is undefined: the deck script did not run';
        })
        .catch(() => 'the page is gone');
      return `no deck:ready event within ${Number((timeoutMs / 1000).toFixed(1))} s (${state})`;
    }
    this.slide = (await this.indicesSlide()) ?? 0;
    return null;
  }

  async indices(): Promise<RevealIndices> {
    return this.page.evaluate(() => window.Reveal.getIndices());
  }

  /** The 0-based slide shown (from the section reveal marks present). */
  async indicesSlide(): Promise<number | null> {
    return this.page
      .evaluate(({ slide, attr }: SlideNames) => {
        const present = document.querySelectorAll(`.reveal .slides ${slide}.present`);
        const last = present[present.length - 1];
        return last ? Number(last.getAttribute(attr)) : null;
      }, SLIDE_NAMES)
      .catch(() => null);
  }

  async close(): Promise<void> {
    await this.settle();
    await this.page.close().catch(() => undefined);
  }
}

function isFavicon(url: string): boolean {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

function indentStack(stack: string): string {
  return stack
    .split('\n')
    .slice(1, 4)
    .map((l) => `      ${l.trim()}`)
    .join('\n');
}

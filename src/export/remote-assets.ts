/**
 * Files a deck names on other sites (a remote image, background, video or iframe), as a tab of
 * the export loads them. The export runs where the network may be slow, closed or missing: such a
 * file gets a bounded wait, then the tab stops waiting for it and prints without it; the caller
 * warns with each URL and its slide (or, with --offline-strict, stops).
 *
 * Why stop the loading rather than just not wait for it: reveal lays the deck out for print only
 * after the window's `load` event, and an image or iframe that never answers holds that event
 * back for ever. So once only remote requests are left and each has had its wait, the tab's
 * loading is stopped (the browser's Stop button: those requests end as aborted), and the `load`
 * event the page then never gets is dispatched for it.
 */
import type { Browser, CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { slideLoadingUrl } from '../contract/in-page.ts';
import { SLIDE_NAMES } from '../contract/dom.ts';
import { slideRef, type DeckJson } from '../model.ts';
import { describeSlide, ExportError } from './errors.ts';

/** The longest a remote file may take to arrive before the export goes on without it. */
export const REMOTE_WAIT_MS = 5_000;

/** The wait for remote files within a step of `timeoutMs`: 5 s, or a quarter of the step when that is shorter. */
export function remoteWaitMs(timeoutMs: number): number {
  return Math.max(1, Math.min(REMOTE_WAIT_MS, Math.round(timeoutMs / 4)));
}

/** A file on another site than the page's own (any web address when the page is a file). */
export function isRemoteUrl(url: string, pageUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (!/^(https?|wss?):$/.test(target.protocol)) return false;
  try {
    return target.origin !== new URL(pageUrl).origin;
  } catch {
    return true;
  }
}

/** A remote file that did not load, and how. */
export interface RemoteMiss {
  url: string;
  /** "did not load within 5 s", "answered 404 Not Found", "failed (net::ERR_CONNECTION_REFUSED)". */
  reason: string;
}

/** How long the page must have asked for nothing new before its loading may be stopped. */
const QUIET_MS = 500;

/** Runs before any page script: tells whether the window's `load` event has happened. */
export const LOAD_FLAG = `window.addEventListener('load', () => { window.__deckLoaded = true; });`;

/** Addresses that did not answer in a browser: its later tabs do not wait for them again. */
const silentIn = new WeakMap<Browser, Set<string>>();

/**
 * Watches one tab's requests to other sites, and stops the tab's loading once every request still
 * pending is a remote one that has had its wait (or one that already did not answer in an earlier
 * tab). Local files always get to finish: a stop would cut them off too.
 */
export class RemoteRequests {
  /** Remote files that did not load, by URL, in the order met. */
  readonly misses = new Map<string, RemoteMiss>();
  /** Remote files that did load. */
  readonly loaded = new Set<string>();
  readonly #pendingRemote = new Map<HTTPRequest, number>();
  readonly #pendingLocal = new Set<HTTPRequest>();
  readonly #silent: Set<string>;
  readonly #timer: NodeJS.Timeout;
  #busy = false;
  #lastRequestAt = 0;
  #session: CDPSession | null = null;

  constructor(
    private readonly page: Page,
    /** How long a remote request may stay unanswered. */
    readonly waitMs: number,
  ) {
    const browser = page.browser();
    this.#silent = silentIn.get(browser) ?? new Set();
    silentIn.set(browser, this.#silent);
    page.on('request', (req) => {
      this.#lastRequestAt = performance.now();
      // The page's own document is never remote, whatever the tab showed before it.
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) return;
      if (this.isRemote(req.url())) this.#pendingRemote.set(req, performance.now());
      // A local video may keep its request open while it buffers: it does not hold the others back.
      else if (req.resourceType() !== 'media' && !req.url().startsWith('data:')) this.#pendingLocal.add(req);
    });
    page.on('requestfinished', (req) => {
      this.#pendingLocal.delete(req);
      if (!this.#pendingRemote.delete(req)) return;
      const response = req.response();
      if (response && response.status() >= 400)
        this.#miss(req.url(), `answered ${response.status()} ${response.statusText()}`.trim());
      else if (response && response.status() < 300) this.loaded.add(req.url());
    });
    page.on('requestfailed', (req) => {
      this.#pendingLocal.delete(req);
      if (!this.#pendingRemote.delete(req)) return;
      this.#miss(req.url(), `failed (${req.failure()?.errorText ?? 'no answer'})`);
    });
    this.#timer = setInterval(() => void this.#stopIfOnlyOverdue(), 100);
    this.#timer.unref();
    const end = () => {
      clearInterval(this.#timer);
      browser.off('disconnected', end);
      void this.#session?.detach().catch(() => {});
    };
    page.once('close', end);
    // A browser closed with its tabs open never says so per tab.
    browser.once('disconnected', end);
  }

  /** Whether a request goes to another site than the page's. */
  isRemote(url: string): boolean {
    return isRemoteUrl(url, this.page.url());
  }

  /** Resolves once no remote request is pending (each ends, or is stopped after its wait). */
  async settled(timeoutMs: number): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (this.#pendingRemote.size > 0 && performance.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** A remote picture the page shows broken although its request ended well (not a picture, say). */
  noteBroken(url: string): void {
    this.loaded.delete(url);
    this.#miss(url, 'did not load');
  }

  /** A stopped request reports failing as aborted: the first reason recorded is kept. */
  #miss(url: string, reason: string): void {
    if (!this.misses.has(url)) this.misses.set(url, { url, reason });
  }

  /**
   * True when the only requests pending are remote ones past their wait, and the page has asked
   * for nothing new for a moment: a stop aborts every request in flight, and one the page has
   * just made (its event not here yet) must not be cut off with them.
   */
  #onlyOverdue(): boolean {
    if (this.#pendingRemote.size === 0 || this.#pendingLocal.size > 0 || this.page.isClosed()) return false;
    const now = performance.now();
    if (now - this.#lastRequestAt < QUIET_MS) return false;
    return [...this.#pendingRemote].every(([req, since]) => now - since >= this.waitMs || this.#silent.has(req.url()));
  }

  async #stopIfOnlyOverdue(): Promise<void> {
    if (this.#busy || !this.#onlyOverdue()) return;
    this.#busy = true;
    try {
      this.#session ??= await this.page.createCDPSession();
      // Stopping while the document is still being parsed would cut the page short.
      if ((await this.page.evaluate(() => document.readyState)) === 'loading') return;
      // Checked again: the page may have asked for more while we were away.
      if (!this.#onlyOverdue()) return;
      const seconds = Number((this.waitMs / 1000).toFixed(2));
      for (const req of this.#pendingRemote.keys()) {
        this.#silent.add(req.url());
        this.#miss(req.url(), `did not load within ${seconds} s`);
      }
      await this.#session.send('Page.stopLoading');
      // A stopped document is complete but never fires `load`, which reveal's print layout waits for.
      await this.page.evaluate(() => {
        const w = window as unknown as { __deckLoaded?: boolean };
        if (!w.__deckLoaded && document.readyState === 'complete') window.dispatchEvent(new Event('load'));
      });
    } catch {
      // The tab closed or navigated meanwhile: nothing left to stop.
    } finally {
      this.#busy = false;
    }
  }
}

/**
 * Opens `url` in the tab and resolves once it has loaded, also when a remote file never answers
 * (the watch stops its loading after the wait and gives the page its `load` event). Needs
 * LOAD_FLAG in the tab's prelude. A page that does not load within `timeoutMs` rejects with
 * puppeteer's TimeoutError.
 */
export async function loadDeckPage(page: Page, url: string, timeoutMs: number): Promise<void> {
  const navigation = page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  // Settled either way below; once the flag is up, the navigation's own end no longer matters.
  navigation.catch(() => {});
  const loaded = page.waitForFunction('window.__deckLoaded === true', { timeout: timeoutMs, polling: 50 });
  loaded.catch(() => {});
  // The navigation ends with the load event, or when the watch stops the loading (it then
  // dispatches the event itself); the flag is for a navigation puppeteer still waits on (a frame).
  await Promise.race([navigation, loaded]);
}

/**
 * What became of the remote files a tab asked for: one warning per file that did not load,
 * naming its URL and slide. With `offlineStrict` any remote file, loaded or not, is an
 * ExportError listing them all: the deck must print from its own files.
 */
export async function remoteWarnings(
  page: Page,
  deck: DeckJson,
  remote: RemoteRequests,
  offlineStrict: boolean,
): Promise<string[]> {
  // In slide order, each with the slide that names it (none for a file no slide names).
  const placed = async (urls: Iterable<string>) => {
    const found = await Promise.all(
      [...urls].map(async (url) => ({
        url,
        index: await page.evaluate(slideLoadingUrl, url, SLIDE_NAMES).catch(() => -1),
      })),
    );
    return found
      .sort((a, b) => (a.index < 0 ? Infinity : a.index) - (b.index < 0 ? Infinity : b.index))
      .map(({ url, index }) => {
        const slide = slideRef(deck, index);
        return { url, on: slide ? ` on ${describeSlide(slide)}` : '' };
      });
  };
  if (offlineStrict) {
    const urls = [...new Set([...remote.misses.keys(), ...remote.loaded])];
    if (urls.length === 0) return [];
    const listed = (await placed(urls)).map(({ url, on }) => `${url}${on}`);
    throw new ExportError(
      `the deck loads ${urls.length === 1 ? 'a file' : `${urls.length} files`} from other sites, which --offline-strict forbids: ${listed.join('; ')}. Copy ${urls.length === 1 ? 'it' : 'them'} into the deck's folder and name ${urls.length === 1 ? 'it' : 'them'} by a relative path`,
    );
  }
  return (await placed(remote.misses.keys())).map(({ url, on }) => {
    const { reason } = remote.misses.get(url)!;
    return `remote ${fileName(url)} ${reason} (${url})${on}; printed without it`;
  });
}

/** The last part of a URL's path, for messages. */
export function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}

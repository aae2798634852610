import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statfsSync } from 'node:fs';
import os from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { Browser, ConnectionTransport } from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../chromium/args.ts';
import { BrowserNotFoundError, findBrowser } from '../chromium/find-browser.ts';
import { makeProfileDir, noteSocketDir, removeProfile } from '../chromium/profile.ts';
import { trackTemporary } from './atomic-write.ts';
import { EnvironmentError } from './errors.ts';

/** A browser whose launch began before it was needed: taken once, or discarded. */
export interface EarlyBrowser {
  /** The launched browser; whoever takes it closes it. */
  take(): Promise<Browser>;
  /** Closes the browser unless it was taken (a failed build); never throws. */
  discard(): Promise<void>;
  /** Its profile folder when the browser made one of its own (spawnEarly), for the export to remove. */
  profile?: string;
}

/** The browser's path, or an EnvironmentError (exit 3) that says how to get one. */
export function locateBrowser(find: () => { executablePath: string } = findBrowser): string {
  try {
    return find().executablePath;
  } catch (err) {
    if (err instanceof BrowserNotFoundError)
      throw new EnvironmentError(
        `${err.message}\n  for the export: PUPPETEER_EXECUTABLE_PATH=/path/to/chrome npm run export`,
      );
    // PUPPETEER_EXECUTABLE_PATH (or CHROME_PATH) points nowhere: also the machine, not the deck.
    throw new EnvironmentError(err instanceof Error ? err.message : String(err));
  }
}

/** Free space a RAM file system must have to take a profile (Chromium writes a few megabytes to it). */
const RAM_PROFILE_MIN_FREE = 256 * 1024 * 1024;

/**
 * Where the export's Chromium keeps its throwaway profile: on Linux the RAM file system
 * /dev/shm when it is writable and roomy, else the temp folder. Chromium writes and syncs a
 * hundred-odd files into a new profile as it starts, and removing them from a disk under load
 * took 0.2 to 0.4 s at the end of every export; in RAM it takes about 10 ms.
 */
export function profileRoot(): string {
  const shm = '/dev/shm';
  if (process.platform === 'linux') {
    try {
      accessSync(shm, constants.W_OK);
      const fs = statfsSync(shm);
      if (fs.bavail * fs.bsize >= RAM_PROFILE_MIN_FREE) return shm;
    } catch {
      // no such file system here
    }
  }
  return os.tmpdir();
}

/** Ends a browser's process group (puppeteer and spawnEarly both make Chromium its leader). */
function killGroup(child: ChildProcess | null | undefined): void {
  const pid = child?.pid;
  if (!pid) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-pid, 'SIGKILL'); // Chromium's helpers can outlive it by a moment
  } catch {
    // the group is already gone
  }
}

/**
 * Starts launching the browser now, so that Chromium's start-up overlaps the work before the
 * first print (loading the build tools, the Vite build): on two cores Node's build and
 * Chromium's start each keep one busy. A failed launch surfaces when the browser is taken.
 */
export function launchEarly(launch: () => Promise<Browser>): EarlyBrowser {
  const launching = launch();
  launching.catch(() => {}); // reported by take(); not an unhandled rejection meanwhile
  let taken = false;
  return {
    take() {
      taken = true;
      return launching;
    },
    async discard() {
      if (taken) return;
      taken = true;
      const browser = await launching.catch(() => null);
      if (!browser) return;
      await browser.close().catch(() => {});
      killGroup(browser.process());
    },
  };
}

/**
 * Flags for the export's browser on top of CHROMIUM_ARGS, which make it fewer processes: each
 * Chromium process maps the same 0.1–0.2 GB of its binary, counted again in every process's
 * resident size. The GPU process (software only: the GPU is off) and the network service run
 * inside the browser process; one renderer serves every tab of the deck's own files (without
 * the limit Chromium keeps a spare one warm beside it); and no window starts a hidden renderer
 * for its address bar's suggestions. At 1,000 slides this took the process tree's summed
 * resident size from 1.3 GB to 0.94 GB; the PDFs and pictures come out the same.
 */
export const EXPORT_CHROMIUM_ARGS = [
  '--in-process-gpu',
  '--renderer-process-limit=1',
  '--enable-features=NetworkServiceInProcess2',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/**
 * The command line puppeteer's launch gives headless Chrome (its ChromeLauncher.defaultArgs,
 * then our flags and the export's, then the debugging pipe), so that a browser spawned before
 * puppeteer is loaded is the same browser; a test holds the two equal. Puppeteer joins the
 * features the export enables and disables into its own lists.
 */
export function chromiumCommandLine(userDataDir: string): string[] {
  return [
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-infobars',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--enable-automation',
    '--export-tagged-pdf',
    '--force-color-profile=srgb',
    '--generate-pdf-document-outline',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
    '--enable-features=PdfOopif,NetworkServiceInProcess2',
    `--user-data-dir=${userDataDir}`,
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...CHROMIUM_ARGS,
    '--in-process-gpu',
    '--renderer-process-limit=1',
    '--remote-debugging-pipe',
  ];
}

/** The DevTools protocol over Chromium's pipe (fd 3 in, fd 4 out): messages ended by a NUL byte. */
function pipeTransport(write: Writable, read: Readable): ConnectionTransport {
  let pending: Buffer[] = [];
  const transport: ConnectionTransport = {
    send(message) {
      write.write(message);
      write.write('\0');
    },
    close() {
      read.removeAllListeners('data');
    },
  };
  read.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    if (chunk.indexOf(0) === -1) return;
    const all = Buffer.concat(pending);
    let start = 0;
    for (let end = all.indexOf(0); end !== -1; end = all.indexOf(0, start)) {
      const message = all.toString('utf8', start, end);
      // As puppeteer's own pipe does: each message in its own turn of the event loop.
      setImmediate(() => transport.onmessage?.(message));
      start = end + 1;
    }
    pending = start >= all.length ? [] : [all.subarray(start)];
  });
  read.on('close', () => transport.onclose?.());
  read.on('error', () => {});
  write.on('error', () => {});
  return transport;
}

/** Rejects when Chromium ends (or cannot be spawned) before it was connected to. */
function endedEarly(child: ChildProcess): Promise<never> {
  return new Promise((_, reject) => {
    child.once('error', reject);
    child.once('exit', () => reject(new Error(howItEnded(child) ?? 'it ended')));
  });
}

/** "it ended before it was ready (exit code 1)" once Chromium's process has ended; null while it runs. */
function howItEnded(child: ChildProcess): string | null {
  if (child.signalCode) return `it ended before it was ready (killed by ${child.signalCode})`;
  if (child.exitCode !== null) return `it ended before it was ready (exit code ${child.exitCode})`;
  return null;
}

/**
 * Spawns Chromium at once, before puppeteer (a fifth of a second to load) is even imported, so
 * that the two start together; puppeteer then connects over the debugging pipe when the
 * browser is taken. The browser is puppeteer's as if it had launched it: `process()` is the
 * Chromium process, pages answer dialogs (chromium/dialogs.ts). However this process ends,
 * Chromium's process group is killed first and the profile folder removed after.
 */
export function spawnEarly(executablePath: string): EarlyBrowser {
  const profile = makeProfileDir(profileRoot());
  trackTemporary(profile, removeProfile);
  const child = spawn(executablePath, chromiumCommandLine(profile), {
    detached: process.platform !== 'win32', // its own process group, ended as one
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const ended = endedEarly(child);
  ended.catch(() => {});
  // Before the exit hook that removes the profile (atomic-write.ts): Chromium must be gone first.
  const killOnExit = () => killGroup(child);
  process.prependListener('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  const connect = async (): Promise<Browser> => {
    const [{ default: puppeteer }, { answerDialogs }] = await Promise.all([
      import('puppeteer-core'),
      import('../chromium/dialogs.ts'),
    ]);
    const transport = pipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const browser = await Promise.race([
      puppeteer.connect({ transport, defaultViewport: { width: 800, height: 600 } }),
      ended,
    ]);
    // A connected browser has no process of its own to puppeteer; this one has, and closeAll ends its group.
    Object.defineProperty(browser, 'process', { value: () => child, configurable: true });
    noteSocketDir(profile);
    const newPage = browser.newPage.bind(browser);
    browser.newPage = async (...args: Parameters<Browser['newPage']>) => {
      const page = await newPage(...args);
      await answerDialogs(page);
      return page;
    };
    return browser;
  };
  const connecting = connect().catch(async (err: unknown) => {
    // The pipe closes a moment before the process is reaped: wait for that moment, briefly, to say how it ended.
    if (child.exitCode === null && child.signalCode === null && child.pid)
      await new Promise((resolve) => {
        child.once('exit', resolve);
        setTimeout(resolve, 1000).unref();
      });
    killGroup(child);
    const why = howItEnded(child) ?? (err instanceof Error ? err.message : String(err));
    throw new EnvironmentError(`the browser at ${executablePath} did not start: ${why}`);
  });
  connecting.catch(() => {}); // reported by take()
  let taken = false;
  return {
    profile,
    take() {
      taken = true;
      return connecting;
    },
    async discard() {
      if (taken) return;
      taken = true;
      const browser = await connecting.catch(() => null);
      await browser?.close().catch(() => {});
      killGroup(child);
    },
  };
}

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where a browser came from, for messages. */
export interface FoundBrowser {
  executablePath: string;
  source: 'env' | 'system' | 'puppeteer-cache' | 'apt-get';
}

/** No browser could be found or installed: a problem of the machine (exit code 3 in the commands' table). */
export class BrowserNotFoundError extends Error {
  constructor(first = 'No Chrome or Chromium found.') {
    super(
      [
        first,
        'Install one, e.g. on Debian/Ubuntu: sudo apt-get install chromium',
        '  (macOS: install Google Chrome; Windows: install Google Chrome or Edge-based Chromium)',
        'or point the deck at one: PUPPETEER_EXECUTABLE_PATH=/path/to/chrome npm test',
      ].join('\n'),
    );
    this.name = 'BrowserNotFoundError';
  }
}

const ENV_VARS = ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH', 'CHROMIUM_PATH'] as const;

/** Usual install paths of Chrome and Chromium on Linux, macOS and Windows. */
export function systemBrowserPaths(platform = process.platform, env = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [
      path.join(r, 'Google/Chrome/Application/chrome.exe'),
      path.join(r, 'Chromium/Application/chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

/** Newest Chrome in puppeteer's cache (~/.cache/puppeteer), if any was ever downloaded there. */
function puppeteerCacheBrowser(env: NodeJS.ProcessEnv): string | null {
  const cache = env.PUPPETEER_CACHE_DIR ?? path.join(env.HOME ?? os.homedir(), '.cache', 'puppeteer');
  for (const product of ['chrome', 'chrome-headless-shell']) {
    const dir = path.join(cache, product);
    if (!existsSync(dir)) continue;
    for (const build of readdirSync(dir).sort().reverse()) {
      const base = path.join(dir, build);
      for (const sub of readdirSync(base)) {
        for (const exe of [
          'chrome',
          'chrome-headless-shell',
          'chrome.exe',
          'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        ]) {
          const p = path.join(base, sub, exe);
          if (existsSync(p)) return p;
        }
      }
    }
  }
  return null;
}

function isDebianLike(): boolean {
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** As Playwright's `install --with-deps` does: on a Debian/Ubuntu machine where we are root (CI, containers). */
function installWithApt(log: (line: string) => void): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !isDebianLike()) return null;
  log("deck: no Chrome or Chromium found; installing Debian's chromium with apt-get (running as root)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
      : update;
  if (install.status !== 0) return null;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** Where findBrowser looks; defaults are this machine's. Tests pass their own. */
export interface FindBrowserOptions {
  env?: NodeJS.ProcessEnv;
  /** Install Debian's chromium as root on Debian/Ubuntu when nothing is found. @default true, or DECK_BROWSER_INSTALL=0 */
  install?: boolean;
  log?: (line: string) => void;
}

/**
 * Finds a browser: an environment variable, then a system Chrome/Chromium, then puppeteer's
 * cache; as root on Debian/Ubuntu it installs Debian's chromium; otherwise it throws
 * BrowserNotFoundError, whose message says how to get one. DECK_BROWSER_PATHS (a path list)
 * replaces the usual system paths, for unusual installs.
 */
export function findBrowser(options: FindBrowserOptions = {}): FoundBrowser {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  for (const name of ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (existsSync(value)) return { executablePath: value, source: 'env' };
    throw new BrowserNotFoundError(`${name} is set to ${value}, which does not exist: fix or unset it.`);
  }
  const candidates =
    env.DECK_BROWSER_PATHS !== undefined
      ? env.DECK_BROWSER_PATHS.split(path.delimiter).filter(Boolean)
      : systemBrowserPaths(process.platform, env);
  const system = candidates.find((p) => existsSync(p));
  if (system) return { executablePath: system, source: 'system' };
  const cached = puppeteerCacheBrowser(env);
  if (cached) return { executablePath: cached, source: 'puppeteer-cache' };
  if ((options.install ?? env.DECK_BROWSER_INSTALL !== '0') === true) {
    const installed = installWithApt(log);
    if (installed) return { executablePath: installed, source: 'apt-get' };
  }
  throw new BrowserNotFoundError();
}

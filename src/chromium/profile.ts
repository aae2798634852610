/**
 * Chromium's throwaway profile folders: made for one browser, and removed with what that
 * browser made for them outside the profile. No puppeteer here: the export's early spawn uses it.
 */
import { lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROFILE_PREFIX } from './args.ts';
import { isAlive } from './process-alive.ts';

/**
 * The folder Chromium makes in its temp folder for the profile's single-instance socket, named
 * by its brand and six random characters (`org.chromium.Chromium.AbC123`, `.com.google.Chrome.x1y2z3`).
 */
const SOCKET_DIR = /^\.?(?:org\.chromium\.Chromium|com\.google\.Chrome(?:\.[A-Za-z]+)*)\.[A-Za-z0-9]{6}$/;

/** What Chromium puts in that folder; anything else there and the folder is not only its own. */
const SOCKET_DIR_ENTRIES = new Set(['SingletonSocket', 'SingletonCookie']);

/** A new profile folder in `root`, named for this process, so that a later run can tell when its owner is gone. */
export function makeProfileDir(root = os.tmpdir()): string {
  return mkdtempSync(path.join(root, `${PROFILE_PREFIX}${process.pid}-`));
}

/** True for a folder Chromium made for a profile's socket, holding nothing but its socket files (or nothing). */
function isSocketDir(dir: string): boolean {
  if (!path.isAbsolute(dir) || !SOCKET_DIR.test(path.basename(dir))) return false;
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) return false;
    return readdirSync(dir).every((name) => SOCKET_DIR_ENTRIES.has(name));
  } catch {
    return false; // already gone
  }
}

/**
 * The folder the profile's `SingletonSocket` link points into, when it is one Chromium made for
 * this profile and holds nothing but its socket files; else null. Chromium removes the folder
 * itself when it shuts down politely, but not when it is killed, and we kill it (the export ends
 * its process group at once, a signal ends the run): the link, in a folder only we write to, is
 * what tells us which of the temp folder's many `org.chromium.Chromium.*` is ours.
 */
export function socketDirOf(profile: string): string | null {
  let target: string;
  try {
    target = readlinkSync(path.join(profile, 'SingletonSocket'));
  } catch {
    return null; // no link: Chromium never started, or cleaned up after itself
  }
  if (path.basename(target) !== 'SingletonSocket') return null;
  const dir = path.dirname(target);
  return isSocketDir(dir) ? dir : null;
}

/** Socket folders read from running browsers' profiles: see noteSocketDir. */
const noted = new Map<string, string>();

/**
 * Notes the socket folder of a browser that has started with this profile. A browser shutting
 * down removes the profile's link before the folder, and one killed in between (a polite close
 * cut short) would leave a folder nothing points to any more; removeProfile removes it too.
 */
export function noteSocketDir(profile: string): void {
  const dir = socketDirOf(profile);
  if (dir) noted.set(profile, dir);
}

/**
 * Removes a profile folder we made and the socket folder its browser made for it (read before
 * the profile goes, since the link is in the profile). Throws when the profile itself resists
 * (a browser still flushing into it), so that a caller can try again at exit.
 */
export function removeProfile(profile: string): void {
  const remembered = noted.get(profile);
  noted.delete(profile);
  const socketDir = socketDirOf(profile) ?? (remembered && isSocketDir(remembered) ? remembered : null);
  if (socketDir) {
    try {
      rmSync(socketDir, { recursive: true, force: true });
    } catch {
      // left to the OS's temp clean-up: never fail a run over it
    }
  }
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/** removeProfile, best effort: never lets clean-up crash a run. */
export function removeProfileQuietly(profile: string): void {
  try {
    removeProfile(profile);
  } catch {
    // left for the OS's temp clean-up
  }
}

/**
 * Removes the profile folders in `root` left by runs that were killed outright (their pid is
 * gone), each with its socket folder. Returns the names removed.
 */
export function removeStaleProfiles(root = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^deck-(?:export-)?chromium-(\d+)-/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    removeProfileQuietly(path.join(root, name));
    removed.push(name);
  }
  return removed;
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  makeProfileDir,
  noteSocketDir,
  removeProfile,
  removeStaleProfiles,
  socketDirOf,
} from '../../src/chromium/profile.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A profile as a killed Chromium leaves it: its SingletonSocket link points into a folder beside it. */
function killedProfile(root: string, socketDirName = 'org.chromium.Chromium.Ab12Cd', profile = makeProfileDir(root)) {
  const socketDir = path.join(root, socketDirName);
  mkdirSync(socketDir);
  writeFileSync(path.join(socketDir, 'SingletonSocket'), '');
  symlinkSync('1234567890', path.join(socketDir, 'SingletonCookie'));
  mkdirSync(path.join(profile, 'Default'));
  symlinkSync(path.join(socketDir, 'SingletonSocket'), path.join(profile, 'SingletonSocket'));
  symlinkSync('host-123', path.join(profile, 'SingletonLock'));
  return { profile, socketDir };
}

/** A pid no process has any more: a child that has already ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('removeProfile', () => {
  it('removes the profile and the socket folder its browser made for it', () => {
    const root = tempDir('deck-profile-');
    const { profile, socketDir } = killedProfile(root);
    expect(socketDirOf(profile)).toBe(socketDir);
    removeProfile(profile);
    expect(readdirSync(root)).toEqual([]);
  });

  it('knows the folder names of other Chromium builds (Chrome, Chrome for Testing)', () => {
    for (const name of ['.com.google.Chrome.x1Y2z3', 'com.google.Chrome.for.Testing.abcDEF']) {
      const root = tempDir('deck-profile-');
      const { profile } = killedProfile(root, name);
      removeProfile(profile);
      expect(readdirSync(root), name).toEqual([]);
    }
  });

  it('leaves a folder the link points to that is not named as Chromium names its socket folder', () => {
    const root = tempDir('deck-profile-');
    const { profile, socketDir } = killedProfile(root, 'my-socket-folder');
    expect(socketDirOf(profile)).toBeNull();
    removeProfile(profile);
    expect(readdirSync(root)).toEqual([path.basename(socketDir)]);
  });

  it('leaves a socket-named folder that holds anything besides the socket files', () => {
    const root = tempDir('deck-profile-');
    const { profile, socketDir } = killedProfile(root);
    writeFileSync(path.join(socketDir, 'notes.txt'), 'not Chromium’s');
    removeProfile(profile);
    expect(readdirSync(root)).toEqual([path.basename(socketDir)]);
    expect(readdirSync(socketDir)).toContain('notes.txt');
  });

  it('removes the socket folder noted while the browser ran, when its shutdown removed the link and was cut short', () => {
    const root = tempDir('deck-profile-');
    const { profile } = killedProfile(root);
    noteSocketDir(profile);
    // Chromium unlinks the profile's links first, the folder last; killed in between, this is what is left.
    unlinkSync(path.join(profile, 'SingletonSocket'));
    removeProfile(profile);
    expect(readdirSync(root)).toEqual([]);
  });

  it('removes a profile whose browser cleaned up after itself (no link)', () => {
    const root = tempDir('deck-profile-');
    const profile = makeProfileDir(root);
    writeFileSync(path.join(profile, 'Local State'), '{}');
    removeProfile(profile);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('removeStaleProfiles', () => {
  it("removes a dead run's profile with its socket folder, and keeps a live one's and what is not ours", () => {
    const root = tempDir('deck-profile-');
    const stale = path.join(root, `deck-chromium-${deadPid()}-aBcDeF`);
    mkdirSync(stale);
    killedProfile(root, 'org.chromium.Chromium.stale1', stale);
    const live = killedProfile(root, 'org.chromium.Chromium.live12');
    mkdirSync(path.join(root, 'org.chromium.Chromium.other1')); // another browser's: no profile of ours points to it
    expect(removeStaleProfiles(root)).toEqual([path.basename(stale)]);
    expect(readdirSync(root).sort()).toEqual(
      [path.basename(live.profile), 'org.chromium.Chromium.live12', 'org.chromium.Chromium.other1'].sort(),
    );
  });
});

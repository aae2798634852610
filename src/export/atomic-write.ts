import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Temporary files and folders of this process: removed when the process exits, however it
 * exits (an error, Ctrl-C through the launcher's handlers), so an interrupted export leaves
 * neither half-written files nor litter.
 */
const pending = new Set<string>();
/** How to remove a path that takes more than deleting it (a browser's profile): see trackTemporary. */
const removers = new Map<string, (p: string) => void>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of pending) {
      try {
        // Writes already handed to libuv's thread pool go on while exit hooks run, so a folder
        // can gain a file while it is being removed (ENOTEMPTY): retry a few times, briefly.
        const remove = removers.get(p);
        if (remove) remove(p);
        else rmSync(p, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      } catch {
        // a browser still shutting down may hold its profile: never fail the exit over it
      }
    }
  });
}

/**
 * Registers a path to delete if the process exits before `forgetTemporary(p)`; with `remove`
 * (which throws when the path resists) when more than the path must go, as with a profile.
 */
export function trackTemporary(p: string, remove?: (p: string) => void): void {
  installExitHook();
  pending.add(p);
  if (remove) removers.set(p, remove);
}

export function forgetTemporary(p: string): void {
  pending.delete(p);
  removers.delete(p);
}

/** A sibling name for a temporary file: same folder, so that rename() is atomic. */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes a file atomically: into a temporary sibling, flushed to disk, then renamed over the
 * target. Readers see the old file or the new one, never half of one, and a failure leaves the
 * old file as it was.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = temporaryName(file);
  trackTemporary(tmp);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    forgetTemporary(tmp);
  }
}

/** Removes a temporary folder now if it can, else leaves it to the exit hook. */
export function removeTemporary(p: string): void {
  try {
    const remove = removers.get(p);
    if (remove) remove(p);
    else rmSync(p, { recursive: true, force: true, maxRetries: 3 });
    forgetTemporary(p);
  } catch {
    // still in use: the exit hook tries again
  }
}

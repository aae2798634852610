import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Every file (and symlink) of a folder, recursively, with its bytes: proves that a failed run changed nothing. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, file);
    if (entry.isSymbolicLink()) out.set(rel, `-> ${readlinkSync(file)}`);
    else if (entry.isFile()) out.set(rel, readFileSync(file).toString('base64'));
    else if (entry.isDirectory()) out.set(`${rel}/`, '');
  }
  return out;
}

/** Our working folders and temporary files left in a folder (staging, previous, *.tmp). */
export function stagingLeftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^\.deck-(staging|previous)-|\.tmp$|\.export-\d+$|\.previous-\d+$/.test(f));
}

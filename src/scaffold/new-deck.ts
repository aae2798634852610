import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The starter deck's files: beside this module in src/, or in src/ beside lib/ when run compiled. */
export const templateDir = [path.join(here, 'template'), path.resolve(here, '../../src/scaffold/template')].find(
  (dir) => existsSync(path.join(dir, 'talk.md')),
)!;

/** Why a folder cannot take a new deck. */
export class FolderNotEmptyError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'FolderNotEmptyError';
  }
}

/**
 * Writes a starter deck into `dir` (created if missing): front matter with every key explained,
 * a title slide, a slide with a fragment, an image, two citations with their CSL-JSON
 * bibliography and a Works Cited slide. Refuses a folder that already holds anything, so it
 * never overwrites someone's work. Returns the files written, relative to `dir`.
 */
export function scaffoldDeck(dir: string): string[] {
  const target = path.resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new FolderNotEmptyError(target, 'it is a file, not a folder');
    if (readdirSync(target).length > 0)
      throw new FolderNotEmptyError(target, 'it is not empty, and a new deck never overwrites files');
  }
  mkdirSync(target, { recursive: true });
  cpSync(templateDir, target, { recursive: true, errorOnExist: true, force: false });
  // npm leaves .gitignore files out of packages, so the template keeps it without its dot.
  renameSync(path.join(target, 'gitignore'), path.join(target, '.gitignore'));
  return readdirSync(target, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(target, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

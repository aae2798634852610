import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where a deck's markdown is, and the folder its build, public files and messages belong to. */
export interface DeckLocation {
  /** The deck's home: `dist/` and `public/` are found here, and error positions are relative to it. */
  projectDir: string;
  /** The markdown: a folder (every .md file in it, in name order) or one .md file. Absolute. */
  slidesDir: string;
  /** The built site's default folder: `dist/` in the deck's home. */
  outDir: string;
}

/** The argument names no deck: a usage problem (exit 2), with what was looked for and what to do. */
export class DeckLocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeckLocationError';
  }
}

/** The markdown files of a folder; without README.md when `readme` is false. */
function markdownIn(dir: string, readme = false): string[] {
  return readdirSync(dir).filter(
    (n) => n.endsWith('.md') && !n.startsWith('.') && (readme || n.toLowerCase() !== 'readme.md'),
  );
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function at(projectDir: string, slidesDir: string): DeckLocation {
  return { projectDir, slidesDir, outDir: path.join(projectDir, 'dist') };
}

/**
 * Finds the deck an argument names, relative to `cwd`:
 * - a `.md` file: that file alone, built into `dist/` beside it;
 * - a folder holding `slides/` (this repository's layout; the default when no argument is given):
 *   its `slides/`, built into its `dist/`;
 * - a folder named `slides` holding markdown: the same, seen from inside (the folder around it is the home);
 * - any other folder holding markdown (what `deck new` makes, or a repository whose talk is its
 *   README.md): a deck on its own, built into its own `dist/`.
 */
export function locateDeck(arg: string | undefined, cwd: string = process.cwd()): DeckLocation {
  const given = path.resolve(cwd, arg ?? '.');
  const shown = arg ?? '.';
  if (!existsSync(given)) {
    throw new DeckLocationError(
      `${shown}: no such file or folder. Pass a deck folder or a markdown file, or start one with \`deck new ${shown}\``,
    );
  }
  if (statSync(given).isFile()) {
    if (!given.endsWith('.md'))
      throw new DeckLocationError(`${shown} is not a markdown file (.md): pass the deck's .md file or its folder`);
    return at(path.dirname(given), given);
  }
  const inner = path.join(given, 'slides');
  // slides/ is the deck when the folder holds no markdown of its own but its README (the
  // project's), even when slides/ holds only a README.md: that one is the talk.
  if (isDir(inner) && markdownIn(inner, true).length > 0 && markdownIn(given).length === 0) return at(given, inner);
  // A README.md beside slides/ is the project's; alone, it is the deck (many repos keep their talk there).
  if (markdownIn(given, true).length > 0) {
    return path.basename(given) === 'slides' ? at(path.dirname(given), given) : at(given, given);
  }
  throw new DeckLocationError(
    arg === undefined
      ? `no deck here: ${cwd} holds neither slides/ nor any .md file. Pass a deck folder or a markdown file, or start one with \`deck new my-talk\``
      : `${shown} is not a deck: it holds no .md file${isDir(inner) ? ' (and its slides/ holds none either)' : ''}. Start one with \`deck new <folder>\`, or pass the folder that holds your slides`,
  );
}

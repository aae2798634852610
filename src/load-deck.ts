import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileDeck, type CompileHost, type CompileMemo, type CompileResult, type SourceFile } from './compile.ts';
import { DeckError } from './errors.ts';
import { positionAt } from './parse/position.ts';
import { highlightThemeNames } from './theme-files.ts';

export interface LoadOptions {
  /** Project root; paths in the model and in errors are relative to it. @default process.cwd() */
  root?: string;
  /** Maps a local asset (project-relative path of an existing file) to the URL the page uses. */
  assetUrl?: (projectPath: string) => string;
  /** Warnings become errors. @default false */
  strict?: boolean;
  /** An earlier compile's memo, by the same engine (see compileDeck). */
  memo?: CompileMemo;
}

/** Posix, project-relative: the form every position and model path takes. */
function rel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/** Decodes UTF-8 strictly, so a Latin-1 file is an error at its first bad byte, not mojibake. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let good = 0;
    for (let end = bytes.length; good < end;) {
      const mid = Math.ceil((good + end) / 2);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid));
        good = mid;
      } catch {
        end = mid - 1;
      }
    }
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, good));
    const pos = positionAt(file, prefix, prefix.length, 1);
    throw new DeckError(
      'NOT_UTF8',
      pos,
      `file is not UTF-8 (bad byte 0x${bytes[good]?.toString(16).padStart(2, '0')}): save it as UTF-8 in your editor`,
    );
  }
}

function isInside(child: string, dir: string): boolean {
  const r = path.relative(dir, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** True when the deck is one markdown file rather than a folder of them. */
export function isSingleFile(slidesDir: string): boolean {
  return existsSync(slidesDir) && statSync(slidesDir).isFile();
}

/**
 * The slide files of a folder (or the one file given), in name order (numbers sort naturally: 2 before 10). A folder
 * named `x.md` is not a slide file; a link is followed only to a file inside the folder.
 */
export function readSlideFiles(slidesDir: string, root: string): SourceFile[] {
  if (!existsSync(slidesDir)) return [];
  const at = (abs: string) => ({ file: rel(root, abs), line: 1, column: 1 });
  const single = isSingleFile(slidesDir);
  if (!single && !statSync(slidesDir).isDirectory())
    throw new DeckError('NO_SLIDE_FILES', at(slidesDir), `${rel(root, slidesDir)} is not a folder of slides`);
  const dir = single ? path.dirname(slidesDir) : slidesDir;
  const realDir = realpathSync(dir);
  const names = single
    ? [path.basename(slidesDir)]
    : readdirSync(slidesDir)
        .filter((n) => n.endsWith('.md') && !n.startsWith('.'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names.flatMap((n) => {
    const abs = path.join(dir, n);
    if (lstatSync(abs).isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(abs);
      } catch {
        throw new DeckError(
          'BROKEN_LINK',
          at(abs),
          `${n} is a symbolic link to ${readlinkSync(abs)}, which does not exist: remove the link or point it at a file`,
        );
      }
      if (!isInside(real, realDir))
        throw new DeckError(
          'OUTSIDE_DECK',
          at(abs),
          `${n} is a link to a file outside the deck's folder: the build reads only files inside ${rel(root, slidesDir) || '.'}/; copy the file there instead of linking to it`,
        );
    }
    if (!statSync(abs).isFile()) return [];
    const file = rel(root, abs);
    return [
      {
        path: file,
        text: decodeUtf8(file, readFileSync(abs))
          .replace(/^\uFEFF/, '')
          .replace(/\r\n?/g, '\n'),
      },
    ];
  });
}

/** The host the compiler uses in Node: reads project files, checks assets exist, follows links. */
export function nodeHost(root: string, assetUrl: (p: string) => string): CompileHost {
  const abs = (p: string) => path.resolve(root, p);
  const isFile = (p: string) => {
    try {
      return statSync(abs(p)).isFile();
    } catch {
      return false; // missing, a dangling link, or a name the file system refuses (a NUL byte)
    }
  };
  // Real paths are compared with the real deck folder, so both are taken from the real root.
  let realRoot: string | undefined;
  return {
    readText: (p) => (isFile(p) ? decodeUtf8(p, readFileSync(abs(p))) : undefined),
    assetUrl: (p) => (isFile(p) ? assetUrl(p) : null),
    realPath: (p) => {
      try {
        realRoot ??= realpathSync(root);
        return rel(realRoot, realpathSync(abs(p)));
      } catch {
        return null;
      }
    },
    exists: isFile,
    highlightThemes: highlightThemeNames,
  };
}

/** Reads a slides folder and compiles it: the one entry point for Node tools and tests. */
export function loadDeck(slidesDir: string, options: LoadOptions = {}): CompileResult {
  const root = path.resolve(options.root ?? process.cwd());
  const dir = path.resolve(root, slidesDir);
  const files = readSlideFiles(dir, root);
  // Paths in the deck (bibliography, images) are relative to the folder of its markdown.
  const folder = isSingleFile(dir) ? path.dirname(dir) : dir;
  return compileDeck(files, nodeHost(root, options.assetUrl ?? ((p) => p)), rel(root, folder) || '.', {
    strict: options.strict ?? false,
    ...(options.memo ? { memo: options.memo } : {}),
  });
}

import { posix as path } from 'node:path';
import { DeckError } from '../errors.ts';
import type { CompileHost } from '../host.ts';
import type { SourcePos } from '../model.ts';

/** The deck's folder (project-relative, e.g. `slides`) and the host that can look inside it. */
export interface DeckFolder {
  dir: string;
  host: CompileHost;
}

function inside(p: string, dir: string): boolean {
  if (path.isAbsolute(p)) return false;
  if (dir === '.' || dir === '') return p !== '..' && !p.startsWith('../');
  return p === dir || p.startsWith(`${dir}/`);
}

/**
 * The one resolver for every file a deck names (images, videos, links, stylesheets, the
 * bibliography, the CSL style): `written` is the path as the author wrote it (already
 * URL-decoded), relative to `fromDir`. A path that leaves the deck's folder, as written or once
 * symbolic links are followed, is refused at `pos`; the build reads and publishes nothing else.
 * Returns the project-relative path; whether a file is there is for the caller to ask the host.
 */
export function resolveDeckPath(deck: DeckFolder, written: string, fromDir: string, pos: SourcePos): string {
  const lexical = path.normalize(path.isAbsolute(written) ? written : path.join(fromDir, written));
  const refuse = (why: string): never => {
    throw new DeckError(
      'OUTSIDE_DECK',
      pos,
      `"${written}" ${why} the deck's folder ${deck.dir}/: the build reads and publishes only files inside it; copy the file into ${deck.dir}/ and give its path from there`,
    );
  };
  if (!inside(lexical, deck.dir)) refuse('is outside');
  const real = deck.host.realPath ? deck.host.realPath(lexical) : lexical;
  if (real === null) return lexical;
  const realDir = deck.host.realPath?.(deck.dir) ?? deck.dir;
  if (!inside(real, realDir)) refuse(`is a link to ${real}, outside`);
  return lexical;
}

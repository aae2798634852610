import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The plan of the house as rules on src/'s import graph, and the code that reads the graph.
 * Floors call only downward (or across their own floor): a lower floor never imports a higher
 * one. The page's runtime (browser/) stands apart: it imports only the page contract, its own
 * files, the theme's CSS and reveal.js, and nothing imports it.
 */
export const FLOORS: readonly (readonly string[])[] = [
  ['cli', 'index.ts'],
  ['export', 'smoke', 'vite', 'present', 'scaffold'],
  ['chromium', 'deck-json-file.ts'],
  ['compile.ts', 'draft.ts', 'finish.ts', 'works-cited.ts', 'load-deck.ts', 'theme-files.ts'],
  ['parse', 'render', 'citations'],
  ['model.ts', 'errors.ts', 'config.ts', 'host.ts', 'mime-types.ts', 'contract'],
];

/**
 * Arrows that are known to go the wrong way and are being moved on another branch; each names
 * where it is going. Remove the line when the move lands: the check then holds it.
 */
export const PENDING_MOVES: ReadonlySet<string> = new Set([]);

/** One import: both ends relative to src/ (`smoke/run.ts`), or a package name for the target. */
export interface ImportEdge {
  from: string;
  to: string;
  /** A file of src/ or a package; when left out, a target in a known part of src/ is a file. */
  kind?: 'file' | 'package';
}

/** Every part of src/ the plan knows. */
const AREAS = new Set([...FLOORS.flat(), 'browser', 'theme', 'index.html']);

/** The part of src/ a file belongs to: its top folder, or the file itself at the top. */
export function areaOf(file: string): string {
  return file.split('/')[0]!;
}

function floorOf(area: string): number {
  return FLOORS.findIndex((floor) => floor.includes(area));
}

/** What the page's runtime may import besides its own files and the contract. */
const PAGE_PACKAGES = /^(reveal\.js(\/|$)|virtual:deck\/)/;

/** Every import that breaks the plan, said as `from -> to: why`. */
export function violations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const { from, to, kind } of edges) {
    const arrow = `${from} -> ${to}`;
    if (PENDING_MOVES.has(arrow)) continue;
    const local = (kind ?? (AREAS.has(areaOf(to)) ? 'file' : 'package')) === 'file';
    const src = areaOf(from);
    const dst = local ? areaOf(to) : null;
    const refuse = (why: string) => out.push(`${arrow}: ${why}`);
    if (src === 'model.ts') {
      refuse('model.ts imports nothing');
      continue;
    }
    if (src === 'contract' || src === 'browser') {
      if (to.startsWith('node:')) refuse(`${src}/ runs in the page: no Node imports`);
      else if (!local && !PAGE_PACKAGES.test(to)) refuse(`${src}/ imports no package but reveal.js`);
      else if (local && src === 'contract' && dst !== 'contract') refuse('contract/ imports only itself');
      else if (local && src === 'browser' && !['browser', 'contract', 'theme'].includes(dst!))
        refuse('browser/ imports only the page contract (and its own files, the theme, reveal.js)');
      continue;
    }
    if (!local) continue;
    if (dst === 'browser') {
      refuse('nothing outside the page imports its runtime (browser/)');
      continue;
    }
    if (dst === src) continue;
    const a = floorOf(src);
    const b = floorOf(dst!);
    if (a < 0) refuse(`${src} is on no floor of the plan: add it to FLOORS`);
    else if (b < 0) refuse(`${dst} is on no floor of the plan: add it to FLOORS`);
    else if (b < a) refuse(`${src} (floor ${a}) imports ${dst} (floor ${b}), a higher floor`);
  }
  return out;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesBelow(path.join(dir, e.name)) : /\.ts$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** The imports of every .ts file below `srcDir` (static, type-only and dynamic), as the compiler reads them. */
export function readImportGraph(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of filesBelow(srcDir)) {
    const from = path.relative(srcDir, file).split(path.sep).join('/');
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) {
        edges.push({ from, to: fileName, kind: 'package' });
        continue;
      }
      const to = path
        .relative(srcDir, path.resolve(path.dirname(file), fileName))
        .split(path.sep)
        .join('/');
      edges.push({ from, to, kind: 'file' });
    }
  }
  return edges;
}

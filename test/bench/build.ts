import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { previousBuild } from '../../src/export/build-stamp.ts';
import { buildSite, prepareOutDir, publishSite, stagingDirFor, type BuildKind } from '../../src/export/site-build.ts';
import { buildDeck } from '../helpers/build-deck.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The talk built as `deck build` builds it, in this process: in full, and after an edit of its
 * text, when Vite's part of the last build is reused (medians of 3, alternating).
 */
async function afterAnEdit(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-edit-'));
  try {
    cpSync(path.join(projectDir, 'slides'), path.join(root, 'slides'), { recursive: true });
    mkdirSync(path.join(root, 'public'));
    const dist = path.join(root, 'dist');
    const talk = path.join(root, 'slides/talk.md');
    const text = readFileSync(talk, 'utf8');
    const build = async (reuse: boolean): Promise<{ ms: number; kind: BuildKind }> => {
      const t0 = performance.now();
      const own = prepareOutDir(root, dist);
      const staging = stagingDirFor(dist);
      const previous = { ...previousBuild(root, dist, 'slides'), outDir: dist };
      const kind = await buildSite(
        root,
        staging,
        () => {},
        'slides',
        false,
        reuse ? previous : { ...previous, stamp: null },
      );
      publishSite(staging, dist, own);
      return { ms: performance.now() - t0, kind };
    };
    await build(false);
    const times: Record<BuildKind, number[]> = { full: [], slides: [] };
    for (let i = 1; i <= 3; i++) {
      for (const reuse of [false, true]) {
        writeFileSync(talk, text.replace('Note:', `Note:\nEdit ${i}${reuse}.`));
        const { ms, kind } = await build(reuse);
        times[kind].push(ms);
      }
    }
    console.log(
      `the talk after an edit of its text (in this process, warm): full build ${(median(times.full) / 1000).toFixed(2)} s, ` +
        `Vite's part reused ${(median(times.slides) / 1000).toFixed(2)} s (${times.slides.length} of 3 reused)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `vite build` of the talk (median of 3) and the size of what the browser downloads. */
export async function run(): Promise<void> {
  await afterAnEdit();
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-build-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await buildDeck({ projectDir, outDir });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `build of the talk: median ${(times[1]! / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; target < 5 s)`,
    );
    const assets = path.join(outDir, 'assets');
    const sum = (ext: RegExp, gz: boolean) =>
      readdirSync(assets)
        .filter((f) => ext.test(f))
        .reduce(
          (n, f) =>
            n +
            (gz
              ? gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length
              : statSync(path.join(assets, f)).size),
          0,
        );
    const html = gzipSync(readFileSync(path.join(outDir, 'index.html')), { level: 9 }).length;
    const jsCss = sum(/\.(js|css)$/, true);
    const fonts = sum(/\.(woff2?|ttf|otf)$/, false);
    console.log(
      `JS+CSS gzipped: ${(jsCss / 1024).toFixed(1)} KB (target ≤ 100 KB); index.html gzipped: ${(html / 1024).toFixed(1)} KB`,
    );
    console.log(`fonts: ${(fonts / 1024).toFixed(1)} KB (woff2, already compressed; target ≤ 60 KB)`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

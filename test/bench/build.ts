import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDeck } from '../helpers/build-deck.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

/** `vite build` of the talk (median of 3) and the size of what the browser downloads. */
export async function run(): Promise<void> {
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

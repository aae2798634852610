import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { syntheticDeck, syntheticRefs } from './synthetic.ts';

const host: CompileHost = {
  readText: (p) => (p.endsWith('refs.json') ? syntheticRefs : undefined),
  assetUrl: (p) => p,
};

function timeCompile(n: number, runs: number): { ms: number; perSlide: number } {
  const text = syntheticDeck(n);
  const files = [{ path: 'slides/talk.md', text }];
  compileDeck(files, host); // warm up: JIT, citeproc's locale and style
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    compileDeck(files, host);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  return { ms, perSlide: ms / n };
}

/** Compile time of synthetic decks of 10, 100 and 1,000 slides, and how it grows. */
export async function run(): Promise<void> {
  const rows = [10, 100, 1000].map((n) => ({ n, ...timeCompile(n, n >= 1000 ? 5 : 15) }));
  console.log('slides   median ms   ms/slide');
  for (const r of rows)
    console.log(`${String(r.n).padStart(6)}   ${r.ms.toFixed(1).padStart(9)}   ${r.perSlide.toFixed(3).padStart(8)}`);
  const [a, , c] = rows;
  const b = rows[1]!;
  // Fixed cost (citation engine, locale) dominates small decks; the marginal cost shows linearity.
  const marginal100 = (b.ms - a!.ms) / 90;
  const marginal1000 = (c!.ms - b.ms) / 900;
  console.log(
    `marginal cost per slide: 10→100 ${marginal100.toFixed(3)} ms, 100→1000 ${marginal1000.toFixed(3)} ms (linear growth: these stay about equal)`,
  );
  console.log(`1,000-slide compile: ${c!.ms.toFixed(0)} ms (target < 1000 ms)`);
}

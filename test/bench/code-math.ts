import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { buildDeck } from '../helpers/build-deck.ts';

const CODE = [
  '```python [1|2-3]\nimport asyncio\nasync def main(n):\n    return await asyncio.sleep(n)\n```',
  '```typescript\nexport function add(a: number, b: number): number {\n  // sum\n  return a + b;\n}\n```',
  '```js [2]\nconst xs = [1, 2, 3];\nconsole.log(xs.map((x) => x * 2));\n```',
];
const MATH = ['$$\n\\hat\\beta = (X^\\top X)^{-1} X^\\top y\n$$', 'So $e^{i\\pi} + 1 = 0$ and \\(\\sum_k k^2\\).'];

/** A deck of `n` slides: code on four slides in five, math on two in five. */
export function codeMathDeck(n: number): string {
  const parts = ['---\ntitle: Code and math\ntheme: black\n---\n'];
  for (let i = 1; i <= n; i++) {
    const code = i % 5 !== 0 ? `\n${CODE[i % CODE.length]}\n` : '';
    const math = i % 5 < 2 ? `\n${MATH[i % MATH.length]}\n` : '';
    parts.push(`${i === 1 ? '' : '---\n'}\n## Slide ${i}\n${code}${math}\nNote: slide ${i}.\n\n`);
  }
  return parts.join('');
}

/** Compile alone and the whole `vite build` of a 1,000-slide deck with code and math. */
export async function run(): Promise<void> {
  const text = codeMathDeck(1000);
  const host: CompileHost = { readText: () => undefined, assetUrl: () => null };
  compileDeck([{ path: 'slides/deck.md', text }], host); // warm up: highlight.js and KaTeX load
  const t0 = performance.now();
  compileDeck([{ path: 'slides/deck.md', text }], host);
  console.log(
    `compile of 1,000 slides (800 code blocks, 400 with math): ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );

  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-code-math-'));
  try {
    mkdirSync(path.join(projectDir, 'slides'));
    writeFileSync(path.join(projectDir, 'slides/deck.md'), text);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await buildDeck({ projectDir, outDir: path.join(projectDir, 'dist') });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const html = statSync(path.join(projectDir, 'dist/index.html')).size;
    console.log(
      `vite build of it: median ${(times[1]! / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; target ≤ 3 s); index.html ${(html / 1e6).toFixed(1)} MB; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    );
  } finally {
    rmSync(projectDir, { recursive: true, force: true });
  }
}

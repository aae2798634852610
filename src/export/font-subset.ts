import { Worker } from 'node:worker_threads';

/**
 * Every character the page can show: the deck's text and notes, and any string its code or
 * styles may insert (menu labels, the speaker view). Union of the code points of `texts`.
 */
export function pageCharacters(...texts: string[]): string {
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) chars.add(ch);
  return [...chars].sort().join('');
}

/**
 * A woff2 font cut down to `characters` (harfbuzz's hb-subset, compiled to wasm), for the
 * single offline file: the deck keeps its typeface and drops the glyphs it never shows.
 */
export async function subsetWoff2(font: Uint8Array, characters: string): Promise<Uint8Array> {
  // Loaded on first use: only the offline page needs it, and its wasm takes a while to start.
  const { default: subsetFont } = await import('subset-font');
  return new Uint8Array(await subsetFont(Buffer.from(font), characters, { targetFormat: 'woff2' }));
}

/**
 * Each font cut down to `characters`, in a worker thread when running compiled (the worker is
 * plain JavaScript beside this file), in this thread when running from the TypeScript sources.
 */
export async function subsetFonts(fonts: readonly Uint8Array[], characters: string): Promise<Uint8Array[]> {
  if (fonts.length === 0) return [];
  if (!import.meta.url.endsWith('.js')) {
    const out: Uint8Array[] = [];
    for (const font of fonts) out.push(await subsetWoff2(font, characters));
    return out;
  }
  const worker = new Worker(new URL('./font-subset-worker.js', import.meta.url), {
    workerData: { fonts, characters },
  });
  try {
    return await new Promise<Uint8Array[]>((resolve, reject) => {
      worker.once('message', (subsets: Uint8Array[]) => resolve(subsets));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the font subsetting worker exited with code ${code}`)));
    });
  } finally {
    void worker.terminate();
  }
}

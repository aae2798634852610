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

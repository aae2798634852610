import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeckJson } from './model.ts';

/**
 * Reads a built deck's `deck.json`, the model export and smoke work from; `missing` makes the
 * caller's own error when the folder lacks `index.html` or `deck.json`.
 */
export function readDeckJson(distDir: string, missing: (file: string) => Error): DeckJson {
  for (const file of ['index.html', 'deck.json']) {
    if (!existsSync(path.join(distDir, file))) throw missing(file);
  }
  return JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where the engine's page template, runtime and theme live (src/), whichever deck is built. Run
 * as compiled JavaScript (lib/vite/), the page's TypeScript and CSS stay in src/ beside lib/:
 * Vite compiles them when it builds a deck.
 */
export const engineDir = [path.resolve(here, '..'), path.resolve(here, '../../src')].find((dir) =>
  existsSync(path.join(dir, 'index.html')),
)!;

import { cpSync } from 'node:fs';
import path from 'node:path';
import { buildDeck } from '../helpers/build-deck.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** Decks made to fail one smoke check each (and `clean`, which passes them all). */
export const SMOKE_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/smoke');

/** Decks written in the styles real reveal-md and reveal.js decks use. */
export const REAL_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/real');

/**
 * Builds `test/fixtures/smoke/<name>` (or the deck folder `from`) as a project of its own in a
 * temp folder: the fixture as `slides/`, and a `public/` holding the icon the page template
 * links to, as a real project has.
 */
export async function buildSmokeFixture(
  name: string,
  from = path.join(SMOKE_FIXTURES, name),
): Promise<{ projectDir: string; distDir: string }> {
  const projectDir = tempDir(`deck-smoke-${name}-`);
  cpSync(from, path.join(projectDir, 'slides'), { recursive: true });
  cpSync(path.join(SMOKE_FIXTURES, '_public'), path.join(projectDir, 'public'), { recursive: true });
  const distDir = path.join(projectDir, 'dist');
  await buildDeck({ projectDir, outDir: distDir });
  return { projectDir, distDir };
}

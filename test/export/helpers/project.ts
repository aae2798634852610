import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp-dir.ts';

/** A fresh temporary project holding a copy of a fixture's slides (not built). */
export function fixtureProject(slidesSource: string): string {
  const projectDir = tempDir('deck-export-');
  cpSync(slidesSource, path.join(projectDir, 'slides'), { recursive: true });
  mkdirSync(path.join(projectDir, 'public'), { recursive: true });
  return projectDir;
}

export const FIXTURE_DECK = path.resolve(import.meta.dirname, '../../fixtures/export/deck');

/** Whitespace (including no-break spaces) collapsed, for comparing titles with PDF text. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

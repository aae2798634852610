import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary project holding a copy of a fixture's slides (not built). */
export function fixtureProject(slidesSource: string): string {
  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'deck-export-'));
  cpSync(slidesSource, path.join(projectDir, 'slides'), { recursive: true });
  mkdirSync(path.join(projectDir, 'public'), { recursive: true });
  return projectDir;
}

export const FIXTURE_DECK = path.resolve(import.meta.dirname, '../../fixtures/export/deck');

/** Whitespace (including no-break spaces) collapsed, for comparing titles with PDF text. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

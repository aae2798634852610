import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DECK, fixtureProject } from './helpers/project.ts';
import { BUILD_CLI, runCli } from './helpers/run-cli.ts';
import { snapshot } from './helpers/snapshot.ts';

/** A project with sources, tests and a git folder besides its slides: everything a careless --out-dir could destroy. */
function fullProject(): string {
  const projectDir = fixtureProject(FIXTURE_DECK);
  for (const d of ['src', 'test', '.git/objects']) mkdirSync(path.join(projectDir, d), { recursive: true });
  writeFileSync(path.join(projectDir, 'src/main.ts'), 'export {};\n');
  writeFileSync(path.join(projectDir, '.git/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(path.join(projectDir, 'package.json'), '{}\n');
  return projectDir;
}

// --only offline needs no browser: these run anywhere, and on the code before the guard they
// replaced the project (exit 0). Each refusal must leave every file of the project as it was.
describe(
  'commands refuse an output folder that overlaps the project (exit 2, nothing changes)',
  { timeout: 60_000 },
  () => {
    const projectDir = fullProject();
    const before = snapshot(projectDir);

    it.each([
      ['.', /is the project folder itself/],
      ['slides', /slides\/ holds your work/],
      ['src', /src\/ holds your work/],
      ['.git', /\.git\/ holds your work/],
      ['public', /public\/ holds your work/],
      ['slides/site', /is inside slides\//],
      ['..', /holds the project folder/],
    ])('export --out-dir %s', async (dir, why) => {
      const r = await runCli(['--out-dir', dir, '--only', 'offline'], { cwd: projectDir });
      expect(r.stderr).toMatch(why);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
      expect(snapshot(projectDir)).toEqual(before);
    });

    it.each([['.'], ['slides'], ['.git'], ['..']])('build --out-dir %s', async (dir) => {
      const r = await runCli(['--out-dir', dir], { cwd: projectDir, cli: BUILD_CLI });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/holds|project folder itself/);
      expect(snapshot(projectDir)).toEqual(before);
    });

    it('a folder of someone else’s files is refused, not emptied', async () => {
      const other = path.join(projectDir, 'papers');
      mkdirSync(other);
      writeFileSync(path.join(other, 'thesis.docx'), 'years of work');
      const r = await runCli(['--out-dir', 'papers', '--only', 'offline'], { cwd: projectDir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('already holds files this tool did not write (thesis.docx)');
      expect(snapshot(other)).toEqual(new Map([['thesis.docx', Buffer.from('years of work').toString('base64')]]));
    });
  },
);

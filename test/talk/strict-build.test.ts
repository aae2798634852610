import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureProject } from '../export/helpers/project.ts';
import { BUILD_CLI, runCli } from '../export/helpers/run-cli.ts';

/** A copy of the talk in a project of its own, as `npm run build` sees it. */
const projectDir = fixtureProject(path.resolve(import.meta.dirname, '../../slides'));
afterAll(() => rmSync(projectDir, { recursive: true, force: true }));

describe('the talk builds strictly on its own', () => {
  it('a typo in its front matter stops `deck build` (no --strict needed): its file:line:column, exit 1', async () => {
    const talk = path.join(projectDir, 'slides/talk.md');
    const lines = readFileSync(talk, 'utf8').split('\n');
    // A misspelt key just below the title, as a hurried edit would leave it.
    lines.splice(2, 0, 'subtitel: A typo');
    writeFileSync(talk, lines.join('\n'));
    const run = await runCli([], { cwd: projectDir, cli: BUILD_CLI });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^slides\/talk\.md:3:1: unknown front-matter key "subtitel".*did you mean "subtitle"/m);
    expect(run.stderr).toContain('(an error because of "strict: true" in slides/talk.md\'s front matter)');
    expect(existsSync(path.join(projectDir, 'dist'))).toBe(false);
  }, 120_000);
});

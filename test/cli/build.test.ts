import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_STAMP_FILE } from '../../src/export/build-stamp.ts';
import { MANIFEST_NAME } from '../../src/export/out-dir.ts';
import { FIXTURE_DECK, fixtureProject } from '../export/helpers/project.ts';
import { BUILD_CLI, runCli } from '../export/helpers/run-cli.ts';
import { snapshot, stagingLeftovers } from '../export/helpers/snapshot.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const build = (projectDir: string, args: string[] = []) => runCli(args, { cwd: projectDir, cli: BUILD_CLI });

/** Bytes a folder takes on a tmpfs: every file rounded up to whole 4 KB pages. */
function pagesBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) total += Math.ceil(statSync(path.join(e.parentPath, e.name)).size / 4096) * 4096;
  return total;
}

/** True when this process may mount a tmpfs (root with CAP_SYS_ADMIN, as in CI's containers). */
function canMount(): boolean {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  const probe = tempDir('deck-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe('npm run build', { timeout: 120_000 }, () => {
  it('builds into dist/ with a manifest, and keeps files of the user’s there', async () => {
    const projectDir = fixtureProject(FIXTURE_DECK);
    const first = await build(projectDir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/built 6 slides · .*\n  into dist\//);
    writeFileSync(path.join(projectDir, 'dist/README.txt'), 'mine');
    const again = await build(projectDir);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(path.join(projectDir, 'dist')).sort()).toEqual(
      // The link preview's picture comes with the build when a browser is at hand (the test suite has one).
      [
        MANIFEST_NAME,
        BUILD_STAMP_FILE,
        'README.txt',
        'assets',
        'deck.json',
        'export-fixture-preview.png',
        'index.html',
      ].sort(),
    );
    expect(stagingLeftovers(path.join(projectDir, 'dist'))).toEqual([]);
  });

  it('after an edit of the slides alone, reuses the page’s code and styles, and builds in full otherwise', async () => {
    const projectDir = fixtureProject(FIXTURE_DECK);
    expect((await build(projectDir)).code).toBe(0);
    const talk = path.join(projectDir, 'slides/talk.md');
    const text = readFileSync(talk, 'utf8');
    writeFileSync(talk, `${text}\n---\n\n## One more slide\n\nNote:\nMore.\n`);
    const edited = await build(projectDir);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toMatch(/built 7 slides · .*the page's code and styles reused from the last build\n/);
    const index = readFileSync(path.join(projectDir, 'dist/index.html'), 'utf8');
    expect(index).toContain('One more slide');
    // The compiled command compiles through its one-file bundle when it is current: the site is
    // still byte for byte a clean build's (the link preview's picture aside).
    const clean = fixtureProject(path.join(projectDir, 'slides'));
    expect((await build(clean)).code).toBe(0);
    const site = (dir: string) =>
      [...snapshot(path.join(dir, 'dist'))].filter(([file]) => !file.endsWith('-preview.png'));
    expect(site(projectDir)).toEqual(site(clean));
    // A stylesheet of the deck is Vite's input: the next build is a full one.
    writeFileSync(path.join(projectDir, 'slides/extra.css'), '.reveal h2 { color: teal; }\n');
    writeFileSync(talk, text.replace(/^---\n/, '---\ncss: extra.css\n'));
    const styled = await build(projectDir);
    expect(styled.code, styled.stderr).toBe(0);
    expect(styled.stdout).toMatch(/built 6 slides · /);
    expect(styled.stdout).not.toContain('reused');
  });

  it('a deck error: file:line:column with its code frame, exit 1, dist/ as it was', async () => {
    const projectDir = fixtureProject(FIXTURE_DECK);
    expect((await build(projectDir)).code).toBe(0);
    const before = snapshot(path.join(projectDir, 'dist'));
    const talk = path.join(projectDir, 'slides/talk.md');
    writeFileSync(talk, '---\ntitle: T\ntheme: blak\n---\n\n# A\n');
    const r = await build(projectDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/slides\/talk\.md:3:\d+: .*theme/);
    expect(r.stderr).toContain('> 3 | theme: blak');
    expect(r.stderr).toContain('the previous build was left as it was');
    expect(snapshot(path.join(projectDir, 'dist'))).toEqual(before);
  });

  describe('on a full disk and a read-only folder (a real tmpfs mounted on dist/)', () => {
    const mountable = canMount();
    let projectDir = '';
    let dist = '';
    let mounted = false;

    beforeAll(async () => {
      if (!mountable) return;
      projectDir = fixtureProject(FIXTURE_DECK);
      // Measure one build, then give dist/ room for one and a half: the first build fits, a second beside it does not.
      const measure = await build(projectDir, ['--out-dir', 'measure']);
      expect(measure.code, measure.stderr).toBe(0);
      const size = Math.ceil((pagesBytes(path.join(projectDir, 'measure')) * 1.5) / 4096) * 4096 + 8192;
      dist = path.join(projectDir, 'dist');
      mkdirSync(dist);
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dist]);
      mounted = true;
    }, 120_000);

    afterAll(() => {
      if (mounted) execFileSync('umount', ['-l', dist]);
      if (projectDir) rmSync(projectDir, { recursive: true, force: true });
    });

    it.skipIf(!mountable)('full disk: says so with the path, exit 3, dist/ exactly as it was', async () => {
      const first = await build(projectDir);
      expect(first.code, first.stderr).toBe(0);
      const before = snapshot(dist);
      // A changed deck, so that nothing of the new build could be the old one's files.
      const extra = path.join(projectDir, 'slides/zz-extra.md');
      writeFileSync(extra, '## One more slide\n\nNote:\nMore.\n');
      const r = await build(projectDir).finally(() => rmSync(extra));
      expect(r.stderr).toMatch(/no space left on the disk while writing \/\S+/);
      expect(r.stderr).toContain('(ENOSPC)');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(3);
      expect(snapshot(dist)).toEqual(before);
      expect(stagingLeftovers(dist)).toEqual([]);
    });

    it.skipIf(!mountable)('read-only: says so with the path, exit 3, dist/ exactly as it was', async () => {
      expect(existsSync(path.join(dist, 'index.html'))).toBe(true);
      const before = snapshot(dist);
      execFileSync('mount', ['-o', 'remount,ro', dist]);
      try {
        const r = await build(projectDir);
        expect(r.stderr).toMatch(/is on a read-only file system/);
        expect(r.stderr).toContain(dist);
        expect(r.code).toBe(3);
        expect(snapshot(dist)).toEqual(before);
      } finally {
        execFileSync('mount', ['-o', 'remount,rw', dist]);
      }
    });

    it.runIf(!mountable && process.getuid?.() !== 0)(
      'read-only without root (no tmpfs): a folder without write permission, exit 3, dist/ as it was',
      async () => {
        const project = fixtureProject(FIXTURE_DECK);
        expect((await build(project)).code).toBe(0);
        const d = path.join(project, 'dist');
        const before = snapshot(d);
        execFileSync('chmod', ['a-w', d]);
        try {
          const r = await build(project);
          expect(r.stderr).toMatch(/no permission to write/);
          expect(r.code).toBe(3);
          expect(snapshot(d)).toEqual(before);
        } finally {
          execFileSync('chmod', ['u+w', d]);
        }
      },
    );
  });
});

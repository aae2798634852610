import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

/** `npm …` in `cwd`; npm's own settings from the outer `npm test` (its prefix, its script) stay out. */
function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return run('npm', args, { cwd, env: { ...env, NO_COLOR: '1' }, maxBuffer: 32 * 1024 * 1024 });
}

let tmp: string;
let app: string;
let tarball: string;

// The packed package, installed into an empty folder the way a user would: its `deck` binary and
// its library, with nothing from this repository's node_modules.
beforeAll(async () => {
  tmp = tempDir('deck-pack-');
  await npm(['pack', '--pack-destination', tmp, '--silent'], root);
  tarball = path.join(tmp, `${pkg.name}-${pkg.version}.tgz`);
  app = path.join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  // From the local npm cache where it has the packages; the registry only for what it lacks.
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
}, 600_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packed tarball, installed into an empty folder', { timeout: 180_000 }, () => {
  it('holds the compiled commands and the page sources, and no tests, talk or TypeScript loader', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    const files = stdout.split('\n');
    for (const f of ['lib/cli/deck.js', 'lib/index.js', 'lib/index.d.ts', 'src/index.html', 'src/browser/main.ts'])
      expect(files).toContain(`package/${f}`);
    expect(files.some((f) => f.startsWith('package/slides/') || f.startsWith('package/test/'))).toBe(false);
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules', pkg.name, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(installed.dependencies)).not.toContain('tsx');
    expect(existsSync(path.join(app, 'node_modules/tsx'))).toBe(false);
  });

  it('npx deck new my-talk && npx deck build my-talk && npx deck export my-talk', async () => {
    await run('npx', ['deck', 'new', 'my-talk'], { cwd: app });
    const built = await run('npx', ['deck', 'build', 'my-talk'], { cwd: app });
    const dist = path.join(app, 'my-talk/dist');
    const deck = JSON.parse(readFileSync(path.join(dist, 'deck.json'), 'utf8')) as DeckJson;
    expect(built.stdout).toContain(`built ${deck.slides.length} slides`);
    await run('npx', ['deck', 'export', 'my-talk'], { cwd: app });
    const names = readdirSync(dist);
    for (const name of [`${deck.slug}.pdf`, `${deck.slug}-handout.pdf`, `${deck.slug}-offline.html`])
      expect(names).toContain(name);
    expect(
      readFileSync(path.join(dist, `${deck.slug}.pdf`))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('imports the library with its types', async () => {
    writeFileSync(
      path.join(app, 'use.ts'),
      [
        `import { compileDeck, type CompileResult } from '${pkg.name}';`,
        `const host = { readText: () => undefined, assetUrl: () => null };`,
        `const result: CompileResult = compileDeck([{ path: 'a.md', text: '# Hi\\n\\nNote:\\nhello' }], host, '.');`,
        `const count: number = result.deck.slides.length;`,
        `console.log(count, result.deck.slides[0]?.title);`,
        `// @ts-expect-error the types say what compileDeck takes`,
        `compileDeck('not files');`,
      ].join('\n'),
    );
    await run(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        'use.ts',
      ],
      { cwd: app },
    );
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { compileDeck } from '${pkg.name}'; const r = compileDeck([{ path: 'a.md', text: '# Hi\\n\\nNote:\\nhello' }], { readText: () => undefined, assetUrl: () => null }, '.'); console.log(r.deck.slides.length, r.deck.slides[0].title);`,
      ],
      { cwd: app },
    );
    expect(stdout.trim()).toBe('1 Hi');
  });
});

import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_STAMP_FILE, previousBuild, readBuildStamp } from '../../src/export/build-stamp.ts';
import { DeckBuildError } from '../../src/export/errors.ts';
import { buildSite, prepareOutDir, publishSite, stagingDirFor, type BuildKind } from '../../src/export/site-build.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * The invariant of the build that reuses Vite's part of the last one: after any edit, what it
 * publishes is byte for byte what a clean full build of the same sources publishes, and an edit
 * that could change Vite's output takes the full build.
 */

let root: string;
let project: string;
let dist: string;
let slidesFile: string;

const dot = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="${fill}"/></svg>`;

function deckText(o: { title?: string; extra?: string; body?: string; theme?: string } = {}): string {
  return (
    `---\ntitle: ${o.title ?? 'Borders'}\nslug: borders\nminutes: 5\ncss: style.css\n${o.theme ? `theme: ${o.theme}\n` : ''}---\n\n` +
    `# Borders\n\n![A dot](img/a.svg)\n\nNote:\nOpening words.\n\n---\n\n` +
    `## Second\n\n- one\n- two <!-- .element: class="fragment" -->\n\nNote:\nSecond words.\n\n` +
    (o.body ?? '') +
    (o.extra ?? '')
  );
}

/** Every file under `dir`: posix path → bytes (as latin1 text, so a difference shows in a diff). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'latin1');
  }
  return out;
}

/** What `deck build` does: the site staged (reusing what it may) and swapped in. */
async function build(strict = false): Promise<{ kind: BuildKind; warnings: string[] }> {
  const own = prepareOutDir(project, dist);
  const staging = stagingDirFor(dist);
  const warnings: string[] = [];
  const previous = { ...previousBuild(project, dist, 'slides'), outDir: dist };
  try {
    const kind = await buildSite(project, staging, (w) => warnings.push(w), 'slides', strict, previous);
    publishSite(staging, dist, own);
    return { kind, warnings };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The result of a clean full build of the project as it is now, built aside; the last build stays in dist/. */
async function cleanBuild(): Promise<{ files: Record<string, string>; warnings: string[]; kind: BuildKind }> {
  const kept = path.join(root, 'kept');
  renameSync(dist, kept);
  try {
    const { kind, warnings } = await build();
    return { files: tree(dist), warnings, kind };
  } finally {
    rmSync(dist, { recursive: true, force: true });
    renameSync(kept, dist);
  }
}

beforeAll(async () => {
  root = tempDir('deck-site-update-');
  project = path.join(root, 'project');
  dist = path.join(project, 'dist');
  slidesFile = path.join(project, 'slides', 'talk.md');
  mkdirSync(path.join(project, 'slides', 'img'), { recursive: true });
  mkdirSync(path.join(project, 'public'), { recursive: true });
  writeFileSync(path.join(project, 'slides', 'img', 'a.svg'), dot('red'));
  writeFileSync(path.join(project, 'slides', 'img', 'b.svg'), dot('blue'));
  writeFileSync(path.join(project, 'slides', 'img', 'c.svg'), dot('green'));
  // An old CSS hack: Vite (Lightning CSS) warns about it, and a reused build must warn too.
  writeFileSync(path.join(project, 'slides', 'style.css'), '.reveal h1 { *zoom: 1; letter-spacing: 0.01em; }\n');
  writeFileSync(slidesFile, deckText());
  const first = await build();
  expect(first.kind).toBe('full');
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const edits: { name: string; kind: BuildKind; edit: () => void }[] = [
  {
    name: 'a change of text',
    kind: 'slides',
    edit: () => writeFileSync(slidesFile, readFileSync(slidesFile, 'utf8').replace('- one', '- one, edited')),
  },
  {
    name: 'a new slide',
    kind: 'slides',
    edit: () => writeFileSync(slidesFile, deckText({ body: '---\n\n## Third\n\nA new slide.\n\n' })),
  },
  {
    name: 'a new file of slides',
    kind: 'slides',
    edit: () => writeFileSync(path.join(project, 'slides', 'zz-more.md'), '## More\n\nFrom a second file.\n'),
  },
  { name: 'a removed slide', kind: 'slides', edit: () => writeFileSync(slidesFile, deckText()) },
  {
    name: 'a change of notes',
    kind: 'slides',
    edit: () => writeFileSync(slidesFile, deckText().replace('Second words.', 'Other words, more of them.')),
  },
  {
    name: 'a vertical slide with a fragment and an image already used',
    kind: 'slides',
    edit: () =>
      writeFileSync(
        slidesFile,
        deckText({ body: '--\n\n## Below\n\n![Again](img/a.svg)\n\n- x <!-- .element: class="fragment" -->\n\n' }),
      ),
  },
  {
    name: 'a new title in the front matter',
    kind: 'full',
    edit: () => writeFileSync(slidesFile, deckText({ title: 'Frontiers' })),
  },
  {
    name: 'the first code block',
    kind: 'full',
    edit: () =>
      writeFileSync(
        slidesFile,
        deckText({ title: 'Frontiers', body: '---\n\n## Code\n\n```python\nprint(1)\n```\n\n' }),
      ),
  },
  {
    name: 'a second code language',
    kind: 'slides',
    edit: () =>
      writeFileSync(
        slidesFile,
        deckText({
          title: 'Frontiers',
          body: '---\n\n## Code\n\n```python\nprint(1)\n```\n\n```rust\nfn main() {}\n```\n\n',
        }),
      ),
  },
  {
    name: 'the first formula',
    kind: 'full',
    edit: () =>
      writeFileSync(slidesFile, deckText({ title: 'Frontiers', body: '---\n\n## Math\n\n$$e^{i\\pi} = -1$$\n\n' })),
  },
  {
    name: 'a new image',
    kind: 'full',
    edit: () => writeFileSync(slidesFile, deckText({ title: 'Frontiers', body: '---\n\n![Blue](img/b.svg)\n\n' })),
  },
  {
    name: 'a new background image',
    kind: 'full',
    edit: () =>
      writeFileSync(
        slidesFile,
        deckText({
          title: 'Frontiers',
          body: '---\n\n![Blue](img/b.svg)\n\n---\n\n<!-- .slide: data-background-image="img/c.svg" -->\n\n## On green\n\n',
        }),
      ),
  },
  {
    name: 'a theme',
    kind: 'full',
    edit: () => writeFileSync(slidesFile, deckText({ title: 'Frontiers', theme: 'dark' })),
  },
  {
    name: 'the deck’s stylesheet',
    kind: 'full',
    edit: () => appendFileSync(path.join(project, 'slides', 'style.css'), '.reveal h2 { color: teal; }\n'),
  },
  {
    name: 'a file in public/',
    kind: 'full',
    edit: () => writeFileSync(path.join(project, 'public', 'robots.txt'), 'User-agent: *\n'),
  },
  {
    name: 'the engine (the stamp’s digest of it no longer matches)',
    kind: 'full',
    edit: () => {
      const file = path.join(dist, BUILD_STAMP_FILE);
      const stamp = JSON.parse(readFileSync(file, 'utf8')) as { site: string };
      writeFileSync(file, JSON.stringify({ ...stamp, site: stamp.site.replace(/^./, (c) => (c === '0' ? '1' : '0')) }));
      writeFileSync(slidesFile, readFileSync(slidesFile, 'utf8').replace('Opening words.', 'Opening words, again.'));
    },
  },
  {
    name: 'a built file altered by hand',
    kind: 'full',
    edit: () => {
      const js = readdirSync(path.join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
      appendFileSync(path.join(dist, 'assets', js), '\n// tampered\n');
      writeFileSync(slidesFile, readFileSync(slidesFile, 'utf8').replace('Opening words', 'First words'));
    },
  },
  {
    name: 'a text change after all that',
    kind: 'slides',
    edit: () => writeFileSync(slidesFile, readFileSync(slidesFile, 'utf8').replace('## Second', '## Second, renamed')),
  },
];

describe('a build after an edit', () => {
  for (const { name, kind, edit } of edits) {
    it(`after ${name}: ${kind === 'slides' ? 'reuses Vite’s part' : 'builds in full'}, and matches a clean build byte for byte`, async () => {
      edit();
      const updated = await build();
      expect(updated.kind).toBe(kind);
      const files = tree(dist);
      const clean = await cleanBuild();
      expect(clean.kind).toBe('full');
      expect(Object.keys(files).sort()).toEqual(Object.keys(clean.files).sort());
      for (const file of Object.keys(clean.files)) expect(files[file], file).toBe(clean.files[file]);
      expect(updated.warnings).toEqual(clean.warnings);
      expect(readBuildStamp(dist)?.vite).not.toBeNull();
    }, 120_000);
  }

  it('warns as a full build does (the deck’s warnings, then Vite’s own)', async () => {
    writeFileSync(slidesFile, deckText());
    const full = await build();
    expect(full.warnings.some((w) => w.includes('lightningcss'))).toBe(true);
    writeFileSync(slidesFile, deckText().replace('css: style.css\n', 'css: style.css\nbogus: 1\n'));
    const { kind, warnings } = await build();
    expect(kind).toBe('slides');
    expect(warnings[0]).toMatch(/^deck: slides\/talk\.md:\d+:1: warning: unknown front-matter key "bogus"/);
    expect(warnings.some((w) => w.includes('lightningcss'))).toBe(true);
  }, 120_000);

  it('in strict mode, stops at a warning with its position and leaves dist/ as it was', async () => {
    const before = tree(dist);
    await expect(build(true)).rejects.toThrow(/^slides\/talk\.md:\d+:1: unknown front-matter key "bogus".*--strict/);
    expect(tree(dist)).toEqual(before);
  }, 120_000);

  it('stops at a deck error with file:line:column and a code frame, leaving dist/ as it was', async () => {
    writeFileSync(slidesFile, deckText({ body: '---\n\n## Cites\n\nSee [@nobody].\n' }));
    const before = tree(dist);
    const err = await build().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeckBuildError);
    expect((err as DeckBuildError).message).toMatch(/^slides\/talk\.md:\d+:5: unknown citation key "@nobody"/);
    expect((err as DeckBuildError).detail).toContain('> ');
    expect(tree(dist)).toEqual(before);
    expect(readdirSync(dist).filter((e) => e.startsWith('.deck-staging'))).toEqual([]);
  }, 120_000);

  it('copies nothing a forged stamp names outside the site', async () => {
    writeFileSync(slidesFile, deckText());
    await build();
    const file = path.join(dist, BUILD_STAMP_FILE);
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as { vite: { files: Record<string, string> } };
    stamp.vite.files['../slides/talk.md'] = 'x';
    writeFileSync(file, JSON.stringify(stamp));
    writeFileSync(slidesFile, deckText().replace('Opening', 'Starting'));
    const { kind } = await build();
    expect(kind).toBe('full');
    expect(Object.keys(tree(dist)).some((f) => f.includes('talk.md'))).toBe(false);
    cpSync(dist, path.join(root, 'after-forged'), { recursive: true });
  }, 120_000);
});

describe('the talk', () => {
  it('after an edit of its text reuses Vite’s part, and matches a clean build byte for byte', async () => {
    const saved = { project, dist, slidesFile };
    try {
      project = path.join(root, 'talk');
      dist = path.join(project, 'dist');
      slidesFile = path.join(project, 'slides', 'talk.md');
      cpSync(path.resolve(import.meta.dirname, '../../slides'), path.join(project, 'slides'), { recursive: true });
      mkdirSync(path.join(project, 'public'));
      expect((await build()).kind).toBe('full');
      writeFileSync(slidesFile, readFileSync(slidesFile, 'utf8').replace('Note:', 'Note:\nA new first line.'));
      expect((await build()).kind).toBe('slides');
      const files = tree(dist);
      const clean = await cleanBuild();
      expect(Object.keys(files).sort()).toEqual(Object.keys(clean.files).sort());
      for (const file of Object.keys(clean.files)) expect(files[file], file).toBe(clean.files[file]);
    } finally {
      ({ project, dist, slidesFile } = saved);
    }
  }, 120_000);
});

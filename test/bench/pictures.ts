import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBrowser } from '../../src/chromium/find-browser.ts';

/**
 * `npm run bench -- pictures`: time and bytes of the slide PNGs and the PowerPoint file, for the
 * talk and for 140 slides, each a whole process from a cold start (spawn to exit, build and
 * browser start included: what a user waits for). Against Marp CLI's `--images png` and `--pptx`
 * on the same slides written as a Marp deck, when `MARP_CLI` names a Marp CLI executable (install
 * it outside the project: `npm install --prefix <tmp> @marp-team/marp-cli`). Printed, never asserted.
 */

const projectDir = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(projectDir, 'node_modules/.bin/tsx');
const EXPORT_CLI = path.join(projectDir, 'src/cli/export.ts');

interface Slide {
  heading: string;
  points: string[];
  notes: string;
}

/** The same slides for both tools: a heading, three points (bold, emphasis, a link) and notes. */
function slides(n: number): Slide[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return {
      heading: `Slide ${i}: a heading of ordinary length`,
      points: [
        `First point with **bold** and *emphasis* on slide ${i}`,
        `Second point with a [link](https://example.org/${i})`,
        'Third point, a line of plain text that a reader takes in at a glance',
      ],
      notes: `This is what the presenter says on slide ${i}. It runs to a few sentences, as real notes do.`,
    };
  });
}

function oursMarkdown(title: string, list: Slide[]): string {
  const body = list.map((s) => `## ${s.heading}\n\n${s.points.map((p) => `- ${p}`).join('\n')}\n\nNote:\n${s.notes}\n`);
  return `---\ntitle: ${title}\nslug: bench\n---\n\n${body.join('\n---\n\n')}`;
}

/** Marp: `marp: true`, slides split by `---`, presenter notes in HTML comments. */
function marpMarkdown(list: Slide[]): string {
  const body = list.map(
    (s) => `## ${s.heading}\n\n${s.points.map((p) => `- ${p}`).join('\n')}\n\n<!--\n${s.notes}\n-->\n`,
  );
  return `---\nmarp: true\n---\n\n${body.join('\n---\n\n')}`;
}

/** Runs a command to its end; resolves with the wall time, or rejects with its output. */
function timedRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} exited ${code}:\n${out.slice(-2000)}`)),
    );
  });
}

function bytesOf(dir: string, pattern: RegExp): { files: number; bytes: number } {
  const files = readdirSync(dir).filter((f) => pattern.test(f));
  return { files: files.length, bytes: files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;

interface Figure {
  ms: number;
  bytes: number;
  files: number;
}

/** Ours: `npm run export -- --only <kind>` in a project holding `markdown` (or the talk). */
async function ours(dir: string, kind: 'png' | 'pptx', scale: 1 | 2, rounds: number): Promise<Figure> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++)
    times.push(await timedRun(TSX, [EXPORT_CLI, '--only', kind, '--scale', String(scale)], dir, process.env));
  const dist = path.join(dir, 'dist');
  const made = kind === 'png' ? bytesOf(dist, /-\d{2,}\.png$/) : bytesOf(dist, /\.pptx$/);
  return { ms: median(times), ...made };
}

async function marp(marpCli: string, dir: string, kind: 'png' | 'pptx', rounds: number): Promise<Figure> {
  const env = { ...process.env, CHROME_PATH: findBrowser({ install: false }).executablePath };
  const out = path.join(dir, 'marp-out');
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const args =
      kind === 'png'
        ? ['--no-stdin', '--images', 'png', 'deck.md', '-o', path.join(out, 'deck.png')]
        : ['--no-stdin', '--pptx', 'deck.md', '-o', path.join(out, 'deck.pptx')];
    times.push(await timedRun(marpCli, args, dir, env));
  }
  const made = kind === 'png' ? bytesOf(out, /\.png$/) : bytesOf(out, /\.pptx$/);
  return { ms: median(times), ...made };
}

function row(label: string, f: Figure, against?: Figure): string {
  const ratio = against
    ? `  ×${(f.ms / against.ms).toFixed(2)} time, ×${(f.bytes / against.bytes).toFixed(2)} bytes vs Marp`
    : '';
  return `  ${label.padEnd(30)} ${sec(f.ms).padStart(8)}  ${mb(f.bytes).padStart(9)}  ${String(f.files).padStart(4)} file(s)${ratio}`;
}

export async function run(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deck-bench-pictures-'));
  const marpCli = process.env.MARP_CLI && existsSync(process.env.MARP_CLI) ? process.env.MARP_CLI : null;
  const sizes = (process.env.DECK_BENCH_PICTURE_SIZES ?? '17,140').split(',').map(Number);
  try {
    // The talk itself: our formats only (Marp cannot read its markdown).
    const talk = path.join(root, 'talk');
    cpSync(path.join(projectDir, 'slides'), path.join(talk, 'slides'), { recursive: true });
    mkdirSync(path.join(talk, 'public'));
    console.log('the talk (ours; build included):');
    console.log(row('PNG --scale 2 (2560×1440)', await ours(talk, 'png', 2, 3)));
    console.log(row('PNG --scale 1 (1280×720)', await ours(talk, 'png', 1, 3)));
    console.log(row('PowerPoint (2560×1440 pictures)', await ours(talk, 'pptx', 2, 3)));
    if (!marpCli)
      console.log(
        '\n(Marp CLI not compared: set MARP_CLI to its executable, installed outside the project with\n npm install --prefix <tmp folder> @marp-team/marp-cli)',
      );
    for (const n of sizes) {
      const dir = path.join(root, `synthetic-${n}`);
      mkdirSync(path.join(dir, 'slides'), { recursive: true });
      mkdirSync(path.join(dir, 'public'));
      const list = slides(n);
      writeFileSync(path.join(dir, 'slides/talk.md'), oursMarkdown(`Synthetic ${n}`, list));
      writeFileSync(path.join(dir, 'deck.md'), marpMarkdown(list));
      const rounds = n >= 100 ? 1 : 3;
      console.log(`\n${n} plain slides (the same markdown for both tools), median of ${rounds}:`);
      const mPng = marpCli ? await marp(marpCli, dir, 'png', rounds) : undefined;
      const oPng = await ours(dir, 'png', 1, rounds);
      if (mPng) console.log(row('Marp --images png (1280×720)', mPng));
      console.log(row('ours --only png --scale 1', oPng, mPng));
      const mPptx = marpCli ? await marp(marpCli, dir, 'pptx', rounds) : undefined;
      const oPptx = await ours(dir, 'pptx', 2, rounds);
      if (mPptx) console.log(row('Marp --pptx (2560×1440)', mPptx));
      console.log(row('ours --only pptx (2560×1440)', oPptx, mPptx));
    }
    console.log(
      '\nOurs also writes the contact sheet with the PNGs, and the link preview with both; Marp writes neither. Our PowerPoint keeps titles, alt text and links; Marp’s has pictures and notes.',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { DeckJson } from '../model.ts';
import { PREVIEW_SIZE } from '../vite/link-preview.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { renderContactSheet } from './contact-sheet.ts';
import { DOWNLOAD_LABELS, type DeckDownload } from '../contract/downloads.ts';
import { outputFileName, type ExportOptions, type OutputKind } from './options.ts';
import { formatBytes, timed, type Reporter } from './report.ts';
import { remoteWarnings } from './remote-assets.ts';
import {
  openSlideView,
  shootPreview,
  type SlideView,
  shootSlides,
  slideImageName,
  slideImagePattern,
} from './slide-images.ts';

/** A file the pictures step wrote into the site folder (name relative to it). */
export interface PictureFile {
  kind: OutputKind;
  name: string;
  bytes: number;
  /** Slides of a PowerPoint file; null for a picture. */
  pages: number | null;
}

/** True when the export opens the slides one by one: a PNG, PowerPoint or link preview output. */
export function wantsPictures(outputs: readonly OutputKind[]): boolean {
  return outputs.includes('png') || outputs.includes('pptx') || outputs.includes('preview');
}

/**
 * With one tab of the export's browser: the link preview, the slide pictures when PNG or
 * PowerPoint is asked for, then the PNG files and contact sheet, and the PowerPoint file.
 * Everything goes into `dir` (the staging folder) through temp file + rename. The tab is closed;
 * the browser is the caller's.
 */
export async function exportPictures(
  browser: Browser,
  deck: DeckJson,
  dir: string,
  options: ExportOptions,
  reporter: Reporter,
): Promise<PictureFile[]> {
  const written: PictureFile[] = [];
  const write = async (file: PictureFile, data: Uint8Array) => {
    await writeFileAtomic(path.join(dir, file.name), data);
    written.push(file);
  };
  let view: SlideView | null = null;
  // Opened by the first step that needs it, and counted in that step's time.
  const openView = async (): Promise<SlideView> =>
    (view ??= await openSlideView(browser, dir, deck, {
      timeoutMs: options.timeoutMs,
      offlineStrict: options.offlineStrict,
    }));
  // The print layout reports remote files for the PDFs; without PDFs, this tab does.
  const reportRemote = async (): Promise<void> => {
    if (!view || options.outputs.includes('slides') || options.outputs.includes('handout')) return;
    for (const line of await remoteWarnings(view.page, deck, view.remote, options.offlineStrict)) reporter.warn(line);
  };
  try {
    if (options.outputs.includes('preview')) {
      await timed(
        reporter,
        'link preview',
        async () => {
          const png = await shootPreview(await openView(), deck, PREVIEW_SIZE);
          const name = outputFileName('preview', deck.slug);
          await write({ kind: 'preview', name, bytes: png.length, pages: null }, png);
          return png.length;
        },
        (bytes) => `${PREVIEW_SIZE.width}×${PREVIEW_SIZE.height} · ${formatBytes(bytes)}`,
      );
    }
    if (!options.outputs.includes('png') && !options.outputs.includes('pptx')) {
      await reportRemote();
      return written;
    }

    const wantPng = options.outputs.includes('png');
    const shots = await timed(
      reporter,
      wantPng ? 'PNG' : 'pictures',
      async () => {
        const shots = await shootSlides(await openView(), deck, {
          scale: options.scale,
          fragments: options.fragments,
        });
        // Written only once every slide rendered: with --no-build the output folder is written in
        // place, and a slide that fails halfway must not leave half the old set replaced.
        if (wantPng) {
          const fresh = new Set<string>();
          for (const shot of shots) {
            const name = slideImageName(deck.slug, shot.slide, shot.step, deck.slides.length);
            fresh.add(name);
            await write({ kind: 'png', name, bytes: shot.png.length, pages: null }, shot.png);
          }
          // A smaller deck than last time: the pictures of slides that are gone go too (only names we give).
          const ours = slideImagePattern(deck.slug);
          for (const f of readdirSync(dir))
            if (ours.test(f) && !fresh.has(f)) rmSync(path.join(dir, f), { force: true });
        }
        return shots;
      },
      (s) =>
        `${s.length} pictures ${s[0]?.width ?? 0}×${s[0]?.height ?? 0} · ${formatBytes(s.reduce((n, x) => n + x.png.length, 0))}`,
    );

    if (wantPng) {
      await timed(
        reporter,
        'contact sheet',
        async () => {
          // One cell a slide: the last picture of each (all its fragments shown).
          const last = new Map<number, string>();
          for (const s of shots) last.set(s.slide, slideImageName(deck.slug, s.slide, s.step, deck.slides.length));
          const sheet = await renderContactSheet(
            browser,
            deck.slides.map((s) => ({
              image: path.join(dir, last.get(s.index)!),
              number: s.index + 1,
              title: s.title || `Slide ${s.index + 1}`,
            })),
            { title: deck.title, subtitle: [deck.subtitle, deck.authors.join(', ')].filter(Boolean).join(' · ') },
          );
          await write(
            { kind: 'png', name: outputFileName('png', deck.slug), bytes: sheet.png.length, pages: null },
            sheet.png,
          );
          return sheet;
        },
        (s) => `${s.width}×${s.height} · ${formatBytes(s.png.length)}`,
      );
    }

    if (options.outputs.includes('pptx')) {
      await timed(
        reporter,
        'PowerPoint',
        async () => {
          // Loaded only when asked for: pptxgenjs costs every other export a third of a second to import.
          const { buildPptx } = await import('./pptx.ts');
          const bytes = await buildPptx(deck, shots);
          await write(
            { kind: 'pptx', name: outputFileName('pptx', deck.slug), bytes: bytes.length, pages: shots.length },
            bytes,
          );
          return bytes.length;
        },
        (bytes) => `${shots.length} slides · ${formatBytes(bytes)}`,
      );
    }
    await reportRemote();
    return written;
  } finally {
    await (view as SlideView | null)?.close();
  }
}

/** Earlier pictures in `outDir` that this run does not redo, to carry over into the new site. */
export function picturesToKeep(outDir: string, slug: string, outputs: readonly OutputKind[]): string[] {
  if (!existsSync(outDir)) return [];
  const keep: string[] = [];
  const ours = slideImagePattern(slug);
  for (const f of readdirSync(outDir)) {
    if (!outputs.includes('png') && (ours.test(f) || f === outputFileName('png', slug))) keep.push(f);
    if (!outputs.includes('pptx') && f === outputFileName('pptx', slug)) keep.push(f);
    if (!outputs.includes('preview') && f === outputFileName('preview', slug)) keep.push(f);
  }
  return keep;
}

/** Slides in a .pptx package (its `ppt/slides/slideN.xml` parts). */
export async function pptxSlideCount(bytes: Uint8Array): Promise<number> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  return Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
}

/**
 * The PowerPoint file and the contact sheet as downloads, when they exist in `dir`: the page
 * offers them beside the PDFs. A PowerPoint file's slide count comes from this run, or from the
 * previous list when its size still matches, or from the file.
 */
export async function pictureDownloads(
  dir: string,
  slug: string,
  written: readonly PictureFile[],
  previous: readonly DeckDownload[],
): Promise<DeckDownload[]> {
  const list: DeckDownload[] = [];
  for (const kind of ['pptx', 'contact'] as const) {
    const name = outputFileName(kind === 'pptx' ? 'pptx' : 'png', slug);
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const bytes = statSync(file).size;
    const href = `./${name}`;
    const pages =
      kind === 'contact'
        ? 1
        : (written.find((w) => w.name === name)?.pages ??
          previous.find((d) => d.href === href && d.bytes === bytes)?.pages ??
          (await pptxSlideCount(await readFile(file))));
    list.push({ kind, href, bytes, pages, label: DOWNLOAD_LABELS[kind] });
  }
  return list;
}

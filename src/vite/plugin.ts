/**
 * vite/: the deck:slides plugin and the Vite config: reads the deck, compiles it, writes
 * index.html and deck.json, maps deck errors to Vite's overlay.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import type { CompileMemo, CompileResult } from '../compile.ts';
import { codeFrame, formatPos, isDeckError, type DeckError } from '../errors.ts';
import { isSingleFile, loadDeck } from '../load-deck.ts';
import type { DeckWarning } from '../model.ts';
import { isLeanable, leanCss } from './themes.ts';
import { deckJsonText } from './deck-json.ts';
import {
  assetFileName,
  deckIcon,
  pageForVite,
  pageInputsDigest,
  runtimeModule,
  stylesModule,
  themeModule,
} from './page-inputs.ts';
import { fillSections, fillTemplate } from './template.ts';

export interface DeckPluginOptions {
  /** Project root: slide paths and errors are relative to it. */
  projectDir: string;
  /** Folder of markdown slides, or one markdown file; relative to projectDir or absolute. @default "slides" */
  slidesDir?: string;
  /** Print warnings (unused references…) to the terminal. @default true */
  logWarnings?: boolean;
  /** Warnings stop the build as errors. @default false */
  strict?: boolean;
  /** Told, at the end of a build, what the plugin gave Vite and the page Vite made of it. */
  onBuilt?: (page: BuiltPage) => void;
  /** The deck as already compiled for this build (the reuse check's compile), used once instead of compiling again. */
  precompiled?: Precompiled;
}

/** A compile of the deck for a build: the result and the local assets it named (project path → file name). */
export interface Precompiled {
  result: CompileResult;
  assets: ReadonlyMap<string, string>;
}

const STYLES_ID = 'virtual:deck/styles';
const RUNTIME_ID = 'virtual:deck/runtime';
const THEME_ID = 'virtual:deck/theme';

/**
 * What a build handed Vite and the page Vite gave back, for a later build that may reuse Vite's
 * output (export/site-update.ts).
 */
export interface BuiltPage {
  /** pageInputsDigest() of what the plugin gave Vite. */
  inputs: string;
  /** Vite's page with the slides' marker still in it; null when the slides went through Vite. */
  shell: string | null;
  /** What the compile rendered and cited, for the next compile to reuse. */
  memo: CompileMemo;
}

/** How a build says a warning about the deck. */
export function deckWarningLine(w: DeckWarning): string {
  return `deck: ${formatPos(w.pos)}: warning: ${w.message}`;
}

/** A few lines of the deck file around a deck error, with a caret; '' when the file is gone. */
export function deckErrorFrame(err: DeckError, projectDir: string): string {
  const file = path.resolve(projectDir, err.pos.file);
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return source ? codeFrame(source, err.pos.line, err.pos.column) : '';
}

/** A Vite error that shows the deck file, line and a code frame in the overlay and the terminal. */
function toViteError(err: DeckError, projectDir: string): Error {
  const file = path.resolve(projectDir, err.pos.file);
  const frame = deckErrorFrame(err, projectDir);
  const error = new Error(err.message);
  error.stack = err.message; // our call stack says nothing to an author; the frame below does
  return Object.assign(error, {
    id: file,
    loc: { file, line: err.pos.line, column: err.pos.column },
    frame: frame || undefined,
    plugin: 'deck:slides',
    code: err.code,
  });
}

/** Compiles `slides/` into the page at build and dev time; writes `deck.json` beside the build. */
export function deckPlugin(options: DeckPluginOptions): Plugin {
  const projectDir = path.resolve(options.projectDir);
  const slidesDir = path.resolve(projectDir, options.slidesDir ?? 'slides');
  let config: ResolvedConfig;
  let cached: CompileResult | null = null;
  /** The page went through Vite without its slides; they join it once Vite is done with it. */
  let lateSections = false;
  /** The page as handed to Vite's HTML step (build only). */
  let pageIn = '';
  /** Local assets the slides use: project path → file name in the build. */
  const assets = new Map<string, string>();

  const assetUrl = (projectPath: string): string => {
    const abs = path.resolve(projectDir, projectPath);
    if (config.command === 'serve') return `/@fs${abs.split(path.sep).join('/')}`;
    const fileName = assetFileName(abs, config.build.assetsDir);
    assets.set(projectPath, fileName);
    return `./${fileName}`;
  };

  let precompiled = options.precompiled;
  const compile = (): CompileResult => {
    if (cached) return cached;
    assets.clear();
    if (precompiled) {
      cached = precompiled.result;
      for (const [from, to] of precompiled.assets) assets.set(from, to);
      precompiled = undefined;
    } else {
      try {
        cached = loadDeck(slidesDir, { root: projectDir, assetUrl, strict: options.strict ?? false });
      } catch (err) {
        throw isDeckError(err) ? toViteError(err, projectDir) : err;
      }
    }
    if (options.logWarnings !== false) {
      for (const w of cached.warnings) config.logger.warn(deckWarningLine(w));
    }
    return cached;
  };

  return {
    name: 'deck:slides',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      // Compile before Vite touches outDir, so a broken deck leaves the last build intact.
      if (config.command === 'build') {
        cached = null;
        compile();
      }
    },
    resolveId(id) {
      if (id === STYLES_ID || id === RUNTIME_ID || id === THEME_ID) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === `\0${THEME_ID}`) return themeModule(compile(), projectDir);
      if (id === `\0${STYLES_ID}`) return stylesModule(compile(), projectDir);
      if (id === `\0${RUNTIME_ID}`) return runtimeModule(compile());
      return null;
    },
    transform: {
      order: 'pre',
      async handler(code, id) {
        return isLeanable(id) ? { code: await leanCss(code), map: null } : null;
      },
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        const result = compile();
        const icon = deckIcon(config.publicDir);
        // The dev server keeps its own processing of the whole page.
        if (config.command !== 'build') return fillTemplate(html, result, icon);
        // At build time, slides Vite would not change skip its parse of the page (see
        // sectionsCanSkipVite).
        ({ page: pageIn, lateSections } = pageForVite(html, result, icon));
        return pageIn;
      },
    },
    generateBundle: {
      // After Vite's own HTML step has written the page into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const result = compile();
        let shell: string | null = null;
        if (lateSections) {
          const page = bundle['index.html'];
          if (page?.type !== 'asset' || typeof page.source !== 'string')
            throw new Error('deck: the built page is missing from the bundle');
          shell = page.source;
          page.source = fillSections(page.source, result.sectionsHtml);
        }
        this.emitFile({ type: 'asset', fileName: 'deck.json', source: deckJsonText(result.deck) });
        options.onBuilt?.({
          inputs: pageInputsDigest(pageIn, result, projectDir, assets),
          shell,
          memo: result.memo,
        });
        for (const [projectPath, fileName] of assets) {
          this.emitFile({ type: 'asset', fileName, source: readFileSync(path.resolve(projectDir, projectPath)) });
        }
      },
    },
    configureServer(server) {
      // A one-file deck still has its bibliography, styles and images beside it.
      const watched = isSingleFile(slidesDir) ? path.dirname(slidesDir) : slidesDir;
      server.watcher.add(watched);
      const onChange = (file: string) => {
        if (!file.startsWith(watched)) return;
        cached = null;
        for (const id of [STYLES_ID, RUNTIME_ID, THEME_ID]) {
          const mod = server.moduleGraph.getModuleById(`\0${id}`);
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
        // CSS edits hot-swap through Vite's own CSS handling; everything else reloads the page.
        if (!file.endsWith('.css')) server.ws.send({ type: 'full-reload', path: '*' });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
    },
  };
}

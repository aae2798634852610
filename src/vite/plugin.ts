/**
 * vite/: the deck:slides plugin and the Vite config: reads the deck, compiles it, writes
 * index.html and deck.json, maps deck errors to Vite's overlay.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import type { CompileResult } from '../compile.ts';
import { codeFrame, formatPos, isDeckError, type DeckError } from '../errors.ts';
import { isSingleFile, loadDeck } from '../load-deck.ts';
import { highlightThemeFile, KATEX_CSS, revealThemeFile } from '../theme-files.ts';
import { isLeanable, leanCss } from './themes.ts';
import { deckJson } from './deck-json.ts';
import { engineDir } from './engine-dir.ts';
import { fillSections, fillTemplate, sectionsCanSkipVite } from './template.ts';
import type { DeckRuntime } from '../contract/page.ts';

export interface DeckPluginOptions {
  /** Project root: slide paths and errors are relative to it. */
  projectDir: string;
  /** Folder of markdown slides, or one markdown file; relative to projectDir or absolute. @default "slides" */
  slidesDir?: string;
  /** Print warnings (unused references…) to the terminal. @default true */
  logWarnings?: boolean;
  /** Warnings stop the build as errors. @default false */
  strict?: boolean;
}

/** The engine's theme folder (src/theme), whichever deck is built. */
const themeDir = path.join(engineDir, 'theme');

const STYLES_ID = 'virtual:deck/styles';
const RUNTIME_ID = 'virtual:deck/runtime';
const THEME_ID = 'virtual:deck/theme';

const importCss = (file: string): string => `import ${JSON.stringify(file)};`;

/**
 * The theme's stylesheets in cascade order. Ours is one file; reveal's themes (and a deck's own
 * theme file) come with the engine's base (fonts, print, no-JS) before and a bridge after, which
 * gives the page's controls and reading mode the theme's colours and fonts.
 */
function themeImports(result: CompileResult, projectDir: string): string[] {
  const { theme, themeFile } = result.deck.meta;
  if (theme === 'light' || theme === 'dark') return [path.join(themeDir, 'theme.css')];
  const base = ['fonts.css', 'print.css', 'nojs.css'].map((f) => path.join(themeDir, f));
  const own = themeFile ? path.resolve(projectDir, themeFile) : revealThemeFile(theme);
  return [...base, own, path.join(themeDir, 'reveal-bridge.css')];
}

/** Code and math styles, only for decks whose slides have code or math. */
function featureImports(result: CompileResult): string[] {
  const out: string[] = [];
  if (result.uses.code) {
    const style = highlightThemeFile(result.deck.meta.highlightTheme);
    if (style) out.push(style);
    out.push(path.join(themeDir, 'code.css'));
  }
  if (result.uses.math) out.push(KATEX_CSS(), path.join(themeDir, 'math.css'));
  return out;
}

/** A Vite error that shows the deck file, line and a code frame in the overlay and the terminal. */
function toViteError(err: DeckError, projectDir: string): Error {
  const file = path.resolve(projectDir, err.pos.file);
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const error = new Error(err.message);
  error.stack = err.message; // our call stack says nothing to an author; the frame below does
  return Object.assign(error, {
    id: file,
    loc: { file, line: err.pos.line, column: err.pos.column },
    frame: source ? codeFrame(source, err.pos.line, err.pos.column) : undefined,
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
  /** Local assets the slides use: project path → file name in the build. */
  const assets = new Map<string, string>();

  const assetUrl = (projectPath: string): string => {
    const abs = path.resolve(projectDir, projectPath);
    if (config.command === 'serve') return `/@fs${abs.split(path.sep).join('/')}`;
    const hash = createHash('sha256').update(readFileSync(abs)).digest('hex').slice(0, 8);
    const ext = path.extname(abs);
    const fileName = `${config.build.assetsDir}/${path.basename(abs, ext)}-${hash}${ext}`;
    assets.set(projectPath, fileName);
    return `./${fileName}`;
  };

  const compile = (): CompileResult => {
    if (cached) return cached;
    try {
      assets.clear();
      cached = loadDeck(slidesDir, { root: projectDir, assetUrl, strict: options.strict ?? false });
    } catch (err) {
      throw isDeckError(err) ? toViteError(err, projectDir) : err;
    }
    if (options.logWarnings !== false) {
      for (const w of cached.warnings) config.logger.warn(`deck: ${formatPos(w.pos)}: warning: ${w.message}`);
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
      if (id === `\0${THEME_ID}`) return themeImports(compile(), projectDir).map(importCss).join('\n');
      if (id === `\0${STYLES_ID}`) {
        const result = compile();
        const deckCss = result.deck.meta.css.map((css) => path.resolve(projectDir, css));
        return [...featureImports(result), ...deckCss].map(importCss).join('\n');
      }
      if (id === `\0${RUNTIME_ID}`) {
        const { meta } = compile().deck;
        // The speaker view paces only when totalTime (or defaultTiming) is set; each slide's
        // data-timing then gives its share.
        const pacing = meta.minutes ? { totalTime: Math.round(meta.minutes * 60) } : {};
        const runtime: DeckRuntime = {
          minutes: meta.minutes,
          slug: meta.slug,
          revealOptions: { ...pacing, ...meta.revealOptions },
        };
        return `export default ${JSON.stringify(runtime)};`;
      }
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
        // At build time, slides Vite would not change skip its parse of the page (see
        // sectionsCanSkipVite); the dev server keeps its own processing of the whole page.
        lateSections = config.command === 'build' && sectionsCanSkipVite(result.sectionsHtml);
        return fillTemplate(
          html,
          result,
          config.publicDir && existsSync(path.join(config.publicDir, 'favicon.svg')) ? './favicon.svg' : undefined,
          { sections: !lateSections },
        );
      },
    },
    generateBundle: {
      // After Vite's own HTML step has written the page into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const result = compile();
        if (lateSections) {
          const page = bundle['index.html'];
          if (page?.type !== 'asset' || typeof page.source !== 'string')
            throw new Error('deck: the built page is missing from the bundle');
          page.source = fillSections(page.source, result.sectionsHtml);
        }
        this.emitFile({
          type: 'asset',
          fileName: 'deck.json',
          source: `${JSON.stringify(deckJson(result.deck), null, 2)}\n`,
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

#!/usr/bin/env node
/**
 * Bundles lib/export/site-compile.js (the compiler and the page helpers a build after an edit
 * needs) with the libraries it imports into one file beside it, site-compile.bundle.js, and its
 * source map. Node then reads and links one module instead of a hundred and fifty (about 0.15 s
 * of a cold export after an edit, against 0.04 s). It is built by rolldown, Vite's own bundler,
 * as installed with Vite. A manifest of the files it was made from goes beside it, written last:
 * lib/export/site-compile-loader.ts loads the bundle only while they are unchanged, and the
 * modules themselves otherwise. Run after `tsc -b` by `npm run compile` and by run-deck.mjs.
 * Plain JavaScript on purpose: it runs on a freshly compiled lib/.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const BUNDLE = 'site-compile.bundle.js';
const MANIFEST = 'site-compile.bundle.json';

/**
 * rolldown as Vite has it (Vite's own dependency), so the bundle is made by the bundler the
 * project already trusts with the page.
 * @param {string} root
 */
async function loadRolldown(root) {
  const fromVite = createRequire(createRequire(path.join(root, 'package.json')).resolve('vite'));
  return import(pathToFileURL(fromVite.resolve('rolldown')).href);
}

/**
 * A file the bundle was made from, as the manifest names it: relative to the bundle's folder
 * when it is the engine's own, by package and path inside it when it is a library's (so the
 * check holds wherever npm put the libraries).
 * @param {string} dir
 * @param {string} file
 */
function manifestName(dir, file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return path.relative(dir, file).split(path.sep).join('/');
  const scoped = parts[at + 1]?.startsWith('@');
  const name = parts.slice(at + 1, at + (scoped ? 3 : 2)).join('/');
  return `npm:${name}:${parts.slice(at + (scoped ? 3 : 2)).join('/')}`;
}

/**
 * Bundles lib/export/site-compile.js; returns the bundle's path.
 * @param {string} root the project folder, holding lib/
 */
export async function bundleSiteCompile(root) {
  const dir = path.join(root, 'lib', 'export');
  const input = path.join(dir, 'site-compile.js');
  // No manifest, no bundle in use: a failure from here on leaves the modules to load one by one.
  rmSync(path.join(dir, MANIFEST), { force: true });
  const { rolldown } = await loadRolldown(root);
  const bundle = await rolldown({ input, platform: 'node', external: [/^node:/], logLevel: 'warn' });
  /** @type {{ moduleIds: string[] } | undefined} */
  let chunk;
  try {
    const { output } = await bundle.write({
      file: path.join(dir, BUNDLE),
      format: 'esm',
      // The map points into the files it was made from, which ship beside it: their text stays out of it.
      sourcemap: true,
      sourcemapExcludeSources: true,
      codeSplitting: false,
    });
    chunk = output.find((/** @type {{ type: string }} */ o) => o.type === 'chunk');
  } finally {
    await bundle.close();
  }
  if (!chunk) throw new Error('rolldown wrote no bundle');
  // It must load, and give what the modules give, before a manifest lets anything use it.
  const [bundled, modules] = await Promise.all([
    import(pathToFileURL(path.join(dir, BUNDLE)).href),
    import(pathToFileURL(input).href),
  ]);
  const missing = Object.keys(modules).filter((name) => typeof bundled[name] !== typeof modules[name]);
  if (missing.length > 0) throw new Error(`the bundle lacks ${missing.join(', ')}`);
  const files = chunk.moduleIds
    .filter((/** @type {string} */ id) => path.isAbsolute(id))
    .map((/** @type {string} */ file) => {
      const bytes = readFileSync(file);
      const { size, mtimeMs } = statSync(file);
      return [manifestName(dir, file), size, mtimeMs, createHash('sha256').update(bytes).digest('hex')];
    });
  writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify({ files })}\n`);
  return path.join(dir, BUNDLE);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundleSiteCompile(path.resolve(import.meta.dirname, '../..'));
}

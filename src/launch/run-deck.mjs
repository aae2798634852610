#!/usr/bin/env node
/**
 * How the npm scripts run `deck`: compile lib/ only when src/ changed since the last compile
 * (lib-freshness.mjs), then run the compiled command in this same process. An up-to-date
 * check costs milliseconds here against about half a second for `tsc -b` started through npx,
 * on every `npm run export`; a developer who edits src/ still never runs a stale lib/.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { libIsFresh, stampCompile } from './lib-freshness.mjs';

const root = path.resolve(import.meta.dirname, '../..');

if (!libIsFresh(root)) {
  const started = Date.now();
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', path.join(root, 'src/tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // As `npm run compile` does: the compiler's one-file bundle, made again from the new lib/.
  await (await import('./bundle-compile.mjs')).bundleSiteCompile(root);
  stampCompile(root, started);
}

const { main } = await import(pathToFileURL(path.join(root, 'lib/cli/deck.js')).href);
const code = await main(process.argv.slice(2));
// Exit explicitly: Vite and puppeteer can leave handles that would keep the process alive.
process.exit(code);

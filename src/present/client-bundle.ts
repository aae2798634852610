import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { engineDir } from '../vite/config.ts';

let bundle: Promise<string> | undefined;

/**
 * The pages' live client (src/browser/live.ts) as one classic script, built in memory the first
 * time a server needs it. It ships only with `deck present`: a normal build carries none of it.
 */
export function liveClientScript(): Promise<string> {
  bundle ??= buildClient().catch((err: unknown) => {
    bundle = undefined;
    throw err;
  });
  return bundle;
}

async function buildClient(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'error',
    root: engineDir,
    publicDir: false,
    build: {
      write: false,
      minify: true,
      emptyOutDir: false,
      lib: {
        entry: path.join(engineDir, 'browser/live.ts'),
        formats: ['iife'],
        name: 'deckLive',
        fileName: () => 'live.js',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the live client did not build');
  return chunk.code;
}

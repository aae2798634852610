import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Compiles the engine into lib/ (incremental: a no-op when nothing changed), so that the tests
 * run the `deck` binary as users do: compiled JavaScript, no TypeScript loader.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'src/tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // As `npm run compile` does: the compiler's one-file bundle, which the compiled commands use.
  execFileSync(process.execPath, [path.join(root, 'src/launch/bundle-compile.mjs')], { cwd: root, stdio: 'inherit' });
}

import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where the stylesheets of reveal's themes, highlight.js's styles and KaTeX are installed. */
const require = createRequire(import.meta.url);

/** Absolute path of a file inside an installed package (found from its entry: some export no package.json). */
function packageFile(pkg: string, file: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`deck: cannot find the folder of the package ${pkg}`);
    dir = up;
  }
  return path.join(dir, file);
}

/** reveal.js's own theme stylesheet for a theme name. */
export function revealThemeFile(name: string): string {
  return packageFile('reveal.js', `dist/theme/${name}.css`);
}

/** highlight.js's stylesheet for a `highlightTheme` name, or null when it has none by that name. */
export function highlightThemeFile(name: string): string | null {
  // reveal ships zenburn (reveal-md's default), which highlight.js 11 no longer does.
  const files = [
    packageFile('highlight.js', `styles/${name}.css`),
    packageFile('reveal.js', `dist/plugin/highlight/${name}.css`),
  ];
  return files.find((f) => existsSync(f)) ?? null;
}

/** Every `highlightTheme` name highlight.js ships (for the error that lists them). */
export function highlightThemeNames(): string[] {
  const dir = packageFile('highlight.js', 'styles');
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.css') && !n.endsWith('.min.css'))
    .map((n) => n.slice(0, -4));
  return [...new Set([...names, 'zenburn', 'monokai'])];
}

export const KATEX_CSS = (): string => packageFile('katex', 'dist/katex.min.css');

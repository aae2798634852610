import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where the stylesheets of reveal's themes, highlight.js's styles and KaTeX are installed. */
const require = createRequire(import.meta.url);

/** Absolute path of a file inside an installed package. */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** reveal.js's own theme stylesheet for a theme name. */
export function revealThemeFile(name: string): string {
  return packageFile('reveal.js', `dist/theme/${name}.css`);
}

/** highlight.js's stylesheet for a `highlightTheme` name, or null when it has none by that name. */
export function highlightThemeFile(name: string): string | null {
  const file = packageFile('highlight.js', `styles/${name}.css`);
  return existsSync(file) ? file : null;
}

/** Every `highlightTheme` name highlight.js ships (for the error that lists them). */
export function highlightThemeNames(): string[] {
  const dir = packageFile('highlight.js', 'styles');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.css') && !n.endsWith('.min.css'))
    .map((n) => n.slice(0, -4));
}

export const KATEX_CSS = (): string => packageFile('katex', 'dist/katex.min.css');

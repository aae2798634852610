import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createFontStack } from '@capsizecss/core';
import { fromBuffer } from '@capsizecss/unpack';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

/*
 * The fallback faces in fonts.css stand in for Atkinson Hyperlegible until its files arrive; their
 * figures (size-adjust and the ascent, descent and line-gap overrides) are recomputed here from
 * the font files themselves, by Capsize's own method, so that they cannot drift from the fonts.
 * Arial's advance widths and vertical metrics are Arimo's (and Liberation Sans'), whose files npm
 * ships; Roboto's come from its own files.
 */

const themeDir = path.resolve(import.meta.dirname, '../../src/theme');
const require = createRequire(import.meta.url);
const fontFile = (pkg: string, name: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', name);

const FALLBACKS = {
  'Atkinson Hyperlegible Fallback Arial': (face: string) => fontFile('@fontsource/arimo', `arimo-latin-${face}.woff2`),
  'Atkinson Hyperlegible Fallback Roboto': (face: string) =>
    fontFile('@fontsource/roboto', `roboto-latin-${face}.woff2`),
} as const;
const FACES = ['400-normal', '700-normal', '400-italic'];

interface Face {
  family: string;
  face: string;
  decls: Record<string, string>;
}

function faces(): Face[] {
  const root = postcss.parse(readFileSync(path.join(themeDir, 'fonts.css'), 'utf8'));
  const out: Face[] = [];
  root.walkAtRules('font-face', (rule) => {
    const decls: Record<string, string> = {};
    rule.walkDecls((d) => {
      decls[d.prop] = d.value;
    });
    const family = (decls['font-family'] ?? '').replace(/['"]/g, '');
    out.push({ family, face: `${decls['font-weight']}-${decls['font-style']}`, decls });
  });
  return out;
}

async function metricsOf(file: string) {
  return fromBuffer(readFileSync(file));
}

const percent = (value: string | undefined) => Number.parseFloat(value ?? 'NaN');

describe('fonts.css: fallback faces drawn to the bundled font', () => {
  const all = faces();

  it('bundles the three faces, each with a fallback face in every fallback family', () => {
    const bundled = all.filter((f) => f.family === 'Atkinson Hyperlegible').map((f) => f.face);
    expect(bundled.sort()).toEqual([...FACES].sort());
    for (const family of Object.keys(FALLBACKS)) {
      expect(
        all
          .filter((f) => f.family === family)
          .map((f) => f.face)
          .sort(),
        family,
      ).toEqual([...FACES].sort());
    }
    // Fallback faces are system fonts only: nothing to download, nothing off the page's origin.
    for (const f of all.filter((f) => f.family in FALLBACKS)) {
      expect(
        f.decls.src?.split(/,\s*/).every((s) => /^local\('[^']+'\)$/.test(s.trim())),
        f.decls.src,
      ).toBe(true);
    }
  });

  it.each(FACES)('size-adjust and the overrides of the %s fallbacks match the font files', async (face) => {
    const atkinson = await metricsOf(
      fontFile('@fontsource/atkinson-hyperlegible', `atkinson-hyperlegible-latin-${face}.woff2`),
    );
    for (const [family, file] of Object.entries(FALLBACKS)) {
      const fallback = await metricsOf(file(face));
      const { fontFaces } = createFontStack([atkinson, fallback], { fontFaceFormat: 'styleObject' });
      const expected = fontFaces[0]?.['@font-face'];
      const actual = all.find((f) => f.family === family && f.face === face)?.decls;
      expect(actual, `${family} ${face}`).toBeDefined();
      for (const [prop, key] of [
        ['size-adjust', 'sizeAdjust'],
        ['ascent-override', 'ascentOverride'],
        ['descent-override', 'descentOverride'],
        ['line-gap-override', 'lineGapOverride'],
      ] as const) {
        const want = percent(String(expected?.[key] ?? '0%'));
        expect(percent(actual?.[prop]), `${family} ${face} ${prop}`).toBeCloseTo(want, 3);
      }
    }
  });

  it('the theme names the fallback families right after the bundled one', () => {
    const theme = readFileSync(path.join(themeDir, 'theme.css'), 'utf8');
    const family = (prop: string, from = theme) =>
      new RegExp(`${prop}:\\s*([^;]+);`)
        .exec(from)?.[1]
        ?.split(',')
        .map((f) => f.trim().replace(/['"]/g, ''));
    expect(family('--deck-font')?.slice(0, 3)).toEqual(['var(--deck-typeface)', ...Object.keys(FALLBACKS)]);
    expect(family('--deck-typeface')).toEqual(['Atkinson Hyperlegible']);
    // Held back for the first paint, the typeface's place is taken by its first fallback.
    const held = theme.slice(theme.indexOf('html.deck-js:not(.deck-fonts)'));
    expect(family('--deck-typeface', held)).toEqual([Object.keys(FALLBACKS)[0]]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { plugins as CitationJsPlugins } from '@citation-js/core';

/**
 * citation-js (and citeproc, see cite.ts) load the first time a deck cites: a deck without a
 * bibliography does not spend a third of a second of its build loading them.
 */
export const requireWhenCited = createRequire(import.meta.url);

let mla9: string | undefined;

/**
 * This project's MLA 9 style, read once from mla9.csl beside this module. The URL is relative to
 * the module, so it holds under tsx, Vitest and Vite's bundled config alike; compiled into
 * lib/citations/, the module finds the style where the package ships it, in src/citations/.
 */
export function mla9Csl(): string {
  if (mla9 === undefined) {
    const beside = new URL('./mla9.csl', import.meta.url);
    const shipped = new URL('../../src/citations/mla9.csl', import.meta.url);
    mla9 = readFileSync(existsSync(beside) ? beside : shipped, 'utf8');
  }
  return mla9;
}

/** A CSL style ready for citeproc, with what the citer needs to know about it. */
export interface ResolvedStyle {
  xml: string;
  /** The style's bibliography heading. */
  heading: string;
  /** MLA prints URLs without "https://" (CSL cannot edit strings, so the citer does it). */
  isMla: boolean;
  /** Numbers cites in order of first citation (vancouver): registration order matters. */
  isNumeric: boolean;
}

function cslConfig(): NonNullable<ReturnType<typeof CitationJsPlugins.config.get>> {
  const { plugins } = requireWhenCited('@citation-js/core') as { plugins: typeof CitationJsPlugins };
  requireWhenCited('@citation-js/plugin-csl'); // registers the '@csl' plugin with @citation-js/core
  const config = plugins.config.get('@csl');
  if (!config) throw new Error('@citation-js/plugin-csl did not register its "@csl" config');
  return config;
}

const BUILT_IN = ['mla', 'apa', 'vancouver', 'harvard1'] as const;

function isXml(style: string): boolean {
  return /^(?:<\?xml|<style[\s>])/.test(style);
}

function infoTitle(xml: string): string {
  return /<info>[\s\S]*?<title>([^<]*)<\/title>/.exec(xml)?.[1]?.trim() ?? '';
}

/**
 * Resolves "mla" | "apa" | "vancouver" | "harvard1" | CSL XML to style XML.
 * Throws a plain Error saying what is accepted when it cannot.
 */
export function resolveStyle(style: string): ResolvedStyle {
  const name = style.trim().replace(/^\uFEFF/, '');
  let xml: string;
  if (isXml(name)) {
    xml = name;
    if (/<link[^>]*rel="independent-parent"/.test(xml) && !/<citation[\s>]/.test(xml)) {
      throw new Error(
        'The CSL style is a dependent style (it only points to a parent with rel="independent-parent"): pass the parent style\'s .csl instead.',
      );
    }
    if (!/<style[\s>]/.test(xml) || !/<citation[\s>]/.test(xml)) {
      throw new Error('The CSL style XML has no <style> element with a <citation> in it: is it a CSL 1.0 style file?');
    }
  } else {
    const key = name.toLowerCase();
    // Only the known names: other code may add templates to citation-js's global register,
    // and a deck should not depend on that.
    const builtIn =
      key === 'mla'
        ? mla9Csl()
        : (BUILT_IN as readonly string[]).includes(key)
          ? cslConfig().templates.get(key)
          : undefined;
    if (builtIn === undefined) {
      throw new Error(
        `Unknown citation style "${style.slice(0, 80)}": use one of ${BUILT_IN.join(', ')}, or the XML text of a .csl file (read the file and pass its contents).`,
      );
    }
    xml = builtIn;
  }
  const title = infoTitle(xml);
  const isMla = /\bMLA\b|Modern Language Association/i.test(title);
  const isNote = /<style[^>]*\bclass="note"/.test(xml);
  return {
    xml,
    heading: isMla ? 'Works Cited' : isNote ? 'Bibliography' : 'References',
    isMla,
    isNumeric:
      /citation-format="numeric"/.test(xml) ||
      /<citation[\s\S]*variable="citation-number"[\s\S]*<\/citation>/.test(xml),
  };
}

/** The available locale closest to `lang` ("en" -> "en-US", "fr" -> "fr-FR"); en-US otherwise. */
export function resolveLocale(lang: string | undefined): string {
  const locales = cslConfig().locales.list();
  if (!lang) return 'en-US';
  const tag = lang.replace('_', '-').toLowerCase();
  const primary = tag.split('-')[0];
  return (
    locales.find((l) => l.toLowerCase() === tag) ??
    locales.find((l) => l.toLowerCase().split('-')[0] === primary) ??
    'en-US'
  );
}

/** Locale XML for citeproc's retrieveLocale; falls back to en-US, which citation-js always ships. */
export function localeXml(lang: string): string {
  const { locales } = cslConfig();
  const xml = locales.get(resolveLocale(lang)) ?? locales.get('en-US');
  if (xml === undefined) throw new Error('@citation-js/plugin-csl ships no en-US locale');
  return xml;
}

// The shapes of citeproc-js and citation-js that src/citations uses; neither package ships types.
// A script file (no top-level import/export), so these are ambient module declarations.

declare module 'citeproc' {
  /** One cite in a cluster, as citeproc-js takes it. */
  export interface CiteprocCitationItem {
    id: string;
    locator?: string;
    label?: string;
    suffix?: string;
    'suppress-author'?: boolean;
  }

  export interface CiteprocSys {
    retrieveItem(id: string): object;
    /** Locale XML (a string) for a tag such as "en-US". */
    retrieveLocale(lang: string): string;
    /** Called on each bibliography/citation sort key before comparison. */
    normalizeUnicode?(key: string): string;
  }

  export interface CiteprocBibliographyParams {
    /** One array of ids per entry, in output order. */
    entry_ids: string[][];
    bibliography_errors: unknown[];
  }

  export interface CiteprocEngine {
    opt: { development_extensions: Record<string, boolean> };
    setOutputFormat(format: 'html' | 'text' | 'rtf' | 'asciidoc' | 'fo' | 'latex'): void;
    updateItems(ids: string[], nosort?: boolean): void;
    makeCitationCluster(items: CiteprocCitationItem[]): string;
    /** `false` when the style has no bibliography element. */
    makeBibliography(): [CiteprocBibliographyParams, string[]] | false;
  }

  interface CiteprocModule {
    Engine: new (sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine;
  }

  const CSL: CiteprocModule;
  export default CSL;
}

declare module '@citation-js/core' {
  /** citation-js's name -> value register (styles, locales). */
  export interface CitationJsRegister {
    has(name: string): boolean;
    get(name: string): string | undefined;
    list(): string[];
  }

  export const plugins: {
    config: {
      get(plugin: '@csl'): { templates: CitationJsRegister; locales: CitationJsRegister } | undefined;
    };
  };
}

/** Imported for its side effect: registers the '@csl' plugin (templates, locales) with @citation-js/core. */
declare module '@citation-js/plugin-csl' {}

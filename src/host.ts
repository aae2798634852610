/** A slide file's text; `path` is relative to the project root, e.g. `slides/talk.md`. */
export interface SourceFile {
  path: string;
  text: string;
}

/** The I/O the compiler needs, injected so that the compiler itself stays pure. */
export interface CompileHost {
  /** Text of a project file (bibliography, CSL style, stylesheet), or undefined when it does not exist. */
  readText(projectPath: string): string | undefined;
  /** URL under which the built page loads a local asset, or null when the file does not exist. */
  assetUrl(projectPath: string): string | null;
  /**
   * Where a project path really is once symbolic links are followed (project-relative, `../`
   * when it is outside the project), or null when nothing is there. Hosts without links (tests
   * in memory) may leave it out.
   */
  realPath?(projectPath: string): string | null;
  /** Whether a project file exists, without bundling it (for checks of files Vite bundles itself). */
  exists?(projectPath: string): boolean;
  /** The `highlightTheme` names available, to check the deck's; unchecked when absent. */
  highlightThemes?(): readonly string[];
}

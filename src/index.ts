/**
 * The engine as a library: `import { compileDeck, loadDeck } from '<package>'`. Markdown in,
 * the deck model and its markup out (compileDeck has no file I/O; loadDeck reads a folder), and
 * the Vite config that builds a deck's site. The heavier floors have their own entries:
 * `<package>/export` (PDFs, offline page) and `<package>/smoke` (the checks in Chromium).
 */
export { compileDeck, type CompileHost, type CompileResult, type SourceFile } from './compile.ts';
export { loadDeck, type LoadOptions } from './load-deck.ts';
export { DeckError, formatPos, isDeckError, type DeckErrorCode } from './errors.ts';
export type { Deck, DeckJson, DeckMeta, DeckWarning, Reference, Slide, SourcePos, SourceRange } from './model.ts';
export { deckViteConfig, engineDir, type DeckViteOptions } from './vite/config.ts';
export { deckPlugin, type DeckPluginOptions } from './vite/plugin.ts';
export { locateDeck, DeckLocationError, type DeckLocation } from './cli/locate-deck.ts';
export { scaffoldDeck } from './scaffold/new-deck.ts';

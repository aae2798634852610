/** `<package>/export`: the slides PDF, the handout and the offline page of a deck, as a library. */
export { exportDeck, type ExportDeps, type ExportResult } from './export-deck.ts';
export {
  resolveExportOptions,
  outputFileName,
  OUTPUT_KINDS,
  type ExportOptions,
  type OutputKind,
  type RawExportOptions,
} from './options.ts';
export { DeckBuildError, EnvironmentError, ExportError } from './errors.ts';

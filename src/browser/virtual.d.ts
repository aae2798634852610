declare module 'virtual:deck/styles' {}

declare module 'virtual:deck/runtime' {
  /** Deck settings the page needs at run time; written by the deck:slides plugin. */
  const runtime: import('../contract/page.ts').DeckRuntime;
  export default runtime;
}
declare module 'virtual:deck/theme' {}

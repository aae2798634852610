declare module 'virtual:deck/styles' {}

declare module 'virtual:deck/runtime' {
  /** Deck settings the page needs at run time; written by the deck:slides plugin. */
  const runtime: {
    minutes: number | null;
    slug: string;
    revealOptions: Record<string, unknown>;
  };
  export default runtime;
}
declare module 'virtual:deck/theme' {}

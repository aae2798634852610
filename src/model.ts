/**
 * The deck as plain data: the one model shared by the compiler, the Vite plugin,
 * `dist/deck.json`, the exporters and the tests. Imports nothing.
 */

/** A 1-based position in a source file (path relative to the project root). */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/** The lines of a source file a slide came from (1-based, inclusive). */
export interface SourceRange {
  file: string;
  startLine: number;
  endLine: number;
}

/** Deck metadata, from the front matter of the first slide file, with defaults applied. */
export interface DeckMeta {
  title: string;
  subtitle: string;
  authors: string[];
  date: string;
  lang: string;
  slug: string;
  /** Target duration of the talk in minutes, if the author set one. */
  minutes: number | null;
  description: string;
  keywords: string[];
  /** The published site's address (`https://host/talk/`), for absolute link-preview URLs; "" when not given. */
  url: string;
  /** CSL style: "mla", "apa", … or a .csl path relative to the slides folder. */
  csl: string;
  /** Theme name: ours (`light`, `dark`) or one of reveal's (`black`, `white`, …); `custom` for a file. */
  theme: string;
  /** The deck's own theme stylesheet (project-relative) when `theme:` names a CSS file, else null. */
  themeFile: string | null;
  /** highlight.js style for code blocks (`highlightTheme`). */
  highlightTheme: string;
  /** Extra stylesheets, relative to the project root. */
  css: string[];
  /** Bibliography file, relative to the project root, or null. */
  bibliography: string | null;
  /** Options passed through to Reveal.initialize (reveal-md's `revealOptions`). */
  revealOptions: Record<string, unknown>;
}

/** One slide; `h`/`v` are reveal.js indices (v is 0 for a horizontal slide). */
export interface Slide {
  /** 0-based position in reading order. */
  index: number;
  h: number;
  v: number;
  id: string;
  /** Text of the slide's first heading, or "" when it has none. */
  title: string;
  /** Inner HTML of the slide's <section>, notes excluded. */
  html: string;
  /** Speaker notes as HTML ("" when the slide has none). */
  notesHtml: string;
  /** Speaker notes as plain text. */
  notesText: string;
  notesWords: number;
  /** Attributes of the <section> (from <!-- .slide: --> and computed ones such as data-timing). */
  attributes: Record<string, string>;
  /** Bibliography keys cited on the slide or in its notes, in first-use order. */
  citations: string[];
  /** Number of fragment steps on the slide. */
  fragments: number;
  source: SourceRange;
}

/** A rendered bibliography entry. */
export interface Reference {
  id: string;
  html: string;
  text: string;
}

export interface Deck {
  meta: DeckMeta;
  slides: Slide[];
  /** Entries of the cited references, in the style's order. */
  references: Reference[];
  /** Heading the citation style uses for its list ("Works Cited", "References"). */
  referencesHeading: string;
  /** Minutes to speak the notes at about 130 words a minute. */
  estimatedMinutes: number;
}

/** The metadata `dist/deck.json` carries, at its top level. */
export const DECK_JSON_META = [
  'title',
  'subtitle',
  'authors',
  'date',
  'lang',
  'description',
  'keywords',
  'slug',
  'minutes',
] as const satisfies readonly (keyof DeckMeta)[];

/** A slide in `dist/deck.json`: the model's slide without its markup. */
export type DeckJsonSlide = Omit<Slide, 'html' | 'attributes'>;

/** The shape of `dist/deck.json`: what export and smoke read instead of scraping HTML. */
export type DeckJson = Pick<DeckMeta, (typeof DECK_JSON_META)[number]> &
  Pick<Deck, 'references' | 'referencesHeading' | 'estimatedMinutes'> & { slides: DeckJsonSlide[] };

/** The slide a failure is about, as people see it: its number on screen, its title and id. */
export interface SlideRef {
  /** 1-based. */
  number: number;
  title: string;
  id: string;
}

/** The slide of deck.json with reading-order index `index`, as a SlideRef; null when there is none. */
export function slideRef(deck: Pick<DeckJson, 'slides'>, index: number): SlideRef | null {
  const s = deck.slides[index];
  return s ? { number: s.index + 1, title: s.title || `Slide ${s.index + 1}`, id: s.id } : null;
}

/** Problems the deck can survive (an unused reference, an empty slide). */
export interface DeckWarning {
  code: string;
  message: string;
  pos: SourcePos;
}

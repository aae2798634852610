import type { DeckMeta } from './model.ts';

/**
 * Front-matter keys a deck may set. reveal-md's keys are accepted too, so a reveal-md deck
 * builds unchanged (`highlightTheme` is accepted and ignored).
 */
export const FRONT_MATTER_KEYS = [
  'title',
  'subtitle',
  'author',
  'authors',
  'date',
  'lang',
  'slug',
  'minutes',
  'description',
  'keywords',
  'url',
  'bibliography',
  'csl',
  'theme',
  'css',
  'files',
  'revealOptions',
  'separator',
  'verticalSeparator',
  'notesSeparator',
  'highlightTheme',
] as const;

export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

/** Built-in themes; reveal's stock theme names map onto them so reveal-md decks keep their look's polarity. */
export const THEMES: Record<string, 'light' | 'dark'> = {
  light: 'light',
  dark: 'dark',
  white: 'light',
  'white-contrast': 'light',
  simple: 'light',
  beige: 'light',
  serif: 'light',
  sky: 'light',
  solarized: 'light',
  black: 'dark',
  'black-contrast': 'dark',
  night: 'dark',
  league: 'dark',
  moon: 'dark',
  blood: 'dark',
  dracula: 'dark',
};

/** Slide splitting rules; reveal-md decks can override them in front matter. */
export interface SeparatorConfig {
  /** Whole-line pattern that starts a horizontal slide. @default ^---$ */
  horizontal: RegExp;
  /** Whole-line pattern that starts a vertical slide. @default ^--$ or ^----$ (reveal-md) */
  vertical: RegExp;
  /** Pattern at the start of a line that starts speaker notes. @default ^\s*notes?:\s* */
  notes: RegExp;
}

export const defaultSeparators: SeparatorConfig = {
  horizontal: /^---\s*$/,
  vertical: /^(--|----)\s*$/,
  notes: /^\s*notes?:\s*/i,
};

/** Reading speed used for estimates and per-slide timing. */
export const WORDS_PER_MINUTE = 130;

/** Metadata defaults; `resolveMeta` in parse/frontmatter.ts applies them under the front matter. */
export const defaultMeta: DeckMeta = {
  title: 'Untitled deck',
  subtitle: '',
  authors: [],
  date: '',
  lang: 'en',
  slug: 'deck',
  minutes: null,
  description: '',
  keywords: [],
  url: '',
  csl: 'mla',
  theme: 'light',
  css: [],
  bibliography: null,
  revealOptions: {},
};

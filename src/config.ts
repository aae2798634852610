import type { DeckMeta } from './model.ts';

/**
 * Front-matter keys a deck may set. reveal-md's keys are accepted too, so a reveal-md deck
 * builds unchanged; reveal's own options may also stand at the top level (REVEAL_OPTION_KEYS).
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
  'strict',
] as const;

export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

/** Our own themes: the talk's look, light or dark. */
export const OWN_THEMES = ['light', 'dark'] as const;

/**
 * reveal.js's themes, shipped lean (their embedded fonts and remote imports dropped). `black` is
 * reveal-md's default.
 */
export const REVEAL_THEMES = [
  'black',
  'white',
  'league',
  'beige',
  'night',
  'serif',
  'simple',
  'solarized',
  'moon',
  'dracula',
  'sky',
  'blood',
  'black-contrast',
  'white-contrast',
] as const;

/** The theme of a deck that names none but uses reveal-md's keys, as reveal-md would show it. */
export const REVEAL_MD_DEFAULT_THEME = 'black';
/** reveal-md's default `highlightTheme`. */
export const REVEAL_MD_DEFAULT_HIGHLIGHT = 'zenburn';
/** Code colours on our own themes: highlight.js's GitHub styles, AA on our light and dark grounds. */
export const OWN_HIGHLIGHT = { light: 'github', dark: 'github-dark' } as const;

/**
 * reveal.js options a reveal-md deck may give at the top level of its front matter; they apply as
 * if given in `revealOptions`.
 */
export const REVEAL_OPTION_KEYS = [
  'controls',
  'controlsTutorial',
  'controlsLayout',
  'controlsBackArrows',
  'progress',
  'slideNumber',
  'showSlideNumber',
  'hashOneBasedIndex',
  'hash',
  'respondToHashChanges',
  'jumpToSlide',
  'history',
  'keyboard',
  'disableLayout',
  'overview',
  'center',
  'touch',
  'loop',
  'rtl',
  'navigationMode',
  'shuffle',
  'fragments',
  'fragmentInURL',
  'embedded',
  'help',
  'pause',
  'showNotes',
  'showHiddenSlides',
  'autoPlayMedia',
  'preloadIframes',
  'autoAnimate',
  'autoAnimateEasing',
  'autoAnimateDuration',
  'autoSlide',
  'autoSlideStoppable',
  'defaultTiming',
  'mouseWheel',
  'previewLinks',
  'postMessage',
  'postMessageEvents',
  'focusBodyOnPageVisibilityChange',
  'transition',
  'transitionSpeed',
  'backgroundTransition',
  'pdfMaxPagesPerSlide',
  'pdfSeparateFragments',
  'pdfPageHeightOffset',
  'viewDistance',
  'mobileViewDistance',
  'display',
  'hideInactiveCursor',
  'hideCursorTime',
  'width',
  'height',
  'margin',
  'minScale',
  'maxScale',
  'parallaxBackgroundImage',
  'parallaxBackgroundSize',
  'parallaxBackgroundRepeat',
  'parallaxBackgroundPosition',
  'parallaxBackgroundHorizontal',
  'parallaxBackgroundVertical',
] as const;

/** Keys only reveal-md decks write: a deck with any of them and no `theme` gets reveal-md's look. */
export const REVEAL_MD_KEYS = ['revealOptions', 'highlightTheme', 'separator', 'verticalSeparator', 'notesSeparator'];

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
  themeFile: null,
  highlightTheme: OWN_HIGHLIGHT.light,
  css: [],
  bibliography: null,
  revealOptions: {},
};

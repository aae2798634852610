/** Longest title made from a slide's text when it has no heading. */
const TEXT_TITLE_LENGTH = 60;

/**
 * A slide's title, one rule for deck.json (the compiler) and the page's contents (the runtime):
 * its first heading, else the start of its text, else "Slide N". `heading` and `text` come with
 * white space collapsed; `index` is 0-based.
 */
export function slideTitle(heading: string, text: string, index: number): string {
  return heading || text.slice(0, TEXT_TITLE_LENGTH).trim() || `Slide ${index + 1}`;
}

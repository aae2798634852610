import { DECK_JSON_META, type Deck, type DeckJson } from '../model.ts';

/** The model as `dist/deck.json`: what export, smoke tests and other tools read. */
export function deckJson(deck: Deck): DeckJson {
  const meta = Object.fromEntries(DECK_JSON_META.map((key) => [key, deck.meta[key]])) as Pick<
    Deck['meta'],
    (typeof DECK_JSON_META)[number]
  >;
  return {
    ...meta,
    slides: deck.slides.map(({ html: _html, attributes: _attributes, ...slide }) => slide),
    references: deck.references,
    referencesHeading: deck.referencesHeading,
    estimatedMinutes: deck.estimatedMinutes,
  };
}

/** deck.json's bytes, as the build writes them. */
export function deckJsonText(deck: Deck): string {
  return `${JSON.stringify(deckJson(deck), null, 2)}\n`;
}

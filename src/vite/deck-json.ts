import type { Deck, DeckJson } from '../model.ts';

/** The model as `dist/deck.json`: what export, smoke tests and other tools read. */
export function deckJson(deck: Deck): DeckJson {
  const { meta } = deck;
  return {
    title: meta.title,
    subtitle: meta.subtitle,
    authors: meta.authors,
    date: meta.date,
    lang: meta.lang,
    description: meta.description,
    keywords: meta.keywords,
    slug: meta.slug,
    minutes: meta.minutes,
    slides: deck.slides.map((s) => ({
      index: s.index,
      h: s.h,
      v: s.v,
      id: s.id,
      title: s.title,
      notesWords: s.notesWords,
      notesText: s.notesText,
      notesHtml: s.notesHtml,
      fragments: s.fragments,
      citations: s.citations,
      source: s.source,
    })),
    references: deck.references,
    referencesHeading: deck.referencesHeading,
    estimatedMinutes: deck.estimatedMinutes,
  };
}

/**
 * Which slides carry each paragraph of the article (slides/article.txt).
 *
 * A paragraph is named by its opening words (`opening` must be a prefix of it). `slides`
 * lists the ids of the slides whose text or notes present that paragraph's content; the
 * coverage test checks that every paragraph has an entry, that every id exists, and that
 * each listed slide shares distinctive vocabulary with its paragraph.
 */
export interface CoverageEntry {
  /** The first words of the paragraph, exactly as in slides/article.txt. */
  opening: string;
  /** What the paragraph is about, for people reading this map. */
  topic: string;
  /** Ids of the slides that present it, in deck order. */
  slides: string[];
}

export const coverage: CoverageEntry[] = [
  {
    opening: 'Over the decades, globalization and security issues',
    topic:
      'Globalization, terrorism and transnational crime shape migration policy; trafficking and smuggling are separate but sometimes linked',
    slides: ['globalization', 'two-crimes', 'four-differences'],
  },
  {
    opening: 'In recent years, border controls have been reduced',
    topic: 'Weak border capacity (the article’s argument) and why people who are trafficked go unidentified',
    slides: ['weak-borders', 'unidentified'],
  },
  {
    opening: 'There are fears that the pandemic',
    topic: 'COVID-19: identification harder, smuggling networks thrive, migrants abandoned, riskier routes',
    slides: ['covid-19', 'riskier-routes'],
  },
  {
    opening: 'To address the need for better border measures',
    topic: 'The EU Action Plan’s four priorities; COVID-era protection measures; the UN working group',
    slides: ['eu-action-plan', 'protection'],
  },
  {
    opening: 'Overall, migrant smuggling is a lucrative industry',
    topic: 'Why smuggling is lucrative, what countering it requires, and the closing message',
    slides: ['why-smuggling-pays', 'countering', 'conclusion'],
  },
];

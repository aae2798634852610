// MLA 9 shortens a title in running citations to its first noun phrase, starting with the word
// the entry is alphabetised by: "Impact of the COVID Crisis on Migrant Smuggling" ->
// "Impact of the COVID Crisis". CSL-JSON rarely carries `title-short`, so derive one.

const ARTICLE = /^(?:a|an|the)\s+/i;

// A noun phrase ends where a prepositional phrase that is not its complement begins.
// "of" is left out on purpose: "Impact of the Crisis" is still one noun phrase.
const PREPOSITIONS = new Set(
  (
    'about above across after against along amid among amongst around as at before behind below ' +
    'beneath beside besides between beyond by concerning despite during except for from in inside ' +
    'into near on onto outside over per regarding since through throughout to toward towards ' +
    'under underneath until upon versus via with within without'
  ).split(' '),
);

/** The short title of `title`: main title only, no leading article, first noun phrase. Pure. */
export function shortTitle(title: string): string {
  // Main title: before a colon, question/exclamation mark or dash that separates a subtitle.
  let main = title.split(/\s*(?:[:?!]\s|\s[—–]\s)/)[0] ?? title;
  main = main
    .replace(/:$/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim();
  const rest = main.replace(ARTICLE, '');
  const words = rest.split(/\s+/);
  // Keep at least two words ("Protocol against the Smuggling of Migrants", not "Protocol").
  const cut = words.findIndex((w, i) => i >= 2 && PREPOSITIONS.has(w.toLowerCase()));
  const short = (cut > 0 ? words.slice(0, cut) : words).join(' ').replace(/[,;.]+$/, '');
  return short || title;
}

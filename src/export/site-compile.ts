/**
 * Everything a build after an edit needs to compile the deck and join it into Vite's last page
 * (site-update.ts), as one module: `npm run compile` also bundles it, with the libraries it uses,
 * into one file beside it (src/launch/bundle-compile.mjs), which Node loads in a fraction of the
 * time the hundred-odd modules take one by one. See site-compile-loader.ts.
 */
export { isDeckError } from '../errors.ts';
export { loadDeck } from '../load-deck.ts';
export { deckPublicDir } from '../vite/config.ts';
export { deckJsonText } from '../vite/deck-json.ts';
export { assetFileName, deckIcon, pageForVite, pageInputsDigest, TEMPLATE_FILE } from '../vite/page-inputs.ts';
export { deckErrorFrame, deckWarningLine } from '../vite/plugin.ts';
export { fillSections } from '../vite/template.ts';

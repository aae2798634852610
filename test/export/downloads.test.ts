import { describe, expect, it } from 'vitest';
import { DOWNLOADS_ELEMENT_ID, downloadsElement, type DeckDownloads } from '../../src/contract/downloads.ts';
import { injectDownloads, readDownloads } from '../../src/export/downloads.ts';

const page =
  '<!doctype html>\n<html><body>\n<div class="reveal"></div>\n<script defer src="./a.js"></script>\n</body>\n</html>\n';
const list: DeckDownloads = [
  { kind: 'slides', href: './talk.pdf', bytes: 12345, pages: 17, label: 'Slides (PDF)' },
  { kind: 'handout', href: './talk-handout.pdf', bytes: 2345, pages: 8, label: 'Handout (PDF)' },
];

describe('downloads block', () => {
  it('goes just before </body>, as JSON in a script element with the agreed id', () => {
    const html = injectDownloads(page, list);
    expect(html).toContain(`<script type="application/json" id="${DOWNLOADS_ELEMENT_ID}">`);
    expect(html.indexOf('deck-downloads')).toBeGreaterThan(html.indexOf('./a.js'));
    expect(html.indexOf('deck-downloads')).toBeLessThan(html.indexOf('</body>'));
    expect(readDownloads(html)).toEqual(list);
  });

  it('replaces the block of an earlier export instead of adding a second', () => {
    const twice = injectDownloads(injectDownloads(page, list), list.slice(0, 1));
    expect(twice.match(/deck-downloads/g)).toHaveLength(1);
    expect(readDownloads(twice)).toEqual(list.slice(0, 1));
  });

  it('leaves the block out when no PDF exists, and removes an old one', () => {
    expect(injectDownloads(page, [])).toBe(page);
    expect(injectDownloads(injectDownloads(page, list), [])).toBe(page);
  });

  it('cannot be closed early by a file name', () => {
    const el = downloadsElement([{ kind: 'slides', href: './</script><b>.pdf', bytes: 1, pages: 1, label: 'x' }]);
    expect(el.match(/<\/script>/g)).toHaveLength(1);
    expect(
      readDownloads(
        injectDownloads(page, [{ kind: 'slides', href: './</script>.pdf', bytes: 1, pages: 1, label: 'x' }]),
      )[0]?.href,
    ).toBe('./</script>.pdf');
  });
});

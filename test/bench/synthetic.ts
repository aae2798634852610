/** A synthetic deck of `n` slides with headings, bullets, a fragment, a citation and notes. */
export function syntheticDeck(n: number, withCitations = true): string {
  const parts = [
    `---\ntitle: Synthetic ${n}\nslug: synthetic-${n}\nminutes: ${Math.max(1, Math.round(n / 1.2))}\n${withCitations ? 'bibliography: refs.json\n' : ''}---\n`,
  ];
  for (let i = 1; i <= n; i++) {
    const sep = i === 1 ? '' : i % 5 === 0 ? '--\n\n' : '---\n\n';
    parts.push(
      `${sep}<!-- .slide: class="s${i % 3}" -->\n\n## Slide ${i}: a heading of ordinary length\n\n` +
        `- First point with **bold** and *emphasis* ${withCitations ? '[@doe-2020, p. ' + i + ']' : ''}\n` +
        `- Second point with a [link](https://example.org/${i})\n` +
        `- Third point, shown later <!-- .element: class="fragment" -->\n\n` +
        `Note:\nThis is what the presenter says on slide ${i}. It runs to a few sentences, ` +
        `as real notes do, so that the compiler has text to count and render.\n\n`,
    );
  }
  return parts.join('');
}

export const syntheticRefs = JSON.stringify([
  {
    id: 'doe-2020',
    type: 'book',
    title: 'A Book of Things',
    author: [{ family: 'Doe', given: 'Jane' }],
    publisher: 'Example Press',
    issued: { 'date-parts': [[2020]] },
  },
]);

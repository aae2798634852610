import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/compile.ts';
import {
  CSP_NO_INLINE_HANDLERS,
  fillSections,
  fillTemplate,
  sectionsCanSkipVite,
  SECTIONS_MARKER,
} from '../../src/vite/template.ts';

const template = readFileSync(new URL('../../src/index.html', import.meta.url), 'utf8');
const host = { readText: () => undefined, assetUrl: () => null };
const page = (text: string) => fillTemplate(template, compileDeck([{ path: 'slides/talk.md', text }], host));

describe('fillTemplate', () => {
  it("keeps $&, $' and $$ in the title, description and authors as text", () => {
    const html = page('---\ntitle: A $& B $\' C $$ D $`\ndescription: x $& y\nauthors: ["$\'$$"]\n---\n\n# S\n');
    const { document } = parseHTML(html);
    expect(document.querySelector('title')?.textContent).toBe("A $& B $' C $$ D $`");
    expect(document.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('x $& y');
    expect(document.querySelector('meta[name="author"]')?.getAttribute('content')).toBe("$'$$");
    expect(document.querySelectorAll('section[data-deck-index]')).toHaveLength(1);
  });

  it('forbids inline event handlers unless the deck’s own markup uses them', () => {
    const csp = (html: string) =>
      parseHTML(html).document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp(page('# S\n'))).toBe(CSP_NO_INLINE_HANDLERS);
    expect(csp(page('# S\n\n<button onclick="alert(1)">go</button>\n'))).toBeUndefined();
    expect(csp(page('# S\n\nNote:\n<button onclick="alert(1)">go</button>\n'))).toBeUndefined();
    expect(csp(page('<!-- .slide: onclick="alert(1)" -->\n\n# S\n'))).toBeUndefined();
    // Looks like one to a quick test, but is text.
    expect(csp(page('# S\n\n```python\nx, one = 1, 2\n```\n\nsomeone = me\n'))).toBe(CSP_NO_INLINE_HANDLERS);
  });
});

describe('slides that skip Vite’s HTML step', () => {
  const compiled = (text: string) => compileDeck([{ path: 'slides/talk.md', text }], host);

  it('fills the page in two steps exactly as in one', () => {
    const result = compiled('# A $& title\n\n```js [1|2]\nconst a = "$\'";\nlet b;\n```\n\n$x^2$ and $$\\sum_k k$$\n');
    const later = fillTemplate(template, result, undefined, { sections: false });
    expect(later.split(SECTIONS_MARKER)).toHaveLength(2);
    expect(fillSections(later, result.sectionsHtml)).toBe(fillTemplate(template, result));
  });

  it('lets code, math, images and plain markup skip it', () => {
    const { sectionsHtml } = compiled(
      '# Code\n\n```css\na { background: url(x.png) }\n```\n\n$\\sqrt{x}$ <span style="color: red">red</span>\n',
    );
    expect(sectionsCanSkipVite(sectionsHtml)).toBe(true);
    expect(sectionsCanSkipVite('<p><img src="./assets/a-12345678.png" alt=""></p>')).toBe(true);
  });

  it('keeps every element and attribute Vite rewrites on its way', () => {
    for (const html of [
      '<script type="module">x()</script>',
      '<script>import("./x.js")</script>',
      '<style>p { color: red }</style>',
      '<link rel="stylesheet" href="x.css">',
      '<meta property="og:image" content="x.png">',
      '<img srcset="a.png 1x,b.png 2x">',
      '<div style="background: url(a.png)"></div>',
      '<div style="background-image: image-set(\'a.png\' 1x)"></div>',
      '<svg><use href="sprite.svg#a"/></svg>',
      '<svg><image href="a.png"/></svg>',
      '<object data="a.pdf"></object>',
      '<embed src="a.pdf">',
      '<video><track src="a.vtt"></video>',
      '<input type="image" src="a.png">',
      '<img vite-ignore src="a.png">',
    ])
      expect(sectionsCanSkipVite(html), html).toBe(false);
  });
});

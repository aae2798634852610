import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/compile.ts';
import { CSP_NO_INLINE_HANDLERS, fillTemplate } from '../../src/vite/template.ts';

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
  });
});

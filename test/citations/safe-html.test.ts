import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createCiter, type CslItem } from '../../src/citations/cite.ts';
import { sanitizeCslHtml } from '../../src/citations/safe-html.ts';

const hostile: CslItem[] = [
  { id: 'q', type: 'webpage', title: 'Quote', URL: 'https://x.org/a"><img src=x onerror=alert(1)>' },
  { id: 'd', type: 'article-journal', title: 'Doi', DOI: '10.1/x" onmouseover="alert(1)' },
  { id: 'j', type: 'webpage', title: 'Script', URL: 'javascript:alert(1)' },
];

describe('bibliography values never become markup', () => {
  it.each(['mla', 'apa', 'vancouver'])(
    '%s: quotes in URL and DOI stay in the address; javascript: is no link',
    (style) => {
      const citer = createCiter(hostile, style, 'en-US');
      const entries = citer.bibliography(['q', 'd', 'j']);
      const { document } = parseHTML(`<ul>${entries.map((e) => `<li id="${e.key}">${e.html}</li>`).join('')}</ul>`);
      expect(document.querySelectorAll('img, script, svg')).toHaveLength(0);
      for (const el of document.querySelectorAll('*'))
        for (const name of el.getAttributeNames()) expect(name).not.toMatch(/^on/);
      for (const a of document.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(document.querySelector('#q a')?.getAttribute('href')).toBe(
        'https://x.org/a%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E',
      );
      // citeproc itself files a scheme it does not know under doi.org; never a javascript: link.
      expect(document.querySelector('#j a')?.getAttribute('href') ?? '').not.toMatch(/^javascript:/);
    },
  );

  it('rebuilds citeproc HTML with formatting tags and safe links only', () => {
    const out = sanitizeCslHtml(
      '<i>T</i> <a href="javascript:x">j</a> <a href="https://a.b/c">k</a><script>bad()</script><b onclick="x">b</b>',
      { links: true },
    );
    expect(out).toBe('<i>T</i> j <a href="https://a.b/c">k</a><b>b</b>');
    expect(sanitizeCslHtml('<a href="https://a.b">k</a>', { links: false })).toBe('k');
  });
});

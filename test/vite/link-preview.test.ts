import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost } from '../../src/compile.ts';
import { DeckError } from '../../src/errors.ts';
import { fillTemplate } from '../../src/vite/template.ts';

const host: CompileHost = { readText: () => undefined, assetUrl: () => null };
const TEMPLATE = readFileSync(path.resolve(import.meta.dirname, '../../src/index.html'), 'utf8');

function page(frontMatter: string): Document {
  const result = compileDeck(
    [{ path: 'slides/talk.md', text: `---\n${frontMatter}\n---\n\n# Hello\n\nNote: hi\n` }],
    host,
  );
  return parseHTML(fillTemplate(TEMPLATE, result)).document;
}

function meta(doc: Document, key: string): string | null {
  const el = doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`);
  return el ? el.getAttribute('content') : null;
}

describe('link preview metadata in the page head', () => {
  it('gives Open Graph and Twitter card title, description and the preview image, relative without url:', () => {
    const doc = page('title: My talk\nslug: my-talk\ndescription: What it is about\nlang: en-GB');
    expect(meta(doc, 'og:title')).toBe('My talk');
    expect(meta(doc, 'og:description')).toBe('What it is about');
    expect(meta(doc, 'og:type')).toBe('website');
    expect(meta(doc, 'og:locale')).toBe('en_GB');
    expect(meta(doc, 'og:image')).toBe('./my-talk-preview.png');
    expect(meta(doc, 'og:image:width')).toBe('1200');
    expect(meta(doc, 'og:image:height')).toBe('630');
    expect(meta(doc, 'og:url')).toBeNull();
    expect(meta(doc, 'twitter:card')).toBe('summary_large_image');
    expect(meta(doc, 'twitter:title')).toBe('My talk');
    expect(meta(doc, 'twitter:image')).toBe('./my-talk-preview.png');
    // In the head, not the body.
    expect(doc.head.querySelectorAll('meta[property^="og:"]').length).toBeGreaterThan(5);
  });

  it('makes the image URL absolute with the front matter’s url:, the folder of the page', () => {
    for (const [url, base] of [
      ['https://example.org/talks/border', 'https://example.org/talks/border/'],
      ['https://example.org/talks/border/', 'https://example.org/talks/border/'],
      ['https://example.org/talks/border/index.html?x=1#a', 'https://example.org/talks/border/'],
    ]) {
      const doc = page(`title: T\nslug: t\nurl: ${url}`);
      expect(meta(doc, 'og:url')).toBe(base);
      expect(meta(doc, 'og:image')).toBe(`${base}t-preview.png`);
    }
  });

  it('refuses a url: that is not a web address, at its line', () => {
    for (const bad of ['javascript:alert(1)', 'example.org/talk', 'https://user:pw@example.org/']) {
      let err: unknown;
      try {
        page(`title: T\nurl: "${bad}"`);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DeckError);
      expect((err as DeckError).pos.line).toBe(3);
      expect((err as DeckError).message).toMatch(/url/);
    }
  });

  it('keeps front-matter values as attribute values: quotes, markup and $-patterns stay text', () => {
    const title = `"><script>alert(1)</script> $& $' & 'quoted'`;
    const doc = page(`title: ${JSON.stringify(title)}\ndescription: ${JSON.stringify('a <b>bold</b> "claim" $1')}`);
    expect(meta(doc, 'og:title')).toBe(title);
    expect(meta(doc, 'twitter:title')).toBe(title);
    expect(meta(doc, 'og:description')).toBe('a <b>bold</b> "claim" $1');
    // The template's own scripts only (the runtime, and the one-line marker that the page has JavaScript).
    const scripts = [...doc.querySelectorAll('script:not([type="module"])')].map((s) => s.textContent?.trim());
    expect(scripts).toEqual(["document.documentElement.classList.add('deck-js');"]);
    expect(doc.head.querySelectorAll('b')).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { linksAsText, notesAsText } from '../../src/export/pptx.ts';
import { slideImageName, slideImagePattern, type SlideShot } from '../../src/export/slide-images.ts';

describe('speaker notes as PowerPoint text', () => {
  it('keeps paragraphs apart, lists as items, nested lists indented, citations as their text', () => {
    const html =
      '<p>First <em>paragraph</em> with a citation <a class="deck-cite" href="#/works-cited">(Miller and Baumeister)</a>.</p>\n' +
      '<p>Second\nparagraph.</p>\n' +
      '<ul><li>one</li><li>two<ul><li>two a</li></ul></li></ul>\n' +
      '<ol><li>first</li><li>second</li></ol>';
    expect(notesAsText(html)).toBe(
      [
        'First paragraph with a citation (Miller and Baumeister).',
        'Second paragraph.',
        '• one\n• two\n  • two a',
        '1. first\n2. second',
      ].join('\n\n'),
    );
  });

  it('is empty for no notes and keeps bare text', () => {
    expect(notesAsText('')).toBe('');
    expect(notesAsText('just words')).toBe('just words');
  });

  it('lists a slide’s external links once each, and none when it has none', () => {
    const link = (text: string, url: string | null, slide: number | null = null) => ({
      text,
      url,
      slide,
      x: 0,
      y: 0,
      w: 0.1,
      h: 0.1,
    });
    const shot = (links: SlideShot['links']): SlideShot => ({
      slide: 0,
      step: null,
      png: new Uint8Array(),
      width: 1,
      height: 1,
      text: '',
      links,
    });
    expect(
      linksAsText(
        shot([
          link('the report', 'https://example.org/report'),
          link('the report', 'https://example.org/report'),
          link('example.org/x', 'https://example.org/x'),
          link('(Works Cited)', null, 5),
        ]),
      ),
    ).toBe('Links on this slide:\nthe report: https://example.org/report\nhttps://example.org/x');
    expect(linksAsText(shot([link('(Works Cited)', null, 5)]))).toBe('');
  });
});

describe('slide picture names', () => {
  it('numbers slides with at least two digits, more for large decks, and steps after a dash', () => {
    expect(slideImageName('talk', 0, null, 17)).toBe('talk-01.png');
    expect(slideImageName('talk', 16, null, 17)).toBe('talk-17.png');
    expect(slideImageName('talk', 3, 0, 17)).toBe('talk-04-1.png');
    expect(slideImageName('talk', 8, null, 140)).toBe('talk-009.png');
  });

  it('matches only names it gives for that slug', () => {
    const ours = slideImagePattern('my.talk');
    expect(ours.test('my.talk-01.png')).toBe(true);
    expect(ours.test('my.talk-104-3.png')).toBe(true);
    expect(ours.test('my.talk-contact.png')).toBe(false);
    expect(ours.test('my.talk-preview.png')).toBe(false);
    expect(ours.test('myxtalk-01.png')).toBe(false);
    expect(ours.test('my.talk-1.png')).toBe(false);
    expect(ours.test('holiday.png')).toBe(false);
  });
});

describe('the PowerPoint package with hostile text', () => {
  it('keeps markup-like titles, notes, links and keywords as text in every XML part', async () => {
    const { buildPptx } = await import('../../src/export/pptx.ts');
    const { default: JSZip } = await import('jszip');
    const evil = `<b>"x" & 'y'</b>`;
    const deck = {
      title: evil,
      subtitle: evil,
      authors: [evil],
      date: '',
      lang: 'en',
      description: '',
      keywords: [evil],
      slug: 'evil',
      minutes: null,
      slides: [
        {
          index: 0,
          h: 0,
          v: 0,
          id: 'a',
          title: evil,
          notesWords: 1,
          notesText: evil,
          notesHtml: `<p>${evil.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
          fragments: 0,
          citations: [],
          source: { file: 'slides/talk.md', startLine: 1, endLine: 2 },
        },
      ],
      references: [],
      referencesHeading: 'Works Cited',
      estimatedMinutes: 1,
    };
    // A 1×1 white PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC',
      'base64',
    );
    const bytes = await buildPptx(deck, [
      {
        slide: 0,
        step: null,
        png,
        width: 1,
        height: 1,
        text: evil,
        links: [{ text: evil, url: 'https://example.org/?a="b"&c=<d>', slide: null, x: 0, y: 0, w: 0.5, h: 0.1 }],
      },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      expect(xml, name).not.toContain('<b>');
      expect(xml, name).not.toContain('"x"');
      expect(xml, name).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    }
    const notes = await zip.file('ppt/notesSlides/notesSlide1.xml')!.async('string');
    expect(notes).toContain('&lt;b&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/b&gt;');
  });
});

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

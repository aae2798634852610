import { describe, expect, it } from 'vitest';
import type { DeckJson } from '../../src/model.ts';
import { isFailing } from '../../src/smoke/a11y.ts';
import { classifyUrl, sectionLines, slideFromStack } from '../../src/smoke/locate.ts';
import { arrowKey, forwardSteps } from '../../src/smoke/steps.ts';
import { formatFailure } from '../../src/smoke/report.ts';
import { screenshotName } from '../../src/smoke/run.ts';
import { deckViewport } from '../../src/smoke/sweep.ts';

describe('classifyUrl', () => {
  const web = 'http://127.0.0.1:4000/talk/';
  const file = 'file:///home/me/dist/';
  it.each([
    [web, 'http://127.0.0.1:4000/talk/assets/a.js', 'deck'],
    [web, 'http://127.0.0.1:4000/nope.png', 'outside'],
    [web, 'http://localhost:4000/talk/a.js', 'other-origin'],
    [web, 'https://fonts.googleapis.com/css', 'other-origin'],
    [web, 'data:image/png;base64,AAAA', 'inline'],
    [web, 'blob:http://127.0.0.1:4000/1234', 'inline'],
    [file, 'file:///home/me/dist/assets/a.js', 'deck'],
    [file, 'file:///nope.png', 'outside'],
    [file, 'https://example.com/logo.png', 'other-origin'],
  ])('from %s, %s is %s', (base, url, kind) => {
    expect(classifyUrl(url, base)).toBe(kind);
  });
});

describe('script errors point at their slide', () => {
  const html = [
    '<!doctype html>', // 1
    '<div class="slides">', // 2
    '<section id="a" data-deck-index="0">', // 3
    '<h1>A</h1>', // 4
    '</section>', // 5
    '<section class="deck-stack">', // 6
    '<section id="b" data-deck-index="1">', // 7
    '<script>throw new Error("x")</script>', // 8
    '</section>', // 9
    '</section>', // 10
  ].join('\n');
  const sections = sectionLines(html);

  it('finds the lines of each slide section', () => {
    expect(sections).toEqual([
      { index: 0, start: 3, end: 5 },
      { index: 1, start: 7, end: 9 },
    ]);
  });

  it('maps a stack frame in the page itself to the slide holding that line', () => {
    expect(
      slideFromStack(
        'Error: x\n    at <anonymous> (http://127.0.0.1:4000/talk/:8:9)',
        'http://127.0.0.1:4000/talk/#/b',
        sections,
      ),
    ).toBe(1);
    expect(
      slideFromStack('Error: x\n    at onerror (file:///d/index.html:4:1)', 'file:///d/index.html?x#/a', sections),
    ).toBe(0);
  });

  it('ignores frames in other files and lines outside the slides', () => {
    expect(
      slideFromStack(
        'Error: x\n    at f (http://127.0.0.1:4000/talk/assets/index.js:8:9)',
        'http://127.0.0.1:4000/talk/',
        sections,
      ),
    ).toBeNull();
    expect(
      slideFromStack('Error: x\n    at (http://127.0.0.1:4000/talk/:1:1)', 'http://127.0.0.1:4000/talk/', sections),
    ).toBeNull();
  });
});

const deck = {
  slides: [
    { index: 0, h: 0, v: 0, fragments: 0 },
    { index: 1, h: 1, v: 0, fragments: 2 },
    { index: 2, h: 1, v: 1, fragments: 0 },
    { index: 3, h: 2, v: 0, fragments: 0 },
  ],
} as unknown as DeckJson;

describe('the presenter walk', () => {
  it('lists every stop: each slide, and each fragment step after it', () => {
    expect(forwardSteps(deck).map((s) => `${s.h}/${s.v}/${s.f}`)).toEqual([
      '0/0/-1',
      '1/0/-1',
      '1/0/0',
      '1/0/1',
      '1/1/-1',
      '2/0/-1',
    ]);
  });

  it('uses right for fragments and slides, down inside a stack, and the opposites back', () => {
    const [a, b, c, d, e, f] = forwardSteps(deck);
    expect([
      arrowKey(a!, b!, false),
      arrowKey(b!, c!, false),
      arrowKey(d!, e!, false),
      arrowKey(e!, f!, false),
    ]).toEqual(['ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowRight']);
    expect([arrowKey(f!, e!, true), arrowKey(e!, d!, true), arrowKey(c!, b!, true), arrowKey(b!, a!, true)]).toEqual([
      'ArrowLeft',
      'ArrowUp',
      'ArrowLeft',
      'ArrowLeft',
    ]);
  });
});

describe('reporting', () => {
  it('names the slide, the check, what was expected and found, and the screenshot', () => {
    const text = formatFailure({
      check: 'fit',
      slide: { number: 5, title: 'Weak borders', id: 'weak-borders' },
      expected: 'content inside the 1280×720 slide',
      found: 'ul “…” reaches 96 px below the bottom edge',
      screenshot: '/tmp/shots/05-weak-borders.png',
    });
    expect(text.split('\n')).toEqual([
      '✗ fit · slide 5 “Weak borders” (#weak-borders)',
      '    expected:   content inside the 1280×720 slide',
      '    found:      ul “…” reaches 96 px below the bottom edge',
      '    screenshot: /tmp/shots/05-weak-borders.png',
    ]);
  });

  it('names screenshots so they sort in slide order', () => {
    expect(screenshotName(4, 'weak-borders', 17)).toBe('05-weak-borders.png');
    expect(screenshotName(99, 'x/../y', 140)).toBe('100-x-y.png');
    expect(screenshotName(0, '', 3)).toBe('01-slide.png');
  });

  it('fails serious and critical axe findings, and heading order whatever its impact', () => {
    expect([
      isFailing({ id: 'color-contrast', impact: 'serious' }),
      isFailing({ id: 'image-alt', impact: 'critical' }),
      isFailing({ id: 'heading-order', impact: 'moderate' }),
      isFailing({ id: 'region', impact: 'moderate' }),
    ]).toEqual([true, true, true, false]);
  });

  it('sizes the sweep viewport so reveal draws the slide at scale 1', () => {
    expect(deckViewport({ width: 1280, height: 720, margin: 0.04, minTextPx: 28 })).toEqual({
      width: 1334,
      height: 750,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { linkHost } from '../../src/present/lan-address.ts';
import { followerDeckJson, livePage } from '../../src/present/page.ts';
import { formatQuestions } from '../../src/present/questions-file.ts';
import { TokenBucket } from '../../src/present/rate-limit.ts';
import { newToken, readCookie, tokenMatches } from '../../src/present/token.ts';

describe('the presenter token', () => {
  it('is random, 192 bits, and matches only itself', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(24);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(b, a)).toBe(false);
    expect(tokenMatches(a.slice(0, -1), a)).toBe(false);
    expect(tokenMatches(`${a}x`, a)).toBe(false);
    expect(tokenMatches('', a)).toBe(false);
    expect(tokenMatches(undefined, a)).toBe(false);
  });

  it('is read from its own cookie only', () => {
    expect(readCookie('a=1; deck_live_80=tok; deck_live_8=no', 'deck_live_80')).toBe('tok');
    expect(readCookie('xdeck_live_80=tok', 'deck_live_80')).toBeUndefined();
    expect(readCookie(undefined, 'deck_live_80')).toBeUndefined();
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then one per interval', () => {
    const bucket = new TokenBucket(3, 1000, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(999)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(1000)).toBe(false);
    // It never holds more than its capacity, however long it waited.
    expect([bucket.take(1e9), bucket.take(1e9), bucket.take(1e9), bucket.take(1e9)]).toEqual([true, true, true, false]);
  });
});

describe('linkHost', () => {
  const nets = {
    lo: [{ family: 'IPv4', internal: true, address: '127.0.0.1' }],
    wlan0: [
      { family: 'IPv6', internal: false, address: 'fe80::1' },
      { family: 'IPv4', internal: false, address: '192.168.1.20' },
    ],
  } as unknown as Parameters<typeof linkHost>[1];
  it('names the LAN address for 0.0.0.0, and the bound host otherwise', () => {
    expect(linkHost('0.0.0.0', nets)).toBe('192.168.1.20');
    expect(linkHost('0.0.0.0', { lo: nets!.lo })).toBe('127.0.0.1');
    expect(linkHost('10.0.0.5', nets)).toBe('10.0.0.5');
    expect(linkHost('::1', nets)).toBe('[::1]');
  });
});

describe('the page for the room', () => {
  const html =
    '<!DOCTYPE html><html><head><title>x</title></head><body><section><p>$& slide</p><aside class="notes">NOTES</aside></section>' +
    '<script type="application/json" id="deck-downloads">[{"kind":"slides","href":"./t.pdf"},{"kind":"handout","href":"./t-handout.pdf"}]</script></body></html>';

  it('drops the notes and the handout for followers, and adds the live client for everyone', () => {
    const follower = livePage(html, { withNotes: false });
    expect(follower).not.toContain('NOTES');
    expect(follower).not.toContain('t-handout.pdf');
    expect(follower).toContain('./t.pdf');
    expect(follower).toContain('<p>$&amp; slide</p>');
    expect(follower).toMatch(
      /<script (src="\/__deck-live\/client\.js" defer|defer src="\/__deck-live\/client\.js")><\/script>/,
    );
    const presenter = livePage(html, { withNotes: true });
    expect(presenter).toContain('NOTES');
    expect(presenter).toContain('t-handout.pdf');
    expect(presenter).toContain('/__deck-live/client.js');
  });

  it('empties the notes in deck.json', () => {
    const out = JSON.parse(
      followerDeckJson(
        JSON.stringify({ title: 'T', slides: [{ title: 'A', notesText: 'n', notesHtml: '<p>n</p>', notesWords: 1 }] }),
      ),
    );
    expect(out.slides[0]).toEqual({ title: 'A', notesText: '', notesHtml: '', notesWords: 0 });
  });
});

describe('formatQuestions', () => {
  it('writes each question as plain text with its slide and flags, oldest first', () => {
    const at = Date.UTC(2026, 0, 1, 9, 5);
    const text = formatQuestions(
      [
        {
          id: 1,
          text: 'First <b>?</b>\nsecond line',
          h: 2,
          v: 0,
          slideTitle: 'Roadmap',
          at,
          answered: true,
          hidden: false,
        },
        { id: 2, text: 'Next', h: 3, v: 1, slideTitle: '', at, answered: false, hidden: true },
      ],
      'My talk',
    );
    expect(text).toBe(
      'Questions from the room: My talk\n\n' +
        '1. [09:05 UTC, slide 3 (Roadmap), answered]\n   First <b>?</b>\n   second line\n\n' +
        '2. [09:05 UTC, slide 4.2, hidden]\n   Next\n',
    );
    expect(formatQuestions([], 'T')).toContain('(none)');
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, parseDownloads } from '../../src/contract/downloads.ts';

describe('the downloads list as the page reads it', () => {
  it('keeps valid entries and drops the rest: no foreign links, no empty labels, no sizes below a byte', () => {
    const good = { kind: 'slides', href: './talk.pdf', bytes: 102_000, pages: 17, label: ' Slides (PDF) ' };
    const list = [
      good,
      { ...good, href: 'https://evil.example/x.pdf' },
      { ...good, href: '//evil.example/x.pdf' },
      { ...good, href: 'javascript:alert(1)' },
      { ...good, label: '  ' },
      { ...good, bytes: 0 },
      { ...good, kind: 'handout', pages: 'many' },
      'not an object',
    ];
    expect(parseDownloads(JSON.stringify(list))).toEqual([
      { ...good, label: 'Slides (PDF)' },
      { ...good, kind: 'handout', pages: null, label: 'Slides (PDF)' },
    ]);
    expect(parseDownloads('{not json')).toEqual([]);
    expect(parseDownloads('{"a":1}')).toEqual([]);
    expect(parseDownloads(null)).toEqual([]);
  });

  it('gives one size in SI units, in the page’s language', () => {
    expect(formatBytes(102_000)).toBe('102 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(1_234_567, 'de')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'not a language!')).toBe('1.2 MB');
  });
});

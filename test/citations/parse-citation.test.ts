import { describe, expect, it } from 'vitest';
import { parseCitation } from '../../src/citations/cite.ts';

describe('parseCitation', () => {
  it('reads a bare key', () => {
    expect(parseCitation('@a')).toEqual([{ key: 'a' }]);
  });

  it('reads a page locator with its label', () => {
    expect(parseCitation('@a, p. 12')).toEqual([{ key: 'a', label: 'page', locator: '12' }]);
  });

  it('takes a plain number for a page', () => {
    expect(parseCitation('@a, 12')).toEqual([{ key: 'a', label: 'page', locator: '12' }]);
  });

  it('reads page ranges with an en dash or a hyphen', () => {
    expect(parseCitation('@a, pp. 3–5')).toEqual([{ key: 'a', label: 'page', locator: '3–5' }]);
    expect(parseCitation('@a, pp. 3-5')).toEqual([{ key: 'a', label: 'page', locator: '3-5' }]);
  });

  it('reads other locator labels', () => {
    expect(parseCitation('@a, para. 4')).toEqual([{ key: 'a', label: 'paragraph', locator: '4' }]);
    expect(parseCitation('@a, sec. 2')).toEqual([{ key: 'a', label: 'section', locator: '2' }]);
    expect(parseCitation('@a, § 2')).toEqual([{ key: 'a', label: 'section', locator: '2' }]);
    expect(parseCitation('@a, chap. 3')).toEqual([{ key: 'a', label: 'chapter', locator: '3' }]);
    expect(parseCitation('@a, art. 3(a)')).toEqual([{ key: 'a', label: 'article-locator', locator: '3(a)' }]);
    expect(parseCitation('@a, p. xii')).toEqual([{ key: 'a', label: 'page', locator: 'xii' }]);
  });

  it('reads several cites separated by semicolons', () => {
    expect(parseCitation('@a; @b')).toEqual([{ key: 'a' }, { key: 'b' }]);
    expect(parseCitation('@a, p. 1 ; @b, 2')).toEqual([
      { key: 'a', label: 'page', locator: '1' },
      { key: 'b', label: 'page', locator: '2' },
    ]);
  });

  it('returns null for text that is not a citation', () => {
    expect(parseCitation('not a cite')).toBeNull();
    expect(parseCitation('see @a')).toBeNull();
    expect(parseCitation('')).toBeNull();
    expect(parseCitation('@')).toBeNull();
    expect(parseCitation('@a; not a cite')).toBeNull();
    expect(parseCitation("@a's")).toBeNull();
  });

  it('keeps - _ : . inside keys but not a trailing period', () => {
    expect(parseCitation('@miller-baumeister_2013:ch.2')).toEqual([{ key: 'miller-baumeister_2013:ch.2' }]);
    expect(parseCitation('@un-smuggling-protocol-2000, p. 3')).toEqual([
      { key: 'un-smuggling-protocol-2000', label: 'page', locator: '3' },
    ]);
    expect(parseCitation('@{odd key}')).toEqual([{ key: 'odd key' }]);
  });

  it('reads pandoc suppress-author and keeps a non-locator suffix', () => {
    expect(parseCitation('-@a, 12')).toEqual([{ key: 'a', suppressAuthor: true, label: 'page', locator: '12' }]);
    expect(parseCitation('@a, p. 12, emphasis added')).toEqual([
      { key: 'a', label: 'page', locator: '12', suffix: ', emphasis added' },
    ]);
    expect(parseCitation('@a, emphasis added')).toEqual([{ key: 'a', suffix: ', emphasis added' }]);
  });
});

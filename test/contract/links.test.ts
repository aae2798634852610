import { describe, expect, it } from 'vitest';
import { parseSlideHash, slideLinkTable } from '../../src/contract/links.ts';

describe('slide links', () => {
  it('reads reveal’s #/h, #/h/v (with a fragment step) and #/id', () => {
    expect(parseSlideHash('#/3')).toEqual({ type: 'indices', h: 3, v: 0 });
    expect(parseSlideHash('#/3/1')).toEqual({ type: 'indices', h: 3, v: 1 });
    expect(parseSlideHash('#/3/1/2')).toEqual({ type: 'indices', h: 3, v: 1 });
    expect(parseSlideHash('#/why%20it%20pays')).toEqual({ type: 'id', id: 'why it pays' });
    expect(parseSlideHash('#/%E0%A4')).toEqual({ type: 'id', id: '%E0%A4' }); // malformed escape: kept as typed
    expect(parseSlideHash('#intro')).toBeNull();
    expect(parseSlideHash('#/')).toBeNull();
  });

  it('maps every link that reaches a slide to its id, for code that runs in the page', () => {
    const table = slideLinkTable([
      { id: 'intro', h: 0, v: 0 },
      { id: 'top', h: 1, v: 0 },
      { id: 'child é', h: 1, v: 1 },
    ]);
    expect(table['#/0']).toBe('intro');
    expect(table['#/1/0']).toBe('top');
    expect(table['#/1']).toBe('top');
    expect(table['#/1/1']).toBe('child é');
    expect(table['#/child é']).toBe('child é');
    expect(table['#/child%20%C3%A9']).toBe('child é');
    expect(table['#/2']).toBeUndefined();
  });
});

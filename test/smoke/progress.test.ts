import { describe, expect, it } from 'vitest';
import { isLoggedStep, progressLine, progressPrinter, type SmokeProgress } from '../../src/smoke/progress.ts';

function stream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, isTTY, columns, write: (text: string) => writes.push(text) };
}

function sweep(total: number): SmokeProgress[] {
  return Array.from({ length: total }, (_, i) => ({ what: 'fit', done: i + 1, total, title: `Slide ${i + 1}` }));
}

describe('smoke progress', () => {
  it('in a log (not a terminal): a plain line at each tenth of the deck and at the end, never a carriage return', () => {
    const out = stream(false);
    const printer = progressPrinter(out);
    for (const p of sweep(140)) printer.update(p);
    printer.end();
    expect(out.writes).toHaveLength(10);
    expect(out.writes[0]).toBe('smoke: fit 14/140 “Slide 14”\n');
    expect(out.writes.at(-1)).toBe('smoke: fit 140/140 “Slide 140”\n');
    expect(out.writes.join('')).not.toMatch(/[\r\x1b]/);
    // A short deck gets a line per slide; a long one never more than eleven.
    expect(sweep(5).filter((p) => isLoggedStep(p.done, p.total))).toHaveLength(5);
    for (const total of [9, 99, 101, 1000, 1234])
      expect(sweep(total).filter((p) => isLoggedStep(p.done, p.total)).length).toBeLessThanOrEqual(11);
  });

  it('on a terminal: one line rewritten in place, cut to its width, cleared at the end', () => {
    const out = stream(true, 40);
    const printer = progressPrinter(out);
    printer.update({ what: 'fit, a11y', done: 1, total: 3, title: 'Short' });
    printer.update({ what: 'fit, a11y', done: 2, total: 3, title: 'A title far too long for a forty-column terminal' });
    printer.end();
    expect(out.writes[0]).toBe(`\r\x1b[K${progressLine({ what: 'fit, a11y', done: 1, total: 3, title: 'Short' })}`);
    expect(out.writes[1]).toMatch(/^\r\x1b\[Ksmoke: fit, a11y 2\/3 “A title .*…$/);
    expect(out.writes[1]!.length - '\r\x1b[K'.length).toBe(39);
    expect(out.writes.at(-1)).toBe('\r\x1b[K');
    expect(out.writes.join('')).not.toContain('\n');
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatStep, formatSummary } from '../../src/export/report.ts';

describe('terminal output', () => {
  it('formats sizes and times for people', () => {
    expect(formatBytes(512)).toBe('1 kB');
    expect(formatBytes(89_700)).toBe('90 kB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.1 MB');
    expect(formatDuration(85.4)).toBe('85 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
  });

  it('prints one line per step with a mark, the time and what it made', () => {
    expect(formatStep('slides PDF', 1400, '17 pages', true)).toBe('✓ slides PDF      1.4 s  17 pages');
    expect(formatStep('layout', 20, '', false)).toMatch(/^✗ layout\s+20 ms$/);
  });

  it('sums up the files with sizes and page counts', () => {
    const table = formatSummary(
      [
        { kind: 'slides', path: '/p/dist/talk.pdf', bytes: 102_000, pages: 17 },
        { kind: 'offline', path: '/elsewhere/talk-offline.html', bytes: 372_000, pages: null },
      ],
      '/p',
      2200,
    );
    expect(table).toContain('dist/talk.pdf');
    expect(table).toContain('/elsewhere/talk-offline.html');
    expect(table).toContain('17 pages');
    expect(table).toContain('102 kB');
    expect(table).toContain('2 files written in 2.2 s');
  });
});

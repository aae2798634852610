import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFileName, parseOutputs, resolveExportOptions, UsageError } from '../../src/export/options.ts';

describe('export options', () => {
  it('defaults to the PDFs, the offline page and the link preview, A4, notes, a build into dist/', () => {
    const o = resolveExportOptions({}, '/project');
    expect(o).toEqual({
      projectDir: path.resolve('/project'),
      outDir: path.resolve('/project/dist'),
      outputs: ['slides', 'handout', 'offline', 'preview'],
      paper: 'a4',
      layout: 'notes',
      fragments: false,
      scale: 2,
      build: true,
      timeoutMs: 60_000,
      strict: false,
      offlineStrict: false,
    });
  });

  it('takes --only repeated or comma-separated, in a fixed order, without duplicates', () => {
    expect(parseOutputs(['offline', 'slides'])).toEqual(['slides', 'offline']);
    expect(parseOutputs(['handout,slides', 'slides'])).toEqual(['slides', 'handout']);
    expect(parseOutputs([' Handout '])).toEqual(['handout']);
    expect(parseOutputs([])).toEqual(['slides', 'handout', 'offline', 'preview']);
  });

  it('writes PNGs and PowerPoint only when asked: --only png,pptx or --all; --scale 1 or 2', () => {
    expect(parseOutputs(['pptx,png'])).toEqual(['png', 'pptx']);
    expect(resolveExportOptions({ all: true }, '/p').outputs).toEqual([
      'slides',
      'handout',
      'offline',
      'png',
      'pptx',
      'preview',
    ]);
    expect(resolveExportOptions({ scale: '1' }, '/p').scale).toBe(1);
    expect(resolveExportOptions({}, '/p').scale).toBe(2);
    expect(() => resolveExportOptions({ scale: '3' }, '/p')).toThrow(/--scale "3" is not one of: 1, 2/);
    expect(outputFileName('pptx', 'talk')).toBe('talk.pptx');
    expect(outputFileName('png', 'talk')).toBe('talk-contact.png');
    expect(outputFileName('preview', 'talk')).toBe('talk-preview.png');
  });

  it('rejects unknown values with the allowed ones', () => {
    expect(() => parseOutputs(['slides,pdf'])).toThrow(/--only "pdf" is not one of: slides, handout, offline/);
    expect(() => resolveExportOptions({ paper: 'a5' }, '/p')).toThrow(UsageError);
    expect(() => resolveExportOptions({ layout: '2-up' }, '/p')).toThrow(/notes, 3-up/);
    expect(() => resolveExportOptions({ timeout: 'soon' }, '/p')).toThrow(/--timeout/);
    expect(() => resolveExportOptions({ timeout: '0' }, '/p')).toThrow(/above 0/);
  });

  it('refuses a --timeout that is not a plain number, or too small to be one (0 ms would mean no limit)', () => {
    expect(() => resolveExportOptions({ timeout: '0.0004' }, '/p')).toThrow(
      /--timeout 0.0004 is too small: give at least 0.01 s/,
    );
    for (const bad of ['', ' ', '0x10', '1e3', '-5', 'Infinity', 'NaN', '5s'])
      expect(() => resolveExportOptions({ timeout: bad }, '/p'), bad).toThrow(UsageError);
    expect(resolveExportOptions({ timeout: '0.01' }, '/p').timeoutMs).toBe(10);
    expect(resolveExportOptions({ timeout: '.5' }, '/p').timeoutMs).toBe(500);
  });

  it('reads the other flags', () => {
    const o = resolveExportOptions(
      { paper: 'Letter', layout: '3-up', fragments: true, outDir: 'out', build: false, timeout: '2.5' },
      '/p',
    );
    expect(o).toMatchObject({
      paper: 'letter',
      layout: '3-up',
      fragments: true,
      outDir: path.resolve('/p/out'),
      build: false,
      timeoutMs: 2500,
    });
  });

  it('names the files after the slug', () => {
    expect(outputFileName('slides', 'talk')).toBe('talk.pdf');
    expect(outputFileName('handout', 'talk')).toBe('talk-handout.pdf');
    expect(outputFileName('offline', 'talk')).toBe('talk-offline.html');
  });
});

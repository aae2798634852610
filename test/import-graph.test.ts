import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportGraph, violations } from './import-graph.ts';

const srcDir = path.resolve(import.meta.dirname, '../src');

describe('the import graph keeps the plan of the house', () => {
  it('has no arrow from a lower floor to a higher one in src/', () => {
    const edges = readImportGraph(srcDir);
    expect(edges.length).toBeGreaterThan(100); // the reader found the imports
    expect(edges).toContainEqual({ from: 'cli/export.ts', to: 'export/export-deck.ts', kind: 'file' });
    expect(violations(edges)).toEqual([]);
  });

  it('fails on each kind of wrong arrow', () => {
    const bad = [
      { from: 'export/print-pdfs.ts', to: 'cli/export.ts' }, // a work floor calls the commands
      { from: 'chromium/launch.ts', to: 'smoke/run.ts' }, // shared browser code calls a floor above it
      { from: 'parse/split.ts', to: 'compile.ts' }, // a compile stage calls the pipeline
      { from: 'render/deck.ts', to: 'vite/plugin.ts' },
      { from: 'errors.ts', to: 'parse/position.ts' }, // the bottom floor reaches up
      { from: 'model.ts', to: 'config.ts' }, // the model imports nothing
      { from: 'browser/main.ts', to: 'export/downloads.ts' }, // the page imports only the contract
      { from: 'browser/main.ts', to: 'node:fs' },
      { from: 'browser/main.ts', to: 'puppeteer-core' },
      { from: 'contract/dom.ts', to: 'model.ts' }, // the contract stands alone
      { from: 'smoke/run.ts', to: 'browser/slides.ts' }, // Node code never imports the page's runtime
      { from: 'newfolder/x.ts', to: 'model.ts' }, // a folder the plan does not place
    ];
    const found = violations(bad);
    expect(found).toHaveLength(bad.length);
    bad.forEach((edge, i) => expect(found[i]).toContain(`${edge.from} -> ${edge.to}`));
  });

  it('lets arrows go down and across a floor', () => {
    expect(
      violations([
        { from: 'cli/smoke.ts', to: 'smoke/run.ts' },
        { from: 'export/handout.ts', to: 'vite/config.ts' },
        { from: 'smoke/run.ts', to: 'chromium/serve.ts' },
        { from: 'vite/plugin.ts', to: 'load-deck.ts' },
        { from: 'render/markdown.ts', to: 'parse/attributes.ts' },
        { from: 'finish.ts', to: 'contract/slides.ts' },
        { from: 'browser/main.ts', to: 'contract/page.ts' },
        { from: 'browser/main.ts', to: 'reveal.js/plugin/notes' },
        { from: 'browser/main.ts', to: 'theme/theme.css' },
      ]),
    ).toEqual([]);
  });
});

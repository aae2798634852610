import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';
import type { DeckJson } from '../../src/model.ts';

// The talk asks more of itself than the smoke tests ask of any deck: AAA contrast (7:1) for
// its text, checked by axe's color-contrast-enhanced rule on every slide as the audience sees it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

const session = useBrowser();

describe('the talk at WCAG AAA', () => {
  it('every slide’s text has at least 7:1 contrast (4.5:1 for large text)', async () => {
    const distDir = inject('distDir');
    const deck = JSON.parse(readFileSync(path.join(distDir, 'deck.json'), 'utf8')) as DeckJson;
    const page = await session.browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(`file://${path.join(distDir, 'index.html')}?mode=present`);
      await page.waitForFunction(() => document.documentElement.dataset.deckReady === 'true');
      await page.evaluate(() => window.Reveal.configure({ transition: 'none', backgroundTransition: 'none' }));
      await page.addScriptTag({ content: axeSource });
      const problems: string[] = [];
      for (const slide of deck.slides) {
        await page.evaluate((h, v) => window.Reveal.slide(h, v), slide.h, slide.v);
        const result = (await page.evaluate(async (index) => {
          const section = document.querySelector(`section[data-deck-index="${index}"]`);
          const axe = (window as unknown as { axe: { run(ctx: Element | null, opts: object): Promise<unknown> } }).axe;
          return axe.run(section, {
            runOnly: { type: 'rule', values: ['color-contrast-enhanced'] },
            resultTypes: ['violations'],
          });
        }, slide.index)) as AxeResult;
        for (const v of result.violations) {
          for (const node of v.nodes)
            problems.push(
              `slide ${slide.index + 1} “${slide.title}”: ${node.target.join(' ')}: ${node.failureSummary ?? v.id}`,
            );
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { SLIDE_NAMES, type SlideNames } from '../contract/dom.ts';
import { showSlide } from './sweep.ts';
import type { Check, CheckContext } from './types.ts';

/** Every WCAG 2.0/2.1 A and AA rule plus axe's best practices: nothing is left out for speed. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

/**
 * Fail on serious and critical violations, and on these rules whatever axe rates them: a
 * skipped heading level breaks the outline screen-reader users navigate by, yet axe rates it "moderate".
 */
export const ALWAYS_FAILING_RULES: ReadonlySet<string> = new Set(['heading-order']);

export interface AxeNode {
  target: string;
  summary: string;
  /** 0-based slide the node is in, or null for the page around the slides. */
  slide: number | null;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let source: string | null = null;

/** axe.min.js from node_modules, loaded into the page as text: never from a network URL. */
export function axeSource(): string {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

export async function injectAxe(page: Page): Promise<void> {
  const has = await page.evaluate(() => 'axe' in window);
  if (!has) await page.addScriptTag({ content: axeSource() });
}

export function isFailing(violation: Pick<AxeViolation, 'id' | 'impact'>): boolean {
  return violation.impact === 'serious' || violation.impact === 'critical' || ALWAYS_FAILING_RULES.has(violation.id);
}

/**
 * Runs axe on one slide's section (index) or on the whole document (null), with only the
 * violations returned (faster, nothing hidden). Nodes are mapped to the slide holding them.
 */
export async function runAxe(page: Page, index: number | null): Promise<AxeViolation[]> {
  return page.evaluate(
    async (slideIndex: number | null, tags: string[], { slide: selector, attr }: SlideNames) => {
      type AxeResult = {
        violations: {
          id: string;
          impact: string | null;
          help: string;
          helpUrl: string;
          nodes: { target: unknown[]; failureSummary?: string }[];
        }[];
      };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
      const context =
        slideIndex === null ? document : document.querySelector(`.reveal .slides ${selector}[${attr}="${slideIndex}"]`);
      if (!context) throw new Error(`no section with ${attr}="${String(slideIndex)}"`);
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'minor',
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => {
          const target = n.target.map(String).join(' >>> ');
          let slide: number | null = null;
          try {
            const last = n.target.length === 1 ? document.querySelector(String(n.target[0])) : null;
            const owner = last?.closest(selector);
            slide = owner ? Number(owner.getAttribute(attr)) : null;
          } catch {
            slide = null;
          }
          // The summary's first line says what is wrong ("insufficient color contrast of 2.3 …").
          const summary = (n.failureSummary ?? '')
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !/^Fix (any|all) of the following:$/.test(l))
            .slice(0, 2)
            .join(' ');
          return { target, summary, slide: slideIndex ?? slide };
        }),
      }));
    },
    index,
    [...AXE_TAGS],
    SLIDE_NAMES,
  );
}

/** "color-contrast (serious): Elements must … — #x > p: insufficient contrast 2.3 … (+2 more) <url>" */
export function describeViolation(v: AxeViolation): string {
  const shown = v.nodes.slice(0, 3).map((n) => `${n.target}: ${n.summary}`);
  const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
  return `${v.id} (${v.impact}): ${v.help} — ${shown.join('; ')}${more} ${v.helpUrl}`;
}

function reportAxe(ctx: CheckContext, violations: AxeViolation[], index: number | null): void {
  for (const v of violations) {
    const slide = index === null ? null : ctx.slideRef(index);
    if (isFailing(v)) {
      ctx.fail({
        check: 'a11y',
        slide,
        where: index === null ? 'the page around the slides' : undefined,
        expected: 'no serious or critical axe violation (and no heading-order violation)',
        found: describeViolation(v),
        screenshot: index === null ? ctx.slideShot(0) : ctx.slideShot(index),
      });
    } else {
      ctx.note({ check: 'a11y', slide, message: describeViolation(v) });
    }
  }
}

/** axe-core on the page around the slides once, then on every slide as the sweep shows it. */
export const a11y: Check = {
  name: 'a11y',
  description: 'axe-core: no serious or critical violation, and no heading-order violation',
  needs: 'each slide',
  async prepare(ctx, { page }) {
    await injectAxe(page.page);
    await showSlide(page, ctx, 0);
    // The page around the slides (language, title, reveal's controls); slide nodes are left to the per-slide runs.
    const violations = await runAxe(page.page, null);
    reportAxe(
      ctx,
      violations.map((v) => ({ ...v, nodes: v.nodes.filter((n) => n.slide === null) })).filter((v) => v.nodes.length),
      null,
    );
  },
  async eachSlide(ctx, { page }, index) {
    reportAxe(ctx, await runAxe(page.page, index), index);
  },
};

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeckJson, SlideRef } from '../model.ts';
import { CHECK_DESCRIPTIONS } from './checks.ts';
import type { SmokeFailure, SmokeReport } from './types.ts';

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

export function slideLabel(slide: SlideRef | null): string {
  return slide ? `slide ${slide.number} “${slide.title || slide.id}”` : 'the deck';
}

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

/**
 * ✗ fit · slide 5 “Weak borders” (weak-borders)
 *     expected:   content inside the 1280×720 slide
 *     found:      ul.talk-flow “…” reaches 96 px below the bottom edge
 *     screenshot: test-results/smoke/talk/05-weak-borders.png
 */
export function formatFailure(f: SmokeFailure): string {
  const id = f.slide && f.slide.id && f.slide.id !== f.slide.title ? ` (#${f.slide.id})` : '';
  const lines = [
    `✗ ${f.check} · ${slideLabel(f.slide)}${id}${f.where ? ` · ${f.where}` : ''}`,
    `    expected:   ${indent(f.expected, '                ')}`,
    `    found:      ${indent(f.found, '                ')}`,
  ];
  if (f.screenshot) lines.push(`    screenshot: ${rel(f.screenshot)}`);
  return lines.join('\n');
}

/** Every failure, for a test's assertion message or the CLI. */
export function formatFailures(report: Pick<SmokeReport, 'failures'>): string {
  const n = report.failures.length;
  return n
    ? `${n} smoke failure${n === 1 ? '' : 's'}:\n\n${report.failures.map(formatFailure).join('\n\n')}`
    : 'no failures';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Per slide, what the fit check measured: the smallest text, the smallest body text and the share of the height the content spans. */
export function formatFit(report: Pick<SmokeReport, 'fit' | 'failures'>): string {
  if (!report.fit) return '';
  const t = report.fit.thresholds;
  const wants = [
    `text ≥ ${t.minTextPx} px`,
    t.minBodyPx !== null ? `body ≥ ${t.minBodyPx} px` : '',
    t.minSmallPx !== null && t.smallSelector ? `${t.smallSelector} ≥ ${t.minSmallPx} px` : '',
    t.minSpan !== null ? `content spans ≥ ${Math.round(t.minSpan * 100)} % or sits centred` : '',
  ].filter(Boolean);
  const px = (v: number | null): string => (v === null ? '—' : `${v}`);
  const lines = [`fit per slide (${wants.join('; ')}):`, '   #  smallest  body  span  centred  slide'];
  for (const f of report.fit.slides) {
    const bad = report.failures.some((x) => x.check === 'fit' && x.slide?.number === f.index + 1);
    lines.push(
      `${bad ? '✗' : ' '} ${String(f.index + 1).padStart(2)}  ${px(f.smallestPx).padStart(6)} px ${px(f.smallestBodyPx).padStart(5)} ${`${Math.round(f.span * 100)} %`.padStart(5)}  ${(f.centred ? 'yes' : 'no').padEnd(7)}  ${f.title}`,
    );
  }
  return lines.join('\n');
}

/** The CLI's summary: one line per check with its time, the fit figures, then failures and notes. */
export function formatReport(report: SmokeReport): string {
  const out = [`smoke: “${report.title}”, ${report.slideCount} slides, ${rel(report.distDir)}`, ''];
  const width = Math.max(...report.timings.map((t) => t.check.length));
  for (const t of report.timings) {
    const mark = t.failures ? '✗' : '✓';
    const what =
      t.check === 'screenshots' ? `${report.screenshots.length} slide screenshots` : CHECK_DESCRIPTIONS[t.check];
    const count = t.failures ? `  ${t.failures} failure${t.failures === 1 ? '' : 's'}` : '';
    out.push(`  ${mark} ${t.check.padEnd(width)}  ${seconds(t.ms).padStart(6)}  ${what}${count}`);
  }
  out.push(`  total ${seconds(report.totalMs)}`, '');
  if (report.fit) out.push(formatFit(report), '');
  if (report.failures.length) out.push(formatFailures(report), '');
  if (report.warnings.length) {
    out.push(`${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} (not failures):`);
    for (const w of report.warnings) out.push(`  ⚠ ${w.check} · ${slideLabel(w.slide)}: ${w.message}`);
    out.push('');
  }
  if (report.notes.length) {
    out.push(`${report.notes.length} note${report.notes.length === 1 ? '' : 's'} (not failures):`);
    for (const n of report.notes) out.push(`  · ${n.check} · ${slideLabel(n.slide)}: ${n.message}`);
    out.push('');
  }
  out.push(`screenshots: ${rel(report.gallery)}`);
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A contact sheet beside the screenshots: every slide with its failures, to look through in a minute. */
export function writeGallery(
  report: SmokeReport,
  deck: DeckJson,
  file: string,
  /** Slide `i`'s screenshot, when it has one. */
  shotOf: (index: number) => string | undefined,
): void {
  const dir = path.dirname(file);
  const failureHtml = (f: SmokeFailure): string =>
    `<li><b>${esc(f.check)}</b>${f.where ? ` (${esc(f.where)})` : ''}: ${esc(f.found)}${f.screenshot && !report.screenshots.includes(f.screenshot) ? ` — <a href="${esc(path.relative(dir, f.screenshot))}">screenshot</a>` : ''}</li>`;
  const deckWide = report.failures.filter((f) => !f.slide);
  const figures = deck.slides.map((s, i) => {
    const shot = shotOf(i);
    const fails = report.failures.filter((f) => f.slide?.number === i + 1);
    const warns = report.warnings.filter((w) => w.slide?.number === i + 1);
    const fit = report.fit?.slides.find((f) => f.index === i);
    const figures = fit
      ? ` <small>smallest text ${fit.smallestPx ?? '—'} px, content spans ${Math.round(fit.span * 100)} %${fit.centred ? ', centred' : ''}</small>`
      : '';
    return `<figure class="${fails.length ? 'bad' : 'ok'}" id="s${i + 1}">
  ${shot ? `<a href="${esc(path.relative(dir, shot))}"><img src="${esc(path.relative(dir, shot))}" alt="Slide ${i + 1}: ${esc(s.title)}" loading="lazy" width="667" height="375"></a>` : ''}
  <figcaption>${i + 1}. ${esc(s.title || s.id)} <small>(${s.notesWords} words of notes)</small>${figures}${fails.length ? `<ul>${fails.map(failureHtml).join('')}</ul>` : ''}${warns.length ? `<ul class="warn">${warns.map((w) => `<li><b>warning</b>: ${esc(w.message)}</li>`).join('')}</ul>` : ''}</figcaption>
</figure>`;
  });
  const html = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Smoke test: ${esc(report.title)}</title>
<style>
body { font: 16px/1.4 system-ui, sans-serif; margin: 24px; color: #14181d; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 20px; }
figure { margin: 0; } img { width: 100%; height: auto; border: 1px solid #8a96a3; }
figure.bad img { outline: 4px solid #b00020; }
.bad figcaption ul, .deck li { color: #8a0018; overflow-wrap: anywhere; } small { color: #3b4350; }
figcaption ul.warn { color: #6b4a00; overflow-wrap: anywhere; }
</style>
<h1>${esc(report.title)}: ${report.slideCount} slides, ${report.failures.length} failure${report.failures.length === 1 ? '' : 's'}</h1>
<p>${esc(new Date().toISOString())} · checks: ${report.checks.join(', ')} · ${seconds(report.totalMs)}</p>
${deckWide.length ? `<ul class="deck">${deckWide.map(failureHtml).join('')}</ul>` : ''}
<main>
${figures.join('\n')}
</main>
</html>
`;
  writeFileSync(file, html);
  writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
}

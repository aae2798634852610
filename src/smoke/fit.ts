import type { DeckPage, DeckWindow } from './deck-page.ts';
import type { CheckContext } from './types.ts';

/** One way a slide does not fit, measured in slide pixels (the deck's own 1280×720 space). */
export interface FitProblem {
  kind: 'overflow' | 'clipped' | 'small-text' | 'image' | 'covered' | 'span';
  found: string;
  /** What was expected, when the kind alone does not say it (which text size, which share). */
  expected?: string;
}

/**
 * What the fit check holds a deck to. A deck asks for more than the floor in its own CSS, beside
 * its type sizes (`--deck-fit-min-body: 38px` …, see the README); `SmokeOptions.fit` overrides
 * that. Precedence: defaults < the deck's CSS < options.
 */
export interface FitThresholds {
  /** No text on a slide may be smaller: the theme's `--deck-small-size`. @default 28 */
  minTextPx: number;
  /** Body text, bullets and headings: `--deck-fit-min-body`. @default null (only the floor) */
  minBodyPx: number | null;
  /** Text inside `smallSelector` (captions, glosses, citations): `--deck-fit-min-small`. @default null */
  minSmallPx: number | null;
  /** Selector list of the deck's small text: `--deck-fit-small`. The engine's Works Cited list is held to the floor. @default null */
  smallSelector: string | null;
  /**
   * Share of the slide's height (0–1) the content must span, title included, unless it sits
   * vertically centred in the space below the title: `--deck-fit-min-span`. @default null (not checked)
   */
  minSpan: number | null;
}

/** The deck's size and what its slides are held to, read from the page. */
export interface DeckGeometry {
  width: number;
  height: number;
  margin: number;
  /** The theme's `--deck-small-size` (28px by default): no slide text may be smaller. */
  minTextPx: number;
  fit: FitThresholds;
  /** Thresholds the deck's CSS declares but that cannot be read (a bad selector, a size without a number). */
  fitErrors: string[];
}

/** What the fit check measured on one slide, for the report. */
export interface SlideFit {
  /** 0-based. */
  index: number;
  /** The slide's title (or id), as the report names it. */
  title: string;
  /** Smallest text on the slide in slide pixels, and the smallest body text (null when there is none). */
  smallestPx: number | null;
  smallestBodyPx: number | null;
  /** Share of the slide's height from the top of the first content to the bottom of the last (0–1). */
  span: number;
  /** The content below the title sits vertically centred in the space left for it. */
  centred: boolean;
}

/**
 * In the page: reveal's configured size, the theme's minimum text size and the fit thresholds:
 * the caller's `overrides` over the ones the deck's CSS declares.
 */
export function readGeometryInPage(fallbackMinPx: number, overrides: Partial<FitThresholds> = {}): DeckGeometry {
  const config = (window as unknown as DeckWindow).Reveal.getConfig();
  const root = getComputedStyle(document.documentElement);
  const prop = (name: string): string => root.getPropertyValue(name).trim();
  const errors: string[] = [];
  // A size in any CSS unit (38px, 0.6em of the slide's text), as the slide's text would get it.
  const px = (name: string): number | null => {
    const raw = prop(name);
    if (!raw) return null;
    const probe = document.createElement('span');
    probe.style.fontSize = /^[\d.]+$/.test(raw) ? `${raw}px` : raw;
    let n = NaN;
    if (probe.style.fontSize) {
      (document.querySelector('.reveal .slides') ?? document.body).append(probe);
      n = parseFloat(getComputedStyle(probe).fontSize);
      probe.remove();
    }
    if (Number.isFinite(n) && n > 0) return n;
    errors.push(`${name}: ${raw} is not a size (write it as 38px)`);
    return null;
  };
  const share = (name: string): number | null => {
    const raw = prop(name);
    if (!raw) return null;
    const n = parseFloat(raw);
    const value = raw.endsWith('%') ? n / 100 : n;
    if (Number.isFinite(value) && value > 0 && value <= 1) return value;
    errors.push(`${name}: ${raw} is not a share of the slide's height (write it as 55%)`);
    return null;
  };
  const declared: FitThresholds = {
    minTextPx: px('--deck-small-size') ?? fallbackMinPx,
    minBodyPx: px('--deck-fit-min-body'),
    minSmallPx: px('--deck-fit-min-small'),
    // A selector list, quoted so that formatters leave it alone: '.caption, .gloss'.
    smallSelector:
      prop('--deck-fit-small')
        .replace(/^(['"])(.*)\1$/s, '$2')
        .trim() || null,
    minSpan: share('--deck-fit-min-span'),
  };
  const fit: FitThresholds = {
    ...declared,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  if (fit.smallSelector) {
    try {
      document.querySelector(fit.smallSelector);
    } catch {
      errors.push(`small-text selector ${fit.smallSelector} is not a valid selector list`);
      fit.smallSelector = null;
    }
  }
  return {
    width: Number(config.width) || 1280,
    height: Number(config.height) || 720,
    margin: Number(config.margin) || 0,
    minTextPx: fit.minTextPx,
    fit,
    fitErrors: errors,
  };
}

/** The deck's geometry and fit thresholds, the caller's over the ones its CSS declares. */
export async function readGeometry(
  page: DeckPage,
  fallbackMinPx: number,
  overrides: Partial<FitThresholds> = {},
): Promise<DeckGeometry> {
  return page.page.evaluate(readGeometryInPage, fallbackMinPx, overrides);
}

const FIT_EXPECTED: Record<FitProblem['kind'], (g: DeckGeometry) => string> = {
  overflow: (g) => `content inside the ${g.width}×${g.height} slide`,
  clipped: () => 'no content cut off or scrolling inside the slide',
  'small-text': (g) => `text at least ${g.fit.minTextPx} px at ${g.width}×${g.height}`,
  image: () => 'every image loaded',
  covered: () => 'no slide content under the deck’s slide number, progress bar, controls or toolbar',
  span: (g) =>
    `content spanning at least ${Math.round((g.fit.minSpan ?? 0) * 100)} % of the slide’s height, or centred below the title`,
};

/** Thresholds the deck declares but that cannot be read: one failure for the deck, before any slide. */
export function reportFitErrors(ctx: CheckContext, geometry: DeckGeometry): void {
  for (const error of geometry.fitErrors)
    ctx.fail({ check: 'fit', slide: null, expected: 'fit thresholds the check can read', found: error });
}

/** Measures slide `index` (shown with all its fragments, settled), reports what does not fit, returns the figures. */
export async function checkSlideFit(
  page: DeckPage,
  ctx: CheckContext,
  index: number,
  geometry: DeckGeometry,
): Promise<SlideFit> {
  const { problems, figures } = await page.page.evaluate(measureSlideInPage, index, geometry.fit);
  for (const problem of problems) {
    ctx.fail({
      check: 'fit',
      slide: ctx.slideRef(index),
      expected: problem.expected ?? FIT_EXPECTED[problem.kind](geometry),
      found: problem.found,
      screenshot: ctx.slideShot(index),
    });
  }
  const ref = ctx.slideRef(index);
  return { ...figures, title: ref.title || ref.id };
}

/**
 * In the page: waits until slide `index` is as the audience will see it: fonts loaded, images
 * loaded or failed, and transitions finished, each jumped to its end (fragments fade in through
 * CSS transitions, which reveal's `transition: 'none'` does not stop; half-faded text would fail
 * the contrast check). Endless animations are left alone; everything is bounded by `ms`.
 */
export async function settleSlideInPage(index: number, ms: number): Promise<void> {
  const section = document.querySelector(`.reveal .slides section[data-deck-index="${index}"]`);
  await document.fonts.ready;
  const images = section
    ? [...section.querySelectorAll('img')]
        .filter((img) => !img.complete)
        .map(
          (img) =>
            new Promise<void>((resolve) => {
              img.addEventListener('load', () => resolve(), { once: true });
              img.addEventListener('error', () => resolve(), { once: true });
            }),
        )
    : [];
  // Only what moves on this slide (or around it) changes what is measured; other slides' fragments
  // and the deck's UI also animate on every slide change, and waiting on them is wasted time.
  const animations = document
    .getAnimations()
    .filter((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      const here = !!section && !!target && (section.contains(target) || target.contains(section));
      return here && a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity;
    })
    .map((a) => {
      // Jump to where it ends, as the audience will see it a moment later: waiting for every
      // fragment's fade to play out cost most of the sweep's time, for the same end state.
      a.finish();
      return a.finished.then(
        () => undefined,
        () => undefined,
      );
    });
  const pending = [...images, ...animations];
  if (pending.length)
    await Promise.race([Promise.all(pending), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

/**
 * In the page, on the slide shown with all its fragments: content outside the slide box,
 * content cut off by a clipping box, text rendered smaller than its threshold in slide pixels
 * (counting transforms and SVG scaling: body text, the deck's small text and the Works Cited each
 * have theirs), images that did not load, content under the deck's own UI (slide number,
 * progress bar, controls, toolbars; that UI lives outside the sections, so its own text is never
 * measured), and content bunched at the top of the slide.
 */
export function measureSlideInPage(index: number, fit: FitThresholds): { problems: FitProblem[]; figures: SlideFit } {
  const reveal = (window as unknown as DeckWindow).Reveal;
  const scale = reveal.getScale() || 1;
  const section = document.querySelector(`.reveal .slides section[data-deck-index="${index}"]`);
  const slides = document.querySelector('.reveal .slides');
  const figures: SlideFit = { index, title: '', smallestPx: null, smallestBodyPx: null, span: 0, centred: false };
  if (!section || !slides)
    return { problems: [{ kind: 'overflow', found: `no section with data-deck-index="${index}"` }], figures };
  const box = slides.getBoundingClientRect();
  const tolerance = 1;
  const problems: FitProblem[] = [];

  const describe = (el: Element): string => {
    const classes = [...el.classList]
      .filter((c) => !['fragment', 'visible', 'current-fragment', 'present', 'past', 'future'].includes(c))
      .slice(0, 2)
      .map((c) => `.${c}`)
      .join('');
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const src = el.getAttribute('src');
    const what = text ? ` “${text.length > 48 ? `${text.slice(0, 47)}…` : text}”` : src ? ` ${src}` : '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}${what}`;
  };

  type Edge = 'top' | 'right' | 'bottom' | 'left';
  const worst: Record<Edge, { px: number; el: Element | null }> = {
    top: { px: 0, el: null },
    right: { px: 0, el: null },
    bottom: { px: 0, el: null },
    left: { px: 0, el: null },
  };
  const consider = (rect: DOMRect, el: Element): void => {
    if (rect.width === 0 && rect.height === 0) return;
    const over: Record<Edge, number> = {
      top: box.top - rect.top,
      right: rect.right - box.right,
      bottom: rect.bottom - box.bottom,
      left: box.left - rect.left,
    };
    for (const edge of ['top', 'right', 'bottom', 'left'] as const) {
      // ">=": among elements reaching equally far, the deepest (most specific) is named.
      if (over[edge] > tolerance && over[edge] >= worst[edge].px) worst[edge] = { px: over[edge], el };
    }
  };

  /** How much an element is scaled on screen, relative to its own CSS pixels. */
  const renderScale = (el: Element): number => {
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      return m ? Math.hypot(m.a, m.b) : scale;
    }
    const html = el as HTMLElement;
    const width = html.offsetWidth;
    if (width <= 0) return scale;
    // offsetWidth is rounded to whole pixels: a ratio within 2 % of the deck's scale is that scale.
    const ratio = el.getBoundingClientRect().width / width;
    return Math.abs(ratio / scale - 1) < 0.02 ? scale : ratio;
  };

  // What the audience sees of the deck's UI: visible leaves outside the slides.
  const ui = [...document.body.querySelectorAll('*')]
    .filter(
      (el) =>
        !slides.contains(el) &&
        !el.contains(slides) &&
        !el.closest('.backgrounds, .r-overlay, .searchbox, aside.notes, script, style, template'),
    )
    .filter((el) => el.children.length === 0 || el.matches('button, a, img, svg, [role="button"]'))
    .map((el) => ({ el, rect: el.getBoundingClientRect(), style: getComputedStyle(el) }))
    .filter(
      ({ el, rect, style }) =>
        rect.width >= 1 &&
        rect.height >= 1 &&
        style.visibility !== 'hidden' &&
        style.opacity !== '0' &&
        !el.closest('[hidden]'),
    )
    // A button and the arrow drawn inside it are one control.
    .filter((u, _, all) => !all.some((o) => o.el !== u.el && o.el.contains(u.el)));
  const covered: string[] = [];
  const checkCover = (rect: DOMRect, el: Element): void => {
    for (const u of ui) {
      const w = Math.min(rect.right, u.rect.right) - Math.max(rect.left, u.rect.left);
      const h = Math.min(rect.bottom, u.rect.bottom) - Math.max(rect.top, u.rect.top);
      if (w > 2 && h > 2) {
        const label =
          u.el.getAttribute('aria-label') || (u.el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
        const name = `${u.el.tagName.toLowerCase()}${[...u.el.classList]
          .filter((c) => c !== 'enabled')
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join('')}${label ? ` “${label}”` : ''}`;
        const line = `${describe(el)} is under ${name}`;
        if (!covered.includes(line)) covered.push(line);
      }
    }
  };

  /** Text sizes by what the text is: each kind has its own threshold. */
  type TextKind = 'body' | 'small' | 'refs';
  const thresholds: Record<TextKind, number> = {
    body: Math.max(fit.minTextPx, fit.minBodyPx ?? 0),
    small: Math.max(fit.minTextPx, fit.minSmallPx ?? 0),
    refs: fit.minTextPx,
  };
  const kindOf = (el: Element): TextKind =>
    el.closest('.deck-refs') ? 'refs' : fit.smallSelector && el.closest(fit.smallSelector) ? 'small' : 'body';
  const under: Record<TextKind, { px: number; el: Element; count: number } | null> = {
    body: null,
    small: null,
    refs: null,
  };
  let smallestAll: number | null = null;
  let smallestBody: number | null = null;

  // The content block: where text and painted boxes (visuals, panels, rules) are, in slide pixels.
  const sectionRect = section.getBoundingClientRect();
  const title = [...section.children].find((c) => getComputedStyle(c).display !== 'none' && !c.matches('aside.notes'));
  const titleEl = title && title.matches('h1, h2') ? title : null;
  let contentTop = Infinity;
  let contentBottom = -Infinity;
  let belowTop = Infinity;
  const extend = (rect: DOMRect, el: Element): void => {
    if (rect.width < 1 || rect.height < 1) return;
    const top = (rect.top - sectionRect.top) / scale;
    const bottom = (rect.bottom - sectionRect.top) / scale;
    contentTop = Math.min(contentTop, top);
    contentBottom = Math.max(contentBottom, bottom);
    if (!titleEl || !titleEl.contains(el)) belowTop = Math.min(belowTop, top);
  };
  const paints = (el: Element, style: CSSStyleDeclaration): boolean =>
    el.matches('img, svg, video, canvas, iframe, hr') ||
    (style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent') ||
    ['Top', 'Right', 'Bottom', 'Left'].some(
      (side) =>
        parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 &&
        style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none',
    );
  const clipped: string[] = [];
  const images: string[] = [];

  const visit = (el: Element, insideClip: boolean): void => {
    const style = getComputedStyle(el);
    // KaTeX's MathML is for screen readers, clipped to nothing on purpose.
    if (style.display === 'none' || el.matches('aside.notes, script, style, template, .katex-mathml')) return;
    const visible = style.visibility !== 'hidden' && style.opacity !== '0';
    if (visible && !insideClip && el !== section) {
      for (const rect of el.getClientRects()) consider(rect, el);
      if (paints(el, style)) extend(el.getBoundingClientRect(), el);
      if (el.matches('img, svg, video, canvas, iframe')) checkCover(el.getBoundingClientRect(), el);
    }
    if (el instanceof HTMLImageElement && (!el.complete || el.naturalWidth === 0)) {
      const src = el.currentSrc || el.getAttribute('src') || '(no src)';
      // A remote image is blocked by the smoke test: the start check names it (a warning, or an error offline-strict).
      if (!/^https?:/i.test(src) || new URL(src).origin === location.origin) images.push(src);
    }
    // A long code block may scroll down inside its slide (the keyboard can scroll it); a line cut
    // off at the side is still a failure.
    const scrollingCode = el.matches('pre.code-wrapper > code[tabindex="0"]');
    let clips = scrollingCode;
    const exempt = el.matches('img, video, audio, iframe, canvas, textarea, select, input, svg');
    if (!exempt && el instanceof HTMLElement) {
      const clipX = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + tolerance;
      const clipY = !scrollingCode && style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + tolerance;
      if (clipX || clipY) {
        clips = true;
        const parts = [
          clipX ? `${el.scrollWidth - el.clientWidth} px across` : '',
          clipY ? `${el.scrollHeight - el.clientHeight} px down` : '',
        ].filter(Boolean);
        clipped.push(
          `${describe(el)}: ${parts.join(' and ')} of its content is cut off (overflow: ${style.overflowX === style.overflowY ? style.overflowX : `${style.overflowX} ${style.overflowY}`})`,
        );
      } else if (
        el.scrollHeight > el.clientHeight + tolerance &&
        style.webkitLineClamp !== 'none' &&
        style.webkitLineClamp !== ''
      ) {
        clipped.push(`${describe(el)}: text is clamped to ${style.webkitLineClamp} lines`);
      }
    }
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (!visible || !(node.textContent ?? '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
        if (!rects.length) continue;
        if (!insideClip && !clips) for (const rect of rects) consider(rect, el);
        // Inside a scrolling code block only what shows through its box can be covered.
        const box = el.closest('pre.code-wrapper > code[tabindex="0"]')?.getBoundingClientRect();
        for (const rect of rects) {
          const shown = box
            ? new DOMRect(
                Math.max(rect.left, box.left),
                Math.max(rect.top, box.top),
                Math.min(rect.right, box.right) - Math.max(rect.left, box.left),
                Math.min(rect.bottom, box.bottom) - Math.max(rect.top, box.top),
              )
            : rect;
          if (shown.width > 0 && shown.height > 0) checkCover(shown, el);
          if (!insideClip) extend(rect, el);
        }
        const px = (parseFloat(style.fontSize) * renderScale(el)) / scale;
        const kind = kindOf(el);
        smallestAll = Math.min(smallestAll ?? px, px);
        if (kind === 'body') smallestBody = Math.min(smallestBody ?? px, px);
        if (px < thresholds[kind] - 0.5) {
          const seen = under[kind];
          if (!seen) under[kind] = { px, el, count: 1 };
          else {
            seen.count++;
            if (px < seen.px) Object.assign(seen, { px, el });
          }
        }
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        visit(node as Element, insideClip || clips);
      }
    }
  };
  visit(section, false);

  const edges: Record<Edge, string> = {
    top: 'above the top edge',
    right: 'past the right edge',
    bottom: 'below the bottom edge',
    left: 'past the left edge',
  };
  const overflow = (['top', 'right', 'bottom', 'left'] as const)
    .filter((edge) => worst[edge].el)
    .map((edge) => `${describe(worst[edge].el!)} reaches ${Math.round(worst[edge].px / scale)} px ${edges[edge]}`);
  if (overflow.length) problems.push({ kind: 'overflow', found: overflow.join('; ') });
  if (clipped.length)
    problems.push({
      kind: 'clipped',
      found: clipped.slice(0, 3).join('; ') + (clipped.length > 3 ? ` (and ${clipped.length - 3} more)` : ''),
    });
  const what: Record<TextKind, string> = {
    body: 'body text and headings',
    small: fit.smallSelector ? `small text (${fit.smallSelector})` : 'text',
    refs: 'Works Cited entries',
  };
  for (const kind of ['body', 'small', 'refs'] as const) {
    const small = under[kind];
    if (!small) continue;
    const min = thresholds[kind];
    const more = small.count > 1 ? ` (${small.count} text runs under ${min} px)` : '';
    problems.push({
      kind: 'small-text',
      // The floor alone keeps its short wording; a deck's own thresholds say which text they hold.
      expected:
        min === fit.minTextPx && (kind !== 'body' || fit.minBodyPx === null)
          ? undefined
          : `${what[kind]} at least ${min} px at ${Math.round(sectionRect.width / scale)}×${Math.round(sectionRect.height / scale)}`,
      found: `${Math.round(small.px * 10) / 10} px text: ${describe(small.el)}${more}`,
    });
  }

  // Balance: the content spans enough of the height, or sits centred in the room below the title.
  const height = sectionRect.height / scale;
  const padding = getComputedStyle(section);
  const roomTop = titleEl
    ? (titleEl.getBoundingClientRect().bottom - sectionRect.top) / scale
    : parseFloat(padding.paddingTop) || 0;
  const roomBottom = height - (parseFloat(padding.paddingBottom) || 0);
  if (Number.isFinite(contentTop)) {
    figures.span = (contentBottom - contentTop) / height;
    const below = Number.isFinite(belowTop) ? belowTop : roomTop;
    const above = below - roomTop;
    const beneath = roomBottom - contentBottom;
    // Within a tenth of the slide's height counts as centred: a title's margin is not imbalance.
    figures.centred = Math.abs(above - beneath) <= height * 0.1;
    if (fit.minSpan !== null && figures.span < fit.minSpan - 0.005 && !figures.centred) {
      problems.push({
        kind: 'span',
        found: `content spans ${Math.round(figures.span * 100)} % of the height (${Math.round(contentTop)}–${Math.round(contentBottom)} px) and leaves ${Math.round(beneath)} px empty below it, against ${Math.round(above)} px above it under the title`,
      });
    }
  }
  figures.smallestPx = smallestAll === null ? null : Math.round((smallestAll as number) * 10) / 10;
  figures.smallestBodyPx = smallestBody === null ? null : Math.round((smallestBody as number) * 10) / 10;
  if (covered.length)
    problems.push({
      kind: 'covered',
      found: covered.slice(0, 3).join('; ') + (covered.length > 3 ? ` (and ${covered.length - 3} more)` : ''),
    });
  if (images.length)
    problems.push({ kind: 'image', found: images.map((src) => `image did not load: ${src}`).join('; ') });
  return { problems, figures };
}

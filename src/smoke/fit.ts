import type { DeckWindow } from './deck-page.ts';

/** One way a slide does not fit, measured in slide pixels (the deck's own 1280×720 space). */
export interface FitProblem {
  kind: 'overflow' | 'clipped' | 'small-text' | 'image' | 'covered';
  found: string;
}

/** The deck's size and its minimum text size, read from the page. */
export interface DeckGeometry {
  width: number;
  height: number;
  margin: number;
  /** The theme's `--deck-small-size` (28px by default): no slide text may be smaller. */
  minTextPx: number;
}

/** In the page: reveal's configured size and the theme's minimum text size. */
export function readGeometryInPage(fallbackMinPx: number): DeckGeometry {
  const config = (window as unknown as DeckWindow).Reveal.getConfig();
  const min = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--deck-small-size'));
  return {
    width: Number(config.width) || 1280,
    height: Number(config.height) || 720,
    margin: Number(config.margin) || 0,
    minTextPx: Number.isFinite(min) && min > 0 ? min : fallbackMinPx,
  };
}

/**
 * In the page: waits until slide `index` is as the audience will see it: fonts loaded, images
 * loaded or failed, and transitions finished (fragments fade in through CSS transitions, which
 * reveal's `transition: 'none'` does not stop; half-faded text would fail the contrast check).
 * Endless animations are not waited on; everything is bounded by `ms`.
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
    .map((a) =>
      a.finished.then(
        () => undefined,
        () => undefined,
      ),
    );
  const pending = [...images, ...animations];
  if (pending.length)
    await Promise.race([Promise.all(pending), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

/**
 * In the page, on the slide shown with all its fragments: content outside the slide box,
 * content cut off by a clipping box, text rendered smaller than `minPx` slide pixels (counting
 * transforms and SVG scaling), images that did not load, and content under the deck's own UI
 * (slide number, progress bar, controls, toolbars). That UI lives outside the sections, so its
 * own text is never measured.
 */
export function measureSlideInPage(index: number, minPx: number): FitProblem[] {
  const reveal = (window as unknown as DeckWindow).Reveal;
  const scale = reveal.getScale() || 1;
  const section = document.querySelector(`.reveal .slides section[data-deck-index="${index}"]`);
  const slides = document.querySelector('.reveal .slides');
  if (!section || !slides) return [{ kind: 'overflow', found: `no section with data-deck-index="${index}"` }];
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
    return width > 0 ? el.getBoundingClientRect().width / width : scale;
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

  let smallest: { px: number; el: Element } | null = null;
  let smallCount = 0;
  const clipped: string[] = [];
  const images: string[] = [];

  const visit = (el: Element, insideClip: boolean): void => {
    const style = getComputedStyle(el);
    // KaTeX's MathML is for screen readers, clipped to nothing on purpose.
    if (style.display === 'none' || el.matches('aside.notes, script, style, template, .katex-mathml')) return;
    const visible = style.visibility !== 'hidden' && style.opacity !== '0';
    if (visible && !insideClip && el !== section) {
      for (const rect of el.getClientRects()) consider(rect, el);
      if (el.matches('img, svg, video, canvas, iframe')) checkCover(el.getBoundingClientRect(), el);
    }
    if (el instanceof HTMLImageElement && (!el.complete || el.naturalWidth === 0)) {
      images.push(el.currentSrc || el.getAttribute('src') || '(no src)');
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
        }
        const px = (parseFloat(style.fontSize) * renderScale(el)) / scale;
        if (px < minPx - 0.5) {
          smallCount++;
          if (!smallest || px < smallest.px) smallest = { px, el };
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
  const small = smallest as { px: number; el: Element } | null;
  if (small) {
    const more = smallCount > 1 ? ` (${smallCount} text runs under ${minPx} px)` : '';
    problems.push({
      kind: 'small-text',
      found: `${Math.round(small.px * 10) / 10} px text: ${describe(small.el)}${more}`,
    });
  }
  if (covered.length)
    problems.push({
      kind: 'covered',
      found: covered.slice(0, 3).join('; ') + (covered.length > 3 ? ` (and ${covered.length - 3} more)` : ''),
    });
  if (images.length)
    problems.push({ kind: 'image', found: images.map((src) => `image did not load: ${src}`).join('; ') });
  return problems;
}

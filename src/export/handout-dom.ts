import type { HandoutLayout } from './options.ts';

/** Everything the page needs to turn reveal's print layout into the handout. Plain JSON. */
export interface HandoutInput {
  layout: HandoutLayout;
  /** The handout's stylesheet: handout.css plus the page rules for the chosen paper. */
  css: string;
  /** Factor from a 1280 px slide to its thumbnail. */
  thumbScale: number;
  /** Ruled lines beside each slide in the 3-up layout. */
  rules: number;
  cover: { title: string; subtitle: string; authors: string[]; date: string; facts: string };
  slides: { index: number; v: number; id: string; title: string; notesHtml: string }[];
  references: { id: string; html: string }[];
  referencesHeading: string;
  /** Every `#/…` link to a slide, to that slide's id (the contract's `slideLinkTable`). */
  links: Record<string, string>;
  /** The contract's names (the builder runs in the page and cannot import them). */
  names: { slide: string; attr: string; refsSlideClass: string };
}

/** What the page reports back: the named destinations the handout links to, for the outline. */
export interface HandoutDom {
  /** Slide index → id of its handout item (also a PDF named destination). */
  items: [slideIndex: number, itemId: string][];
  /** Id of the Works Cited section, or null when the deck cites nothing. */
  referencesId: string | null;
}

/**
 * Rebuilds the page, after the slides PDF was printed from it, as the handout: a cover, then
 * each slide's last print page (all fragments shown) scaled down as a thumbnail, with its notes
 * beneath (`notes`) or ruled lines beside it (`3-up`), then the Works Cited as text. The slides
 * stay live HTML (scaled with a CSS transform), so the handout's slides are vector text too, in
 * the same fonts, embedded once. Runs in the browser (serialised by `page.evaluate`), so it is
 * self-contained and takes the document as a parameter (tests pass linkedom's).
 */
export function buildHandoutDom(doc: Document, input: HandoutInput): HandoutDom {
  const el = (tag: string, className?: string, text?: string): HTMLElement => {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // Item ids become PDF named destinations: keep them to [a-z0-9-].
  const itemId = (index: number): string => `handout-slide-${index + 1}`;
  const refsId = 'handout-works-cited';

  // reveal's page size (one slide per page) gives way to the handout's paper.
  for (const style of Array.from(doc.querySelectorAll('style'))) {
    if (/@page\s*\{\s*size:/.test(style.textContent ?? '')) style.remove();
  }
  doc.body.style.width = '';
  doc.body.style.height = '';
  const style = el('style');
  style.textContent = input.css;
  doc.head.appendChild(style);

  const root = doc.querySelector<HTMLElement>('body > .reveal') ?? doc.querySelector<HTMLElement>('.reveal');
  // The last layout page of a slide shows every fragment.
  const pageOf = new Map<number, HTMLElement>();
  const { slide: slideSelector, attr, refsSlideClass } = input.names;
  for (const p of Array.from(doc.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page'))) {
    const section = p.querySelector<HTMLElement>(slideSelector);
    if (section) pageOf.set(Number(section.getAttribute(attr)), p);
  }

  const main = el('main', 'deck-handout');
  main.setAttribute('data-layout', input.layout);
  main.style.setProperty('--deck-handout-scale', String(input.thumbScale));

  const cover = el('header', 'deck-handout-cover');
  cover.appendChild(el('h1', 'deck-handout-title', input.cover.title));
  if (input.cover.subtitle) cover.appendChild(el('p', 'deck-handout-subtitle', input.cover.subtitle));
  const byline = [input.cover.authors.join(', '), input.cover.date].filter(Boolean).join(' · ');
  if (byline) cover.appendChild(el('p', 'deck-handout-byline', byline));
  if (input.cover.facts) cover.appendChild(el('p', 'deck-handout-facts', input.cover.facts));
  main.appendChild(cover);

  const hasRefs = input.references.length > 0;
  const total = input.slides.length;
  const targetOf = new Map<string, string>(); // slide id → where links to it go in the handout
  const items: [number, string][] = [];
  const list = el('div', 'deck-handout-items');
  for (const slide of input.slides) {
    const page = pageOf.get(slide.index);
    if (!page) continue;
    const section = page.querySelector(slideSelector);
    if (hasRefs && section?.classList.contains(refsSlideClass)) {
      targetOf.set(slide.id, refsId); // the Works Cited come as text at the end
      continue;
    }
    const id = itemId(slide.index);
    targetOf.set(slide.id, id);
    items.push([slide.index, id]);
    const item = el('article', 'deck-handout-item');
    item.id = id;
    if (slide.v > 0) item.classList.add('deck-handout-vertical');
    const label = el('p', 'deck-handout-label', `Slide ${slide.index + 1} of ${total}`);
    const thumb = el('div', 'deck-handout-thumb');
    const reveal = el('div', 'reveal');
    const slidesBox = el('div', 'slides');
    slidesBox.appendChild(page);
    reveal.appendChild(slidesBox);
    thumb.appendChild(reveal);
    if (input.layout === '3-up') {
      const lines = el('div', 'deck-handout-lines');
      lines.setAttribute('aria-hidden', 'true');
      for (let i = 0; i < input.rules; i++) lines.appendChild(el('div', 'deck-handout-rule'));
      item.append(label, thumb, lines);
    } else {
      item.append(label, thumb);
      if (slide.notesHtml.trim()) {
        const notes = el('div', 'deck-handout-notes');
        notes.innerHTML = slide.notesHtml;
        item.appendChild(notes);
      }
    }
    list.appendChild(item);
  }
  main.appendChild(list);

  if (hasRefs) {
    const refs = el('section', 'deck-handout-refs');
    refs.id = refsId;
    refs.appendChild(el('h2', undefined, input.referencesHeading));
    const ul = el('ul', 'deck-handout-ref-list');
    for (const r of input.references) {
      const li = el('li', 'deck-handout-ref');
      li.id = `ref-${r.id}`;
      li.innerHTML = r.html;
      ul.appendChild(li);
    }
    refs.appendChild(ul);
    main.appendChild(refs);
  }

  // Links between slides: reveal's `#/id` and `#/h/v`, or the `#id` the print layout made of them.
  for (const a of Array.from(main.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'))) {
    const href = a.getAttribute('href') ?? '';
    const slideId = href.startsWith('#/') ? input.links[href] : href.slice(1);
    const to = slideId ? targetOf.get(slideId) : undefined;
    if (to) a.setAttribute('href', `#${to}`);
  }

  // Chromium writes a PDF named destination only for an element some link points at: these
  // empty, hidden links make one for every item, and the outline points at them.
  const dests = el('nav', 'deck-handout-dests');
  dests.setAttribute('aria-hidden', 'true');
  for (const [, id] of items) {
    const a = el('a');
    a.setAttribute('href', `#${id}`);
    a.setAttribute('tabindex', '-1');
    dests.appendChild(a);
  }
  if (hasRefs) {
    const a = el('a');
    a.setAttribute('href', `#${refsId}`);
    a.setAttribute('tabindex', '-1');
    dests.appendChild(a);
  }
  main.appendChild(dests);

  if (root) {
    root.parentNode?.insertBefore(main, root);
    root.setAttribute('hidden', '');
    root.setAttribute('aria-hidden', 'true');
    root.style.setProperty('display', 'none', 'important');
  } else doc.body.appendChild(main);
  doc.documentElement.classList.add('deck-handout-mode');
  return { items, referencesId: hasRefs ? refsId : null };
}

// Property-based: random and hostile strings in every front-matter key, every bibliography
// field and the markdown. Each case either compiles (and fills the page template) into exactly
// the structure the deck's markup implies, or fails with a DeckError that has a position.
// `npm test` runs a fixed seed; `npm run fuzz` runs many more cases (FUZZ_RUNS, FUZZ_SEED).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileDeck, type CompileHost, type CompileResult } from '../src/compile.ts';
import { FRONT_MATTER_KEYS } from '../src/config.ts';
import { DeckError } from '../src/errors.ts';
import { fillTemplate } from '../src/vite/template.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const params = (scale = 1) => ({ seed: SEED, numRuns: Math.max(1, Math.round(RUNS * scale)) });

const template = readFileSync(new URL('../src/index.html', import.meta.url), 'utf8');

const HOSTILE = [
  '"',
  "'",
  '<',
  '>',
  '&',
  '&amp;',
  '$&',
  "$'",
  '$`',
  '$$',
  '$1',
  '</script>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  'javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\n',
  '\r\n',
  '\u2028',
  '\ud800',
  '---',
  '--',
  '[@',
  ']',
  '[@k]',
  '[@]',
  '<!--',
  '-->',
  '<!-- .slide: onclick="x" -->',
  '`',
  '```',
  '\\',
  '%',
  '%22',
  '{{title}}',
  '%DECK_AUTHOR%',
  '<!--deck:sections-->',
  'constructor',
  '__proto__',
  'toString',
  '../',
  '../../etc/passwd',
  '/etc/passwd',
  '> '.repeat(40),
  '- '.repeat(40),
  '<div>'.repeat(40),
  'x'.repeat(3000),
];

/** Random strings, hostile pieces, and mixtures of both. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HOSTILE),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), { maxLength: 8 }).map((a) => a.join('')),
);

interface Element {
  tagName: string;
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
}

function elements(html: string): Element[] {
  return [...(parseHTML(html).document.querySelectorAll('*') as unknown as Iterable<Element>)];
}

/** Element names with their attribute names, in document order: the structure, without values. */
function shape(html: string): string[] {
  return elements(html).map((el) => `${el.tagName}[${el.getAttributeNames().sort().join(' ')}]`);
}

const UNSAFE_URL = /^(?:javascript|vbscript|data):/i;

/** What data may never produce: event-handler attributes and script URLs. */
function expectNoScript(html: string): void {
  for (const el of elements(html)) {
    for (const name of el.getAttributeNames()) {
      expect(name, `${el.tagName} has ${name}`).not.toMatch(/^on/i);
      if (name === 'href' || name === 'src' || name === 'action' || name === 'formaction') {
        const value = (el.getAttribute(name) ?? '').replace(/[\u0000-\u0020\u007f]/g, '');
        if (!(el.tagName === 'LINK' && value.startsWith('data:image/svg+xml')))
          expect(value, `${el.tagName} ${name}`).not.toMatch(UNSAFE_URL);
      }
    }
  }
}

/** Runs a compile; a failure must be a DeckError with a position, never anything else. */
function attempt(run: () => CompileResult): CompileResult | null {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof DeckError)) throw err;
    expect(err.pos.file).toEqual(expect.any(String));
    expect(err.pos.line).toBeGreaterThanOrEqual(1);
    expect(err.pos.column).toBeGreaterThanOrEqual(1);
    expect(err.message.startsWith(`${err.pos.file}:${err.pos.line}:${err.pos.column}: `)).toBe(true);
    return null;
  }
}

const refsJson = JSON.stringify([{ id: 'k', type: 'webpage', title: 'A Page', URL: 'https://example.org/a' }]);
const memoryHost = (files: Record<string, string>): CompileHost => ({
  readText: (p) => files[p],
  assetUrl: (p) => (p in files ? `./assets/${p.split('/').pop()}` : null),
});
const baseHost = memoryHost({ 'slides/refs.json': refsJson, 'slides/talk.css': 'h1{}', 'slides/img/a.png': 'png' });

const BODY =
  '# Title slide\n\nA claim [@k].\n\n![pic](img/a.png)\n\nNote: notes\n\n---\n\n## Second\n\n- a\n- b\n\nNote: more\n';
const deckWith = (key: string, yamlValue: string) =>
  `---\nbibliography: refs.json\n${key === 'bibliography' ? '' : `${key}: ${yamlValue}\n`}${key === 'bibliography' ? `bibliography: ${yamlValue}\n` : ''}---\n\n${BODY}`;
const page = (text: string, host: CompileHost = baseHost) => {
  const result = compileDeck([{ path: 'slides/talk.md', text }], host);
  return { result, html: fillTemplate(template, result) };
};

// Keys whose values are only text on the page: any value keeps the page's structure.
const TEXT_KEYS = new Set(['title', 'subtitle', 'author', 'authors', 'date', 'description', 'keywords']);

describe('front matter: every key, hostile values', () => {
  const baseline = page(deckWith('title', 'Plain')).html;

  it.each(FRONT_MATTER_KEYS)(
    '%s',
    (key) => {
      fc.assert(
        fc.property(hostile, fc.constantFrom('json', 'raw', 'list'), (value, form) => {
          const yamlValue =
            form === 'json'
              ? JSON.stringify(value)
              : form === 'list'
                ? `[${JSON.stringify(value)}, ${JSON.stringify(value.slice(0, 3))}]`
                : value.replace(/\n/g, ' ');
          const out = attempt(() => page(deckWith(key, yamlValue)).result);
          if (!out) return;
          const html = fillTemplate(template, out);
          expectNoScript(html);
          if (TEXT_KEYS.has(key)) {
            expect(shape(html)).toEqual(shape(baseline));
            expect(parseHTML(html).document.querySelector('title')?.textContent).toBe(out.deck.meta.title);
          }
        }),
        params(key === 'revealOptions' || TEXT_KEYS.has(key) ? 1 : 0.5),
      );
    },
    120_000,
  );
});

const FIELDS = ['title', 'URL', 'DOI', 'container-title', 'publisher', 'note', 'title-short', 'genre', 'page'];
const ALLOWED_IN_REFS = new Set(['UL', 'LI', 'I', 'B', 'EM', 'STRONG', 'SPAN', 'SUP', 'SUB', 'DIV', 'A', 'BR']);

describe('bibliography: every field, hostile values', () => {
  it.each(['mla', 'apa'])(
    '%s',
    (style) => {
      const item = fc.record(
        {
          ...Object.fromEntries(FIELDS.map((f) => [f, hostile])),
          family: hostile,
          given: hostile,
          id: hostile,
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), (items) => {
          const csl = items.map((it, i) => {
            const { family, given, id, ...fields } = it as Record<string, string>;
            return {
              id: i === 0 ? 'k' : (id ?? `x${i}`),
              type: i % 2 ? 'article-journal' : 'webpage',
              ...fields,
              ...(family !== undefined || given !== undefined ? { author: [{ family, given }] } : {}),
              issued: { 'date-parts': [[2000 + i]] },
            };
          });
          const cites = csl.map((c) => `[@${c.id}]`).filter((c) => /^\[@[\w-]+\]$/.test(c));
          const text = `---\nbibliography: refs.json\ncsl: ${style}\n---\n\n# T\n\n${cites.join(' ')}\n\nNote: n\n`;
          const out = attempt(() => page(text, memoryHost({ 'slides/refs.json': JSON.stringify(csl) })).result);
          if (!out) return;
          const html = fillTemplate(template, out);
          expectNoScript(html);
          const { document } = parseHTML(html);
          for (const list of document.querySelectorAll('.deck-refs'))
            for (const el of list.querySelectorAll('*') as unknown as Iterable<Element>)
              expect(ALLOWED_IN_REFS.has(el.tagName), `${el.tagName} in the reference list`).toBe(true);
          for (const el of document.querySelectorAll('a.deck-cite *') as unknown as Iterable<Element>)
            expect(el.tagName, 'a link inside an in-text citation').not.toBe('A');
        }),
        params(0.15),
      );
    },
    120_000,
  );
});

// Markdown pieces: text, and markdown syntax around hostile strings.
const markdownPiece = fc.oneof(
  hostile,
  hostile.map((s) => `[${s}](${s})`),
  hostile.map((s) => `![${s}](${s})`),
  hostile.map((s) => `# ${s}`),
  hostile.map((s) => `- ${s}`),
  hostile.map((s) => `> ${s}`),
  hostile.map((s) => `[@k, ${s}]`),
  hostile.map((s) => `\`${s}\``),
  hostile.map((s) => `<!-- .element: class="${s.replace(/"/g, '')}" -->`),
  fc.constantFrom('\n\n', '\n---\n', '\n--\n', '\nNote: ', '*', '_', '|a|b|\n|-|-|\n|c|d|'),
);

describe('markdown: hostile slides', () => {
  it('compiles or fails with a position; without raw HTML, never a handler or a script URL', () => {
    fc.assert(
      fc.property(fc.array(markdownPiece, { maxLength: 12 }), (pieces) => {
        const body = pieces.join(' ');
        const out = attempt(() => page(`---\nbibliography: refs.json\n---\n\n# Start\n\n${body}\n`).result);
        // An author's own raw HTML stays the author's choice; everything else is checked.
        if (out && !body.includes('<')) expectNoScript(fillTemplate(template, out));
      }),
      params(5),
    );
  }, 120_000);
});

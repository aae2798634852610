import full from 'highlight.js';
import core from 'highlight.js/lib/core';
import { describe, expect, it } from 'vitest';
import { grammarLoader, highlightToHtml } from '../../src/render/highlight.ts';
import { HLJS_ALIASES, HLJS_LANGUAGES } from '../../src/render/hljs-languages.ts';

/** One text that wanders through what grammars embed: markup with script and style, templates, SQL bodies, HTTP. */
const SAMPLE = [
  '<!doctype html>',
  '<div class="a" onclick="go(1)">Hi &amp; <b>bold</b> {{ name | upper }} {% if x %}y{% endif %} <%= @user %></div>',
  '<script>const x = html`<p>${1 + 2}</p>`; const q = gql`query { a }`; const c = css`p { color: red; }`;</script>',
  '<style>p { color: #fff; margin: 0 auto; }</style>',
  '<?php echo "hi"; ?>',
  '# Heading',
  '```js',
  'let a = 1;',
  '```',
  'CREATE FUNCTION f() RETURNS int AS $$ return 1 $$ LANGUAGE plpythonu;',
  'GET /index.html HTTP/1.1',
  'Content-Type: application/json',
  '',
  '{"a": [1, 2.5, true, null], "b": "text"}',
  'def f(x): return x  # comment',
  '% begin %>',
].join('\n');

describe('highlight.js grammars loaded as fences name them', () => {
  it('has the languages and aliases of the installed highlight.js (else prints the table to paste)', () => {
    const languages = full.listLanguages().sort();
    const aliases: Record<string, string> = {};
    for (const name of languages)
      for (const alias of full.getLanguage(name)?.aliases ?? []) {
        const key = alias.toLowerCase();
        const owner = languages.find((l) => full.getLanguage(l) === full.getLanguage(key));
        if (owner && owner !== key) aliases[key] = owner;
      }
    expect([...HLJS_LANGUAGES]).toEqual(languages);
    expect(HLJS_ALIASES).toEqual(aliases);
  });

  it('colours every language exactly as highlight.js with all its languages does', () => {
    const differ: string[] = [];
    for (const name of full.listLanguages()) {
      const api = core.newInstance();
      const load = grammarLoader(api);
      expect(load(name)).toBe(name);
      const ours = api.highlight(SAMPLE, { language: name, ignoreIllegals: true }).value;
      if (ours !== full.highlight(SAMPLE, { language: name, ignoreIllegals: true }).value) differ.push(name);
    }
    expect(differ).toEqual([]);
  });

  it('brings along the grammars a language embeds', () => {
    const api = core.newInstance();
    grammarLoader(api)('html');
    expect(api.listLanguages().sort()).toEqual(['css', 'graphql', 'javascript', 'xml']);
    const html = api.highlight('<script>let a = 1;</script>', { language: 'xml' }).value;
    expect(html).toContain('<span class="hljs-keyword">let</span>');
  });

  it('resolves an alias two languages claim as highlight.js does, whichever loaded first', () => {
    const api = core.newInstance();
    const load = grammarLoader(api);
    expect(load('lasso')).toBe('lasso');
    expect(load('ls')).toBe(full.listLanguages().find((l) => full.getLanguage(l) === full.getLanguage('ls')));
    expect(load('LS')).toBe('livescript');
    expect(load('no-such-language')).toBeNull();
    expect(load('constructor')).toBeNull();
  });

  it('keeps the fence’s own spelling in the block’s class', () => {
    expect(highlightToHtml('let a = 1;', 'JS')).toEqual({
      html: full.highlight('let a = 1;', { language: 'js', ignoreIllegals: true }).value,
      language: 'JS',
    });
    expect(highlightToHtml('x', 'klingon')).toEqual({ html: 'x', language: null });
  });
});

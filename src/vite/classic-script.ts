import type { Plugin } from 'vite';

/**
 * Chromium refuses `<script type="module" crossorigin>` from file:// (origin null), so the
 * build emits one IIFE bundle loaded by a classic deferred script, and drops `crossorigin`.
 */
export function classicScriptPlugin(): Plugin {
  return {
    name: 'deck:classic-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html
          .replace(/<script type="module" crossorigin src=/g, '<script defer src=')
          .replace(/<script type="module" src=/g, '<script defer src=')
          .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
          .replace(/(<link rel="stylesheet") crossorigin/g, '$1'),
    },
  };
}

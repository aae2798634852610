import type { DeckMeta } from '../model.ts';
import { escapeAttr } from '../render/escape.ts';

/** The link preview image's size: what chat apps, social sites and learning platforms show (1.91:1). */
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

/** `<slug>-preview.png`, next to index.html. */
export function previewImageName(slug: string): string {
  return `${slug}-preview.png`;
}

/**
 * Open Graph and Twitter card metadata: what a shared link to the deck shows (title,
 * description, the title slide's picture). Crawlers want an absolute image URL; without the
 * front matter's `url:` we can only give one relative to the page, which some of them ignore.
 */
export function linkPreviewMeta(
  meta: DeckMeta,
  description: string,
): { attr: 'property' | 'name'; key: string; value: string }[] {
  const image = `${meta.url || './'}${encodeURIComponent(previewImageName(meta.slug))}`;
  const tags: { attr: 'property' | 'name'; key: string; value: string }[] = [
    { attr: 'property', key: 'og:type', value: 'website' },
    { attr: 'property', key: 'og:title', value: meta.title },
    { attr: 'property', key: 'og:description', value: description },
    { attr: 'property', key: 'og:locale', value: meta.lang.replace('-', '_') },
  ];
  if (meta.url) tags.push({ attr: 'property', key: 'og:url', value: meta.url });
  tags.push(
    { attr: 'property', key: 'og:image', value: image },
    { attr: 'property', key: 'og:image:type', value: 'image/png' },
    { attr: 'property', key: 'og:image:width', value: String(PREVIEW_SIZE.width) },
    { attr: 'property', key: 'og:image:height', value: String(PREVIEW_SIZE.height) },
    { attr: 'property', key: 'og:image:alt', value: `Title slide: ${meta.title}` },
    { attr: 'name', key: 'twitter:card', value: 'summary_large_image' },
    { attr: 'name', key: 'twitter:title', value: meta.title },
    { attr: 'name', key: 'twitter:description', value: description },
    { attr: 'name', key: 'twitter:image', value: image },
    { attr: 'name', key: 'twitter:image:alt', value: `Title slide: ${meta.title}` },
  );
  return tags;
}

/** The `<meta>` elements, each value escaped for its attribute by the template's one escaper. */
export function linkPreviewTags(meta: DeckMeta, description: string): string {
  return linkPreviewMeta(meta, description)
    .map((t) => `<meta ${t.attr}="${t.key}" content="${escapeAttr(t.value)}" />`)
    .join('\n    ');
}

import { nextObjectNumber, UnsupportedPdfError, type SkiaPdf } from './pdf-repack.ts';
import { arrayItems, dictEntries, dictText, refNumber, renumberRefs, shiftStructParents } from './pdf-syntax.ts';

/** One of the PDFs a deck was printed in, in page order. */
export interface PdfPart {
  pdf: SkiaPdf;
  /**
   * Named destinations this part holds only as stand-ins: link targets that live in another
   * part, given a placeholder so that Chromium kept the link. The real ones win in the merge.
   */
  stubs: ReadonlySet<string>;
}

function fail(why: string): never {
  throw new UnsupportedPdfError(why);
}

function dictOf(pdf: SkiaPdf, num: number): Map<string, string> {
  const o = pdf.objects.get(num);
  if (!o || o.isStream) fail(`object ${num} is not a dictionary`);
  return dictEntries(o.body);
}

/** Key/value pairs of a number tree (`/Nums`, or `/Kids` of further nodes), with the nodes' numbers. */
function numberTree(pdf: SkiaPdf, num: number, nodes: Set<number>, depth = 0): [number, string][] {
  if (depth > 32 || nodes.has(num)) fail('the parent tree is too deep or loops');
  nodes.add(num);
  const node = dictOf(pdf, num);
  const pairs: [number, string][] = [];
  const nums = node.get('Nums');
  if (nums !== undefined) {
    const items = arrayItems(nums);
    for (let i = 0; i + 1 < items.length; i += 2) pairs.push([Number(items[i]), items[i + 1]!]);
  }
  for (const kid of arrayItems(node.get('Kids') ?? '[]')) {
    const ref = refNumber(kid) ?? fail('a parent tree node is not a reference');
    pairs.push(...numberTree(pdf, ref, nodes, depth + 1));
  }
  return pairs;
}

/** Key/value pairs of a name tree (`/Names`, or `/Kids` of further nodes), keys as their string text. */
function nameTree(pdf: SkiaPdf, num: number, nodes: Set<number>, depth = 0): [string, string][] {
  if (depth > 32 || nodes.has(num)) fail('the ID tree is too deep or loops');
  nodes.add(num);
  const node = dictOf(pdf, num);
  const pairs: [string, string][] = [];
  const names = arrayItems(node.get('Names') ?? '[]');
  for (let i = 0; i + 1 < names.length; i += 2) pairs.push([names[i]!, names[i + 1]!]);
  for (const kid of arrayItems(node.get('Kids') ?? '[]')) {
    const ref = refNumber(kid) ?? fail('an ID tree node is not a reference');
    pairs.push(...nameTree(pdf, ref, nodes, depth + 1));
  }
  return pairs;
}

/**
 * Element IDs (`/ID`, the `/Headers` that table cells name them by, the ID tree's keys) of a
 * later part, with a prefix: Chromium numbers them per document, so two parts can hold the same.
 * Only plain literal strings, as Chromium writes them (`node00000112`).
 */
function prefixIds(body: string, prefix: string): string {
  const plain = (id: string) => (/^[A-Za-z0-9._-]*$/.test(id) ? `(${prefix}${id})` : fail('an element ID'));
  return body
    .replace(/\/ID\s*\(([^()\\]*)\)/g, (_, id: string) => `/ID ${plain(id)}`)
    .replace(
      /\/Headers\s*\[([^\]]*)\]/g,
      (_, ids: string) =>
        `/Headers [${arrayItems(`[${ids}]`)
          .map((item) => (item.startsWith('(') && item.endsWith(')') ? plain(item.slice(1, -1)) : fail('a header ID')))
          .join(' ')}]`,
    );
}

/** A dictionary's entries with their references renumbered. */
function remapped(entries: ReadonlyMap<string, string>, map: (n: number) => number): Map<string, string> {
  return new Map([...entries].map(([k, v]) => [k, renumberRefs(v, map)]));
}

/** The items of a value that may be one item or an array of them. */
function items(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.trim().startsWith('[') ? arrayItems(value) : [value];
}

/**
 * One PDF from PDFs that Chromium printed of consecutive parts of a deck, as good as one print
 * of the whole: every object kept (renumbered), each part's page tree under a new root, one tag
 * tree (each part's Document children under one Document, the parent tree's keys and the pages'
 * `/StructParents` shifted past the earlier parts'), and one table of named destinations, so that
 * a link from one part to a slide in another goes to that slide's page. The result is laid out
 * like `parseSkiaPdf`'s, for `finishPdf`. Anything it does not know how to join (a tag tree that
 * is not one Document, an /IDTree) is an UnsupportedPdfError rather than a silently worse file.
 */
export function mergeSkiaPdfs(parts: readonly PdfPart[]): SkiaPdf {
  if (parts.length === 0) fail('no PDF to merge');
  if (parts.length === 1 && parts[0]!.stubs.size === 0) return parts[0]!.pdf;
  let top = parts.reduce((n, p) => n + nextObjectNumber(p.pdf) - 1, 0) + 1;
  const PAGES = top++;
  const STRUCT_ROOT = top++;
  const DOCUMENT = top++;
  const PARENT_TREE = top++;
  const DESTS = top++;
  const CATALOG = top++;
  const ID_TREE = top++;

  const objects: SkiaPdf['objects'] = new Map();
  const pageRefs: number[] = [];
  const partRoots: number[] = [];
  const docKids: string[] = [];
  const nums: string[] = [];
  const dests = new Map<string, string>();
  const roleMap = new Map<string, string>();
  const ids: [string, string][] = [];
  let catalog: Map<string, string> | null = null;
  let document: Map<string, string> | null = null;
  let structRoot: Map<string, string> | null = null;
  let offset = 0;
  let keyOffset = 0;
  let tagged = 0;

  for (const [index, { pdf, stubs }] of parts.entries()) {
    const prefix = index === 0 ? '' : `p${index}.`;
    const cat = dictOf(pdf, pdf.rootRef);
    const pagesRef = refNumber(cat.get('Pages')) ?? fail('the catalog has no /Pages');
    const structRef = refNumber(cat.get('StructTreeRoot'));
    const destsValue = cat.get('Dests');
    const destsRef = destsValue === undefined ? null : (refNumber(destsValue) ?? fail('inline /Dests'));
    if (cat.has('Names') || cat.has('Outlines')) fail('a name tree or an outline in a part');
    const dropped = new Set<number>([pdf.rootRef]);
    if (pdf.infoRef !== null) dropped.add(pdf.infoRef);
    if (destsRef !== null) dropped.add(destsRef);
    const special = new Map<number, number>();
    const map = (n: number): number => special.get(n) ?? n + offset;

    let root: Map<string, string> | null = null;
    let docRef: number | null = null;
    let nextKey = 0;
    let tree: [number, string][] = [];
    if (structRef !== null) {
      tagged++;
      root = dictOf(pdf, structRef);
      docRef = refNumber(root.get('K'));
      const doc = docRef === null ? null : dictOf(pdf, docRef);
      if (docRef === null || !doc || doc.get('S')?.trim() !== '/Document') fail('a tag tree that is not one Document');
      const parentTreeRef = refNumber(root.get('ParentTree'));
      const nodes = new Set<number>();
      if (parentTreeRef !== null) tree = numberTree(pdf, parentTreeRef, nodes);
      const idTreeRef = root.has('IDTree') ? (refNumber(root.get('IDTree')) ?? fail('an inline /IDTree')) : null;
      if (idTreeRef !== null)
        for (const [key, value] of nameTree(pdf, idTreeRef, nodes)) {
          if (!key.startsWith('(') || !key.endsWith(')')) fail('an ID tree key');
          ids.push([prefix ? prefixIds(`/ID ${key}`, prefix).slice(4) : key, renumberRefs(value, map)]);
        }
      nextKey = Number(root.get('ParentTreeNextKey') ?? NaN);
      if (!Number.isInteger(nextKey)) nextKey = tree.reduce((m, [k]) => Math.max(m, k + 1), 0);
      for (const n of [structRef, docRef, ...nodes]) dropped.add(n);
      special.set(structRef, STRUCT_ROOT);
      special.set(docRef, DOCUMENT);
      for (const kid of items(doc.get('K'))) docKids.push(renumberRefs(kid, map));
      for (const [k, v] of tree) nums.push(`${k + keyOffset} ${renumberRefs(v, map)}`);
      for (const [k, v] of dictEntries(root.get('RoleMap') ?? '<<>>')) if (!roleMap.has(k)) roleMap.set(k, v);
      document ??= remapped(doc, map);
      structRoot ??= remapped(root, map);
    }
    catalog ??= remapped(cat, map);

    for (const [num, o] of pdf.objects) {
      if (dropped.has(num)) continue;
      let body = shiftStructParents(renumberRefs(o.body, map), keyOffset);
      if (prefix && !o.isStream && /\/(ID|Headers)\b/.test(body)) body = prefixIds(body, prefix);
      if (num === pagesRef) {
        const entries = dictEntries(body);
        entries.set('Parent', `${PAGES} 0 R`);
        body = dictText(entries);
      }
      objects.set(map(num), { body, isStream: o.isStream });
    }
    if (destsRef !== null) {
      for (const [name, target] of dictOf(pdf, destsRef)) {
        if (!stubs.has(name) && !dests.has(name)) dests.set(name, renumberRefs(target, map));
      }
    }
    partRoots.push(map(pagesRef));
    pageRefs.push(...pdf.pageRefs.map(map));
    keyOffset += nextKey;
    offset += nextObjectNumber(pdf) - 1;
  }
  if (tagged !== 0 && tagged !== parts.length) fail('some parts are tagged and some are not');

  objects.set(PAGES, {
    body: `<</Type /Pages\n/Count ${pageRefs.length}\n/Kids [${partRoots.map((n) => `${n} 0 R`).join(' ')}]>>`,
    isStream: false,
  });
  const cat = new Map(catalog!);
  cat.set('Pages', `${PAGES} 0 R`);
  if (dests.size > 0) {
    cat.set('Dests', `${DESTS} 0 R`);
    objects.set(DESTS, { body: dictText(dests), isStream: false });
  } else cat.delete('Dests');
  if (document && structRoot) {
    const doc = new Map(document);
    doc.set('P', `${STRUCT_ROOT} 0 R`);
    doc.set('K', `[${docKids.join(' ')}]`);
    objects.set(DOCUMENT, { body: dictText(doc), isStream: false });
    objects.set(PARENT_TREE, { body: `<</Nums [${nums.join(' ')}]>>`, isStream: false });
    const root = new Map(structRoot);
    root.set('K', `${DOCUMENT} 0 R`);
    root.set('ParentTree', `${PARENT_TREE} 0 R`);
    root.set('ParentTreeNextKey', String(keyOffset));
    if (roleMap.size > 0) root.set('RoleMap', dictText(roleMap));
    root.delete('IDTree');
    if (ids.length > 0) {
      // A name tree's keys go in order (bytes compared; these are plain ASCII).
      ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      objects.set(ID_TREE, { body: `<</Names [${ids.map(([k, v]) => `${k} ${v}`).join(' ')}]>>`, isStream: false });
      root.set('IDTree', `${ID_TREE} 0 R`);
    }
    objects.set(STRUCT_ROOT, { body: dictText(root), isStream: false });
    cat.set('StructTreeRoot', `${STRUCT_ROOT} 0 R`);
  }
  objects.set(CATALOG, { body: dictText(cat), isStream: false });
  return { objects, rootRef: CATALOG, infoRef: null, pageRefs };
}

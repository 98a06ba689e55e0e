// Small, alias- and merge-key-aware accessors over the `yaml` AST.
// Rules read manifests only through these, so anchors (`&port`), aliases (`*port`) and merge keys
// (`<<: *container`) behave like the values Kubernetes would see, without ever expanding a whole tree
// (which is how alias bombs blow up).
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** A parsed YAML document plus the offset of its text inside the whole file. */
export interface DocRef {
  doc: Document.Parsed;
  /** Added to every node offset to get an offset in the linted text. */
  base: number;
  /** The text the node offsets index into (needed to write fixes in the document's own style). */
  source?: string;
  /** The text ends its lines with lone CRs (`source` has LFs there): fixes write CRs. */
  loneCr?: boolean;
}

const MAX_ALIAS_HOPS = 16;

/**
 * Anchors of a document, in document order. `yaml`'s own Alias.resolve walks the whole document on every call,
 * which turns manifests full of aliases quadratic; one walk per document is enough.
 */
const anchorIndex = new WeakMap<Document, Map<string, Node[]>>();

function anchorsOf(doc: Document): Map<string, Node[]> {
  let anchors = anchorIndex.get(doc);
  if (!anchors) {
    const found = new Map<string, Node[]>();
    // A walk of our own, in document order (a key before its value): `visit` keeps a path per node and is
    // several times slower, and every document with an alias pays for it.
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isPair(node)) {
        stack.push(node.value, node.key);
        continue;
      }
      if (!isMap(node) && !isSeq(node) && !isScalar(node)) continue;
      if (node.anchor) {
        const list = found.get(node.anchor) ?? [];
        list.push(node);
        found.set(node.anchor, list);
      }
      if (isMap(node) || isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      }
    }
    anchors = found;
    anchorIndex.set(doc, anchors);
  }
  return anchors;
}

/** The node an alias names: the last anchor of that name defined before the alias (YAML allows redefinition). */
function resolveAlias(alias: Alias, doc: Document): Node | undefined {
  const candidates = anchorsOf(doc).get(alias.source);
  if (!candidates) {
    return undefined;
  }
  const at = alias.range?.[0] ?? Infinity;
  let result: Node | undefined;
  for (const node of candidates) {
    if ((node.range?.[0] ?? Infinity) < at) {
      result = node;
    }
  }
  return result;
}

/** Follows aliases to the node they name (bounded, so alias cycles cannot loop). */
export function deref(node: unknown, ref: DocRef): Node | undefined {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops >= MAX_ALIAS_HOPS) {
      return undefined;
    }
    current = resolveAlias(current, ref.doc);
  }
  return (current ?? undefined) as Node | undefined;
}

function keyText(key: unknown, ref: DocRef): string | undefined {
  const node = deref(key, ref);
  if (!isScalar(node)) {
    return undefined;
  }
  // With merge keys enabled, `yaml` gives `<<` a symbol value.
  return typeof node.value === 'symbol' ? '<<' : String(node.value);
}

/** The pair for `key` in `map`: its own entries first, then those merged in with `<<`. */
export function getPair(map: unknown, key: string, ref: DocRef, depth = 0): Pair | undefined {
  const resolved = deref(map, ref);
  if (!isMap(resolved) || depth > MAX_ALIAS_HOPS) {
    return undefined;
  }
  let merges: unknown[] | undefined;
  for (const item of resolved.items) {
    const name = keyText(item.key, ref);
    if (name === key) {
      return item;
    }
    if (name === '<<') {
      (merges ??= []).push(item.value);
    }
  }
  for (const merge of merges ?? []) {
    const source = deref(merge, ref);
    const sources = isSeq(source) ? source.items : [source];
    for (const candidate of sources) {
      const found = getPair(candidate, key, ref, depth + 1);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

export function get(map: unknown, key: string, ref: DocRef): Node | undefined {
  const pair = getPair(map, key, ref);
  return pair ? deref(pair.value, ref) : undefined;
}

export function getMap(map: unknown, key: string, ref: DocRef): YAMLMap | undefined {
  const node = get(map, key, ref);
  return isMap(node) ? node : undefined;
}

export function getSeq(map: unknown, key: string, ref: DocRef): YAMLSeq | undefined {
  const node = get(map, key, ref);
  return isSeq(node) ? node : undefined;
}

export type ScalarValue = string | number | boolean | null;

export function scalarValue(node: unknown, ref: DocRef): ScalarValue | undefined {
  const resolved = deref(node, ref);
  if (!isScalar(resolved)) {
    return undefined;
  }
  const value = resolved.value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return value;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  return undefined;
}

export function getScalar(map: unknown, key: string, ref: DocRef): ScalarValue | undefined {
  return scalarValue(getPair(map, key, ref)?.value, ref);
}

export function getString(map: unknown, key: string, ref: DocRef): string | undefined {
  const value = getScalar(map, key, ref);
  return typeof value === 'string' ? value : undefined;
}

/** The largest value of an int32 field (replicas, probe seconds and thresholds, most counts). */
export const MAX_INT32 = 2_147_483_647;

/**
 * A whole-number field as the API server takes it: a YAML integer in 0..int32. Anything else is undefined, like a
 * missing or templated value: a quoted number ("3", a string the API server rejects for an integer field), a
 * negative, fractional, infinite or oversized number, a boolean. Rules and facts then treat it as not known, and
 * `invalid-field-value` says what the API server will say.
 */
export function getInt(map: unknown, key: string, ref: DocRef): number | undefined {
  return toInt(getScalar(map, key, ref));
}

export function toInt(value: ScalarValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INT32 ? value : undefined;
}

/** Items of a sequence, aliases resolved. */
export function seqItems(seq: YAMLSeq | undefined, ref: DocRef): Node[] {
  if (!seq) {
    return [];
  }
  const items: Node[] = [];
  for (const item of seq.items) {
    const node = deref(item, ref);
    if (node) {
      items.push(node);
    }
  }
  return items;
}

/** Keys of a map (own and merged), in document order. */
export function mapKeys(map: unknown, ref: DocRef, depth = 0): string[] {
  const resolved = deref(map, ref);
  if (!isMap(resolved) || depth > MAX_ALIAS_HOPS) {
    return [];
  }
  const keys: string[] = [];
  for (const item of resolved.items) {
    const name = keyText(item.key, ref);
    if (name === '<<') {
      const source = deref(item.value, ref);
      for (const candidate of isSeq(source) ? source.items : [source]) {
        keys.push(...mapKeys(candidate, ref, depth + 1));
      }
    } else if (name !== undefined) {
      keys.push(name);
    }
  }
  return [...new Set(keys)];
}

/** A string-to-string map such as labels or a selector; non-scalar values are skipped. */
export function stringMap(map: unknown, ref: DocRef): Record<string, string> | undefined {
  const resolved = deref(map, ref);
  if (!isMap(resolved)) {
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const key of mapKeys(resolved, ref)) {
    const value = getScalar(resolved, key, ref);
    if (value !== undefined && value !== null) {
      result[key] = String(value);
    }
  }
  return result;
}

/** Offsets [start, end) of a node, in the linted text. */
export function nodeRange(node: Node | undefined | null, ref: DocRef): [number, number] | undefined {
  const range = node?.range;
  if (!range) {
    return undefined;
  }
  return [ref.base + range[0], ref.base + range[1]];
}

/** The range of a `key: value` entry: from the key to the end of a scalar value, or just the key for a block value. */
export function pairRange(pair: Pair, ref: DocRef): [number, number] | undefined {
  const key = nodeRange(pair.key as Node, ref);
  if (!key) {
    return undefined;
  }
  const value = pair.value as Node | null;
  if (value && (isScalar(value) || isAlias(value))) {
    const valueRange = nodeRange(value, ref);
    if (valueRange && valueRange[1] > key[0]) {
      return [key[0], valueRange[1]];
    }
  }
  return key;
}

export function keyRange(pair: Pair, ref: DocRef): [number, number] | undefined {
  return nodeRange(pair.key as Node, ref);
}

/** Plain JS for a small subtree (probes, headers), with aliases expanded under a hard cap. */
export function toPlain(node: unknown, ref: DocRef): unknown {
  if (!node || !(isMap(node) || isSeq(node) || isScalar(node) || isAlias(node) || isPair(node))) {
    return undefined;
  }
  try {
    return (node as Node).toJS(ref.doc, { maxAliasCount: 50 });
  } catch {
    return undefined;
  }
}

// The value tree a Kustomize build works on: plain YAML values (maps keep their key order, scalars their decoded
// value and the text kustomize compares) where every node remembers the source range it came from, and, when a
// kustomization field made or rewrote it, that field. Transforms move nodes around; the origins travel with them.
import { type SourceRange } from '../../model/origin';

export type ScalarValue = string | number | boolean | null;

/** A kustomization field that produced or rewrote a node, and the node it rewrote when there was one. */
export interface Produced {
  source: SourceRange;
  via?: SourceRange[];
}

interface NodeBase {
  /** The source node this node is (a resource, a patch). */
  src?: SourceRange;
  /** Set when a kustomization field produced this node or rewrote its value. */
  produced?: Produced;
}

export interface KScalar extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
  /** The scalar's text as kustomize's YAML library holds it (plain scalars: as written), used for comparisons. */
  text: string;
}

export interface KEntry {
  key: string;
  value: KNode;
  /** The source range of the whole `key: value` pair. */
  src?: SourceRange;
  produced?: Produced;
}

export interface KMap extends NodeBase {
  kind: 'map';
  entries: KEntry[];
}

export interface KSeq extends NodeBase {
  kind: 'seq';
  items: KNode[];
}

export type KNode = KScalar | KMap | KSeq;

export function scalar(value: ScalarValue, produced?: Produced, text?: string): KScalar {
  return { kind: 'scalar', value, text: text ?? scalarText(value), ...(produced ? { produced } : {}) };
}

export function scalarText(value: ScalarValue): string {
  return value === null ? 'null' : String(value);
}

export function map(entries: KEntry[] = [], produced?: Produced): KMap {
  return { kind: 'map', entries, ...(produced ? { produced } : {}) };
}

export function seq(items: KNode[] = [], produced?: Produced): KSeq {
  return { kind: 'seq', items, ...(produced ? { produced } : {}) };
}

export function isMap(node: KNode | undefined): node is KMap {
  return node?.kind === 'map';
}

export function isSeq(node: KNode | undefined): node is KSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: KNode | undefined): node is KScalar {
  return node?.kind === 'scalar';
}

export function isNull(node: KNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

export function entryOf(node: KMap, key: string): KEntry | undefined {
  for (const entry of node.entries) if (entry.key === key) return entry;
  return undefined;
}

export function field(node: KNode | undefined, key: string): KNode | undefined {
  return isMap(node) ? entryOf(node, key)?.value : undefined;
}

/** The node at a path of map keys, or undefined. */
export function lookup(node: KNode | undefined, ...path: string[]): KNode | undefined {
  let current = node;
  for (const key of path) current = field(current, key);
  return current;
}

/** A string field's text ('' when missing or not a scalar), as kustomize reads metadata. */
export function stringAt(node: KNode | undefined, ...path: string[]): string {
  const found = lookup(node, ...path);
  return isScalar(found) && found.value !== null ? found.text : '';
}

/** Sets a map field, keeping the entry's place when it exists; returns the entry. */
export function setField(node: KMap, key: string, value: KNode, produced?: Produced): KEntry {
  const existing = entryOf(node, key);
  if (existing) {
    existing.value = value;
    if (produced) existing.produced = produced;
    return existing;
  }
  const entry: KEntry = { key, value, ...(produced ? { produced } : {}) };
  node.entries.push(entry);
  return entry;
}

export function removeField(node: KMap, key: string): boolean {
  const index = node.entries.findIndex((entry) => entry.key === key);
  if (index < 0) return false;
  node.entries.splice(index, 1);
  return true;
}

/** The map at `path`, created (with `produced` as its origin) where missing or null. */
export function ensureMap(node: KMap, path: string[], produced?: Produced): KMap {
  let current = node;
  for (const key of path) {
    const next = field(current, key);
    if (isMap(next)) {
      current = next;
      continue;
    }
    const created = map([], produced);
    setField(current, key, created, produced);
    current = created;
  }
  return current;
}

export function clone<T extends KNode>(node: T): T {
  switch (node.kind) {
    case 'scalar':
      return { ...node };
    case 'map':
      return { ...node, entries: node.entries.map((entry) => ({ ...entry, value: clone(entry.value) })) };
    case 'seq':
      return { ...node, items: node.items.map((item) => clone(item)) };
  }
  throw new Error('unreachable');
}

/** Plain JavaScript value of a node (what kustomize's JSON step sees). */
export function toPlain(node: KNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const entry of node.entries) result[entry.key] = toPlain(entry.value);
      return result;
    }
  }
}

/** A node from a plain value (JSON patch values, generated data); every node gets `produced` when given. */
export function fromPlain(value: unknown, produced?: Produced): KNode {
  if (Array.isArray(value)) {
    return seq(
      value.map((item) => fromPlain(item, produced)),
      produced,
    );
  }
  if (value !== null && typeof value === 'object') {
    return map(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => ({
        key,
        value: fromPlain(item, produced),
        ...(produced ? { produced } : {}),
      })),
      produced,
    );
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalar(value, produced);
  return scalar(null, produced);
}

/** Deep equality of values (origins aside). */
export function sameValue(a: KNode, b: KNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'scalar') return a.value === (b as KScalar).value;
  if (a.kind === 'seq') {
    const other = b as KSeq;
    return a.items.length === other.items.length && a.items.every((item, i) => sameValue(item, other.items[i]));
  }
  const other = b as KMap;
  if (a.entries.length !== other.entries.length) return false;
  return a.entries.every((entry) => {
    const match = entryOf(other, entry.key);
    return match !== undefined && sameValue(entry.value, match.value);
  });
}

/** Counts nodes, stopping early past `limit` (bounds alias expansion and huge inputs). */
export function countNodes(node: KNode, limit: number): number {
  let count = 0;
  const stack: KNode[] = [node];
  while (stack.length > 0 && count <= limit) {
    const current = stack.pop() as KNode;
    count++;
    if (current.kind === 'map') for (const entry of current.entries) stack.push(entry.value);
    else if (current.kind === 'seq') stack.push(...current.items);
  }
  return count;
}

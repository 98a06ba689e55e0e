// Which entry of which Kubernetes object an offset of the text is on: the object, and the keys from its root to
// the entry, as written (aliases are not followed: the offset is in the text that is there).
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { K8sObject } from '../k8s/objects';
import type { FileModel, PlacedChunk } from '../model/fileModel';
import type { ChunkDocument } from '../model/yamlChunk';
import { pairRange } from '../model/yamlAccess';

export interface PathStep {
  key: string | number;
  /** The entry of a map step. */
  pair?: Pair;
  /** The value the step leads to, as written (possibly an alias). */
  node: unknown;
}

export interface Located {
  placed: PlacedChunk;
  document: ChunkDocument;
  object: K8sObject;
  /** Keys from the object's root map to the innermost entry under the offset. */
  path: PathStep[];
  /** The innermost entry: key to scalar value, offsets into the text. */
  range: [number, number];
}

/** Deeper than any manifest; keeps a pathological document from costing more than a walk this deep. */
const MAX_DEPTH = 64;

function span(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The entry of `map` whose key or value holds `offset` (chunk-relative). */
function pairAt(items: Pair[], offset: number): Pair | undefined {
  for (const pair of items) {
    const key = span(pair.key);
    if (!key) continue;
    const end = Math.max(key[1], span(pair.value)?.[1] ?? key[1]);
    if (key[0] <= offset && offset <= end) return pair;
  }
  return undefined;
}

function walk(root: Node, offset: number): PathStep[] {
  const path: PathStep[] = [];
  let node: unknown = root;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (isMap(node)) {
      const pair = pairAt(node.items, offset);
      if (!pair || !isScalar(pair.key)) break;
      path.push({ key: String(pair.key.value), pair, node: pair.value });
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = span(item);
        return range !== undefined && range[0] <= offset && offset <= range[1];
      });
      if (index < 0) break;
      path.push({ key: index, node: node.items[index] });
      node = node.items[index];
    } else {
      break;
    }
  }
  return path;
}

/** The innermost entry of the path: a scalar item of a sequence (`- "30"`), or a map entry (key to scalar value). */
function entryRange(path: readonly PathStep[], object: K8sObject): [number, number] | undefined {
  const last = path[path.length - 1];
  if (last && typeof last.key === 'number' && isScalar(last.node)) return span(last.node);
  const innermost = [...path].reverse().find((step) => step.pair);
  return innermost?.pair && pairRange(innermost.pair, object.ref);
}

/**
 * The object and entry at `offset` of the model's text; undefined off any entry (blank space, a comment, a
 * sequence dash), in documents that are not Kubernetes objects, and in Helm templates.
 */
export function locate(model: FileModel, offset: number, patchFile: boolean): Located | undefined {
  const placed = model.chunkAt(offset);
  if (!placed || placed.chunk.helm) return undefined;
  const local = offset - placed.start;
  for (const document of placed.chunk.documents(patchFile)) {
    for (const object of document.objects) {
      const range = span(object.node);
      if (!range || local < range[0] || local > range[1]) continue;
      const path = walk(object.node, local);
      const entry = entryRange(path, object);
      if (!entry || local < entry[0] || local > entry[1]) return undefined;
      return { placed, document, object, path, range: [placed.start + entry[0], placed.start + entry[1]] };
    }
  }
  return undefined;
}

/** The keys of a path, e.g. ['spec', 'strategy', 'rollingUpdate', 'maxSurge']. */
export function keysOf(path: readonly PathStep[]): (string | number)[] {
  return path.map((step) => step.key);
}

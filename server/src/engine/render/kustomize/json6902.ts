// JSON 6902 patches as kustomize applies them (evanphx/json-patch v4: negative indices allowed, `replace` of a
// missing object key adds it). The operations work on the value tree, so untouched nodes keep their origins and
// added values point at the patch.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type KNode, type KMap, type KSeq, clone, entryOf, isMap, isSeq, sameValue, scalar } from './tree';

export interface JsonOperation {
  op: string;
  path: string;
  from?: string;
  value?: KNode;
  /** The operation's node in the patch, for errors. */
  at: SourceRange;
}

/** Reads decoded patch documents (a list of operations) into operations; throws on a malformed patch. */
export function jsonOperations(doc: KNode, at: SourceRange): JsonOperation[] {
  if (!isSeq(doc)) return fail('a JSON 6902 patch must be a list of operations', doc.src ?? at);
  return doc.items.map((item) => {
    if (!isMap(item)) return fail('a JSON 6902 operation must be a mapping', item.src ?? at);
    const text = (key: string): string | undefined => {
      const value = entryOf(item, key)?.value;
      return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
    };
    const op = text('op');
    const path = text('path');
    const where = item.src ?? at;
    if (op === undefined) return fail('JSON 6902 operation without an op', where);
    if (path === undefined) return fail(`${op} operation failed to decode path: operation missing path field`, where);
    const value = entryOf(item, 'value')?.value;
    return { op, path, from: text('from'), value, at: where };
  });
}

function decodeKey(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}

type Container = { kind: 'map'; node: KMap } | { kind: 'seq'; node: KSeq };

/** The container holding the last segment of a pointer, and that segment (undefined when a part is missing). */
function findObject(doc: KNode, path: string): { container: Container; key: string } | undefined {
  const parts = path.split('/');
  if (parts.length < 2) return undefined;
  let current: KNode | undefined = doc;
  for (const part of parts.slice(1, -1)) {
    const next = getChild(current, decodeKey(part));
    if (next === undefined || (next.kind === 'scalar' && next.value === null)) return undefined;
    current = next;
  }
  const key = decodeKey(parts[parts.length - 1]);
  if (current?.kind === 'map') return { container: { kind: 'map', node: current }, key };
  if (current?.kind === 'seq') return { container: { kind: 'seq', node: current }, key };
  return undefined;
}

function getChild(node: KNode | undefined, key: string): KNode | undefined {
  if (node?.kind === 'map') return entryOf(node, key)?.value;
  if (node?.kind === 'seq') {
    const index = arrayIndex(key, node.items.length, false);
    return index === undefined ? undefined : node.items[index];
  }
  return undefined;
}

function arrayIndex(key: string, length: number, inserting: boolean): number | undefined {
  if (!/^[-+]?\d+$/.test(key)) return undefined;
  let index = Number(key);
  const size = inserting ? length + 1 : length;
  if (index < 0) {
    if (index < -size) return undefined;
    index += size;
  }
  if (index >= size) return undefined;
  return index;
}

function get(container: Container, key: string, op: JsonOperation): KNode | undefined {
  if (container.kind === 'map') return entryOf(container.node, key)?.value;
  const index = arrayIndex(key, container.node.items.length, false);
  if (index === undefined) return fail(`error in ${op.op} for path: '${op.path}': Unable to access invalid index: ${key}`, op.at);
  return container.node.items[index];
}

function add(container: Container, key: string, value: KNode, op: JsonOperation): void {
  if (container.kind === 'map') {
    const existing = entryOf(container.node, key);
    if (existing) {
      existing.value = value;
      existing.src = op.at;
    } else container.node.entries.push({ key, value, src: op.at });
    return;
  }
  const items = container.node.items;
  if (key === '-') {
    items.push(value);
    return;
  }
  const index = arrayIndex(key, items.length, true);
  if (index === undefined) fail(`error in add for path: '${op.path}': Unable to access invalid index: ${key}`, op.at);
  items.splice(index, 0, value);
}

function remove(container: Container, key: string, op: JsonOperation): void {
  if (container.kind === 'map') {
    const index = container.node.entries.findIndex((entry) => entry.key === key);
    if (index < 0) fail(`error in remove for path: '${op.path}': Unable to remove nonexistent key: ${key}: missing value`, op.at);
    container.node.entries.splice(index, 1);
    return;
  }
  const index = arrayIndex(key, container.node.items.length, false);
  if (index === undefined) fail(`error in remove for path: '${op.path}': Unable to access invalid index: ${key}`, op.at);
  container.node.items.splice(index, 1);
}

function valueOf(op: JsonOperation): KNode {
  return op.value ? clone(op.value) : scalar(null);
}

/** Applies the operations to a resource's root map in place; returns the new root (a `replace` of "" swaps it). */
export function applyJsonPatch(doc: KMap, ops: JsonOperation[]): KMap {
  let root: KNode = doc;
  for (const op of ops) {
    const where = (what: string): never => fail(`${op.op} operation does not apply: doc is missing ${what}: "${op.path}"`, op.at);
    switch (op.op) {
      case 'add': {
        const found = findObject(root, op.path);
        if (!found) return where('path');
        add(found.container, found.key, valueOf(op), op);
        break;
      }
      case 'remove': {
        const found = findObject(root, op.path);
        if (!found) return where('path');
        remove(found.container, found.key, op);
        break;
      }
      case 'replace': {
        if (op.path === '') {
          const value = valueOf(op);
          if (value.kind === 'scalar') fail('replace operation value must be object or array', op.at);
          root = value;
          break;
        }
        const found = findObject(root, op.path);
        if (!found) return where('path');
        if (found.container.kind === 'seq') {
          const index = arrayIndex(found.key, found.container.node.items.length, false);
          if (index === undefined) fail(`replace operation does not apply: doc is missing key: ${op.path}`, op.at);
          found.container.node.items[index] = valueOf(op);
        } else add(found.container, found.key, valueOf(op), op);
        break;
      }
      case 'move':
      case 'copy': {
        if (op.from === undefined) fail(`${op.op} operation failed to decode from`, op.at);
        const source = findObject(root, op.from);
        if (!source) fail(`${op.op} operation does not apply: doc is missing from path: ${op.from}`, op.at);
        const value = get(source.container, source.key, op);
        if (op.op === 'move') remove(source.container, source.key, op);
        const target = findObject(root, op.path);
        if (!target) fail(`${op.op} operation does not apply: doc is missing destination path: ${op.path}`, op.at);
        add(target.container, target.key, op.op === 'copy' && value ? clone(value) : (value ?? scalar(null)), op);
        break;
      }
      case 'test': {
        const found = op.path === '' ? { value: root } : findObject(root, op.path);
        if (!found) fail(`test operation does not apply: is missing path: ${op.path}`, op.at);
        const actual = 'value' in found ? found.value : get(found.container, found.key, op);
        const expected = op.value;
        const equal =
          actual === undefined
            ? expected === undefined || (expected.kind === 'scalar' && expected.value === null)
            : expected !== undefined && sameValue(actual, expected);
        if (!equal) fail(`testing value ${op.path} failed: test failed`, op.at);
        break;
      }
      default:
        fail(`Unexpected kind: ${op.op}`, op.at);
    }
  }
  if (root.kind !== 'map') return fail('a JSON 6902 patch turned the resource into something other than a mapping', ops[0]?.at);
  retypeAfterJson(root);
  return root;
}

/**
 * kustomize applies JSON patches to the resource as JSON and reads it back: numbers become float64 (written the
 * way Go's %g does), so the text kustomize later compares or copies (annotation values) changes with them.
 */
function retypeAfterJson(node: KNode): void {
  if (node.kind === 'map') for (const entry of node.entries) retypeAfterJson(entry.value);
  else if (node.kind === 'seq') for (const item of node.items) retypeAfterJson(item);
  else if (typeof node.value === 'number') node.text = goFloatText(node.value);
  else if (typeof node.value === 'boolean') node.text = String(node.value);
  else if (node.value === null) node.text = 'null';
}

/** strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e6. */
export function goFloatText(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  if (value === 0) return '0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

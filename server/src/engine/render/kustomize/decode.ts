// Decoding YAML trees into typed kustomize structures the way Go's encoding/json does after sigs.k8s.io/yaml:
// unknown fields are errors, field names match case-insensitively (exact first), a value of the wrong type is an
// error, null leaves the zero value. Decoded strings keep their node so that outputs can point back at them.
import { type SourceRange } from '../../model/origin';
import { fail, rangeOf } from './errors';
import { type KEntry, type KMap, type KNode, type KScalar } from './tree';

export type Spec =
  | { t: 'string' }
  | { t: 'bool' }
  | { t: 'int' }
  | { t: 'any' }
  | { t: 'list'; of: Spec }
  | { t: 'map'; of: Spec }
  | { t: 'object'; name: string; fields: Record<string, Spec> };

export const STRING: Spec = { t: 'string' };
export const BOOL: Spec = { t: 'bool' };
export const INT: Spec = { t: 'int' };
export const ANY: Spec = { t: 'any' };
export const list = (of: Spec): Spec => ({ t: 'list', of });
export const mapOf = (of: Spec): Spec => ({ t: 'map', of });
export const object = (name: string, fields: Record<string, Spec>): Spec => ({ t: 'object', name, fields });

/** A decoded string and the node it came from. */
export interface Str {
  value: string;
  node: KNode;
}

export interface Flag {
  value: boolean;
  node: KNode;
}

export interface Num {
  value: number;
  node: KNode;
}

/** A decoded `map[string]T` entry. */
export interface Pair<T = Str> {
  key: string;
  value: T;
  entry: KEntry;
}

/** A decoded object: its fields by their Go JSON names, and the mapping node. */
export type Obj = Record<string, unknown> & { $node: KMap };

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  bool: 'a boolean',
  int: 'an integer',
  list: 'a list',
  map: 'a mapping',
  object: 'a mapping',
};

function kindName(node: KNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (typeof node.value === 'number') return 'a number';
  if (typeof node.value === 'boolean') return 'a boolean';
  return 'a string';
}

export function decode(node: KNode, spec: Spec, where: string, fallback: SourceRange): unknown {
  if (node.kind === 'scalar' && node.value === null && spec.t !== 'any') return undefined;
  const wrong = (): never => fail(`${where}: expected ${TYPE_NAMES[spec.t]}, found ${kindName(node)}`, rangeOf(node, fallback));
  switch (spec.t) {
    case 'any':
      return node;
    case 'string':
      if (node.kind !== 'scalar' || typeof node.value !== 'string') return wrong();
      return { value: node.value, node } satisfies Str;
    case 'bool':
      if (node.kind !== 'scalar' || typeof node.value !== 'boolean') return wrong();
      return { value: node.value, node } satisfies Flag;
    case 'int':
      if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isInteger(node.value)) return wrong();
      return { value: node.value, node } satisfies Num;
    case 'list':
      if (node.kind !== 'seq') return wrong();
      return node.items.map((item, i) => decode(item, spec.of, `${where}[${i}]`, fallback));
    case 'map':
      if (node.kind !== 'map') return wrong();
      return node.entries.map((entry) => ({
        key: entry.key,
        value: decode(entry.value, spec.of, `${where}.${entry.key}`, fallback),
        entry,
      }));
    case 'object': {
      if (node.kind !== 'map') return wrong();
      const result: Record<string, unknown> = { $node: node };
      const names = Object.keys(spec.fields);
      for (const entry of node.entries) {
        const name = names.includes(entry.key) ? entry.key : names.find((candidate) => candidate.toLowerCase() === entry.key.toLowerCase());
        if (name === undefined) fail(`${where}: unknown field "${entry.key}"`, rangeOf(entry.src ? entry.src : entry.value, fallback));
        result[name] = decode(entry.value, spec.fields[name], `${where}.${entry.key}`, fallback);
      }
      return result;
    }
  }
}

/** Helpers to read decoded objects without repeating casts. */
export function strOf(obj: Obj | undefined, name: string): Str | undefined {
  const value = obj?.[name] as Str | undefined;
  return value && value.value !== '' ? value : undefined;
}

export function strsOf(obj: Obj | undefined, name: string): Str[] {
  return ((obj?.[name] as (Str | undefined)[] | undefined) ?? []).map((item, i) => item ?? { value: '', node: nullNode(obj, name, i) });
}

export function flagOf(obj: Obj | undefined, name: string): boolean {
  return (obj?.[name] as Flag | undefined)?.value ?? false;
}

export function pairsOf(obj: Obj | undefined, name: string): Pair[] {
  return ((obj?.[name] as Pair<Str | undefined>[] | undefined) ?? []).map((pair) => ({
    key: pair.key,
    value: pair.value ?? { value: '', node: pair.entry.value },
    entry: pair.entry,
  }));
}

export function objOf(obj: Obj | undefined, name: string): Obj | undefined {
  return obj?.[name] as Obj | undefined;
}

export function objsOf(obj: Obj | undefined, name: string): Obj[] {
  return ((obj?.[name] as (Obj | undefined)[] | undefined) ?? []).filter((item): item is Obj => item !== undefined);
}

function nullNode(obj: Obj | undefined, name: string, index: number): KScalar {
  const seqNode = obj?.$node.entries.find((entry) => entry.key === name)?.value;
  const item = seqNode?.kind === 'seq' ? seqNode.items[index] : undefined;
  return item?.kind === 'scalar' ? item : { kind: 'scalar', value: null, text: '' };
}

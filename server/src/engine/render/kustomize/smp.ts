// Strategic merge as kustomize v5 does it (kyaml's merge2 walker, patch elements prepended): maps merge key by key,
// a null deletes, lists the schema marks as merged by key merge element by element (patch elements first), other
// lists are replaced, and `$patch: delete|replace|merge` directives apply. Nodes keep their origins: what the patch
// set points at the patch, what the base kept points at the base.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type SchemaRef, schemaElements, schemaField, schemaForResource } from './schema';
import { type KEntry, type KMap, type KNode, type KScalar, type KSeq, entryOf, isMap, scalar, seq } from './tree';

/** A null kustomize keeps (a `null` written in the base that no patch touched). */
type Kept = KScalar & { keep?: true };

interface Context {
  at: SourceRange;
}

/** Merges `patch` into `dest` (both resources' root maps); returns the result, or undefined when deleted. */
export function strategicMerge(dest: KMap, patch: KMap, at: SourceRange): KMap | undefined {
  const result = walk(dest, patch, undefined, [], { at });
  if (result === undefined) return undefined;
  if (result.kind !== 'map') return fail('strategic merge produced a non-mapping resource', at);
  return result;
}

function missingOrNull(node: KNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

function typeMetaSchema(nodes: (KNode | undefined)[]): SchemaRef | undefined {
  for (const node of nodes) {
    if (missingOrNull(node) || !isMap(node)) continue;
    const kind = entryOf(node, 'kind')?.value;
    const apiVersion = entryOf(node, 'apiVersion')?.value;
    if (kind?.kind !== 'scalar' || apiVersion?.kind !== 'scalar' || !kind.text || !apiVersion.text) continue;
    const schema = schemaForResource(apiVersion.text, kind.text);
    if (schema) return schema;
  }
  return undefined;
}

function walk(
  dest: KNode | undefined,
  patch: KNode | undefined,
  schema: SchemaRef | undefined,
  path: string[],
  ctx: Context,
): KNode | undefined {
  const effective = schema ?? typeMetaSchema([dest, patch]);
  const first = [dest, patch].find((node) => !missingOrNull(node));
  const kind = first?.kind;
  if (kind !== undefined) {
    for (const node of [dest, patch]) {
      if (!missingOrNull(node) && (node as KNode).kind !== kind) {
        fail(
          `strategic merge: wrong node kind at ${path.join('.') || 'the root'}: expected a ${nodeKindName(kind)} but the patch has a ${nodeKindName((node as KNode).kind)}`,
          ctx.at,
        );
      }
    }
  }
  if (kind === 'seq') {
    if (effective?.keys) return walkAssociative(dest, patch, effective, path, ctx);
    return patch !== undefined ? patch : dest;
  }
  if (kind === 'scalar') return patch !== undefined ? patch : dest;
  return walkMap(dest, patch, effective, path, ctx);
}

function nodeKindName(kind: KNode['kind']): string {
  return kind === 'map' ? 'mapping' : kind === 'seq' ? 'sequence' : 'scalar';
}

function walkMap(
  dest: KNode | undefined,
  patch: KNode | undefined,
  schema: SchemaRef | undefined,
  path: string[],
  ctx: Context,
): KNode | undefined {
  const merged = visitMap(dest, patch, ctx);
  if (merged === undefined) return undefined;
  if (merged.kind !== 'map') return merged;
  const patchMap = isMap(patch) ? patch : undefined;
  const names = new Set<string>();
  for (const entry of merged.entries) names.add(entry.key);
  if (patchMap) for (const entry of patchMap.entries) names.add(entry.key);
  for (const name of [...names].sort()) {
    const destEntry = entryOf(merged, name);
    const patchEntry = patchMap ? entryOf(patchMap, name) : undefined;
    const value = walk(destEntry?.value, patchEntry?.value, schemaField(schema, name), [...path, name], ctx);
    setMergedField(merged, name, value, patchEntry);
  }
  return merged;
}

/** kyaml's FieldSetter: a missing value or a null clears the field (unless kept), else sets it in place or appends. */
function setMergedField(target: KMap, name: string, value: KNode | undefined, patchEntry: KEntry | undefined): void {
  if (value === undefined || (value.kind === 'scalar' && value.value === null && !(value as Kept).keep)) {
    const index = target.entries.findIndex((entry) => entry.key === name);
    if (index >= 0) target.entries.splice(index, 1);
    return;
  }
  const existing = entryOf(target, name);
  if (existing) {
    if (existing.value !== value) {
      existing.value = value;
      if (patchEntry && patchEntry.value === value && patchEntry.src) existing.src = patchEntry.src;
    }
    return;
  }
  target.entries.push({ key: name, value, ...(patchEntry?.src ? { src: patchEntry.src } : {}) });
}

function visitMap(dest: KNode | undefined, patch: KNode | undefined, ctx: Context): KNode | undefined {
  if (missingOrNull(dest)) {
    const directive = isMap(patch) ? mapDirective(patch, ctx, true) : 'unknown';
    if (directive === 'delete') return undefined;
    if (patch === undefined && dest !== undefined && (dest as KScalar).text !== '') {
      const kept: Kept = { ...(dest as KScalar), keep: true };
      return kept;
    }
    return patch;
  }
  if (patch !== undefined && patch.kind === 'scalar' && patch.value === null) return undefined;
  const directive = patch === undefined ? 'merge' : isMap(patch) ? mapDirective(patch, ctx, false) : unknownDirective(patch, ctx);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return patch;
  return dest;
}

type Directive = 'merge' | 'replace' | 'delete' | 'unknown';

function unknownDirective(patch: KNode, ctx: Context): never {
  return fail(`no implemented strategic merge patch strategy for a ${nodeKindName(patch.kind)}`, patch.src ?? ctx.at);
}

/** `$patch` in a mapping (removed from the patch once read). */
function mapDirective(patch: KMap, ctx: Context, lenient: boolean): Directive {
  const entry = entryOf(patch, '$patch');
  if (!entry) return 'merge';
  const value = entry.value.kind === 'scalar' ? entry.value.text : '';
  if (value === 'delete' || value === 'replace' || value === 'merge') {
    patch.entries.splice(patch.entries.indexOf(entry), 1);
    return value;
  }
  if (lenient) return 'unknown';
  return fail(`unknown patch strategy '${value}'`, entry.src ?? ctx.at);
}

/** `$patch` as a list element (`- $patch: replace`), removed from the patch once read. */
function seqDirective(patch: KSeq, ctx: Context): Directive {
  const element = patch.items.find((item) => isMap(item) && entryOf(item, '$patch') !== undefined) as KMap | undefined;
  if (!element || element.entries.length > 1) return 'merge';
  const valueNode = entryOf(element, '$patch')?.value;
  const value = valueNode?.kind === 'scalar' ? valueNode.text : '';
  if (value !== 'delete' && value !== 'replace' && value !== 'merge') {
    return fail(`unknown patch strategy '${value}'`, element.src ?? ctx.at);
  }
  // kyaml's ElementSetter also drops null and empty-map elements while removing the directive.
  patch.items = patch.items.filter((item) => {
    if (missingOrNull(item) || (isMap(item) && item.entries.length === 0)) return false;
    if (!isMap(item)) return true;
    const directive = entryOf(item, '$patch')?.value;
    return !(directive?.kind === 'scalar' && directive.text === value);
  });
  return value;
}

function visitAssociativeList(dest: KNode | undefined, patch: KNode | undefined, ctx: Context): KNode | undefined {
  if (missingOrNull(dest)) return patch;
  if (patch !== undefined && patch.kind === 'scalar' && patch.value === null) return undefined;
  const directive = patch === undefined ? 'merge' : patch.kind === 'seq' ? seqDirective(patch, ctx) : unknownDirective(patch, ctx);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return patch;
  return dest;
}

/** The text kyaml compares for a key field of a list element ('' when missing or empty). */
function keyValue(element: KNode, key: string): string {
  if (!isMap(element)) return '';
  const value = entryOf(element, key)?.value;
  if (value === undefined || isNilOrEmpty(value)) return '';
  return value.kind === 'scalar' ? value.text : '';
}

function isNilOrEmpty(node: KNode): boolean {
  if (node.kind === 'scalar') return node.value === null;
  if (node.kind === 'map') return node.entries.length === 0;
  return node.items.length === 0;
}

function walkAssociative(
  dest: KNode | undefined,
  patch: KNode | undefined,
  schema: SchemaRef,
  path: string[],
  ctx: Context,
): KNode | undefined {
  const merged = visitAssociativeList(dest, patch, ctx);
  if (merged === undefined) return undefined;
  const keys = schema.keys ?? [];
  const sources = [merged, patch];
  // Patch elements first (kustomize merges with "prepend"), then the base's.
  const ordered = [patch, merged];
  const valuesList: string[][] = [];
  if (keys.length > 0) {
    const seen: string[][] = [];
    for (const source of ordered) {
      if (source === undefined || source.kind !== 'seq') continue;
      for (const item of source.items) {
        const values = keys.map((key) => keyValue(item, key));
        if (values.length === 0 || seen.some((other) => sameStrings(other, values))) continue;
        valuesList.push(values);
        seen.push(values);
      }
    }
  }
  if (valuesList.length === 0 && keys.length === 0) {
    const seen = new Set<string>();
    for (const source of ordered) {
      if (source === undefined || source.kind !== 'seq') continue;
      for (const item of source.items) {
        const text = item.kind === 'scalar' ? item.text : '';
        if (seen.has(text)) continue;
        valuesList.push([text]);
        seen.add(text);
      }
    }
    return setElements(valuesList, [''], merged, sources, schema, path, ctx);
  }
  return setElements(valuesList, keys, merged, sources, schema, path, ctx);
}

function sameStrings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function setElements(
  input: string[][],
  keys: string[],
  dest: KNode,
  sources: (KNode | undefined)[],
  schema: SchemaRef,
  path: string[],
  ctx: Context,
): KNode | undefined {
  let valuesList = input;
  const items: KNode[] = [];
  const elementSchema = schemaElements(schema);
  if (keys.length > 1) valuesList = mergeValues(valuesList);
  let validKeys: string[] = [];
  let destNode: KNode | undefined = dest;
  for (const values of valuesList) {
    if (values.length === 0) continue;
    const valid = validateKeys(valuesList, values, keys);
    validKeys = valid.keys;
    const validValues = valid.values;
    const elements = elementsMatching(sources, validKeys, validValues);
    const value = walk(elements[0], elements[1], elementSchema, path, ctx);
    let removed = false;
    for (let i = 0; i < validKeys.length; i++) {
      if (value === undefined || missingOrNull(value) || (isMap(value) && value.entries.length === 0)) {
        if (destNode?.kind === 'seq') elementSetter(destNode, undefined, validKeys, validValues);
        removed = true;
      } else if (isMap(value) && entryOf(value, validKeys[i]) === undefined && validValues[i] !== '') {
        value.entries.push({ key: validKeys[i], value: scalar(validValues[i]) });
      }
    }
    if (removed) continue;
    if (value !== undefined) elementSetter(seqOf(items), value, validKeys, validValues, items);
  }
  if (valuesList.length > 0 && destNode?.kind === 'seq') {
    const result = seqOf(items);
    appendList(result, destNode, validKeys);
    destNode = { ...destNode, items: result.items };
  }
  if (destNode === undefined || missingOrNull(destNode)) return undefined;
  return destNode;
}

function seqOf(items: KNode[]): KSeq {
  return { kind: 'seq', items };
}

/** The elements of each source whose key fields have these values (kyaml's ElementList). */
function elementsMatching(sources: (KNode | undefined)[], keys: string[], values: string[]): (KNode | undefined)[] {
  const valid = validateKeys([values], values, keys);
  return sources.map((source) => {
    if (source === undefined || source.kind !== 'seq') return undefined;
    if (valid.keys.length === 0 || valid.keys[0] === '') {
      return source.items.find((item) => item.kind === 'scalar' && item.text === valid.values[0]);
    }
    return source.items.find(
      (item) =>
        isMap(item) &&
        valid.keys.every((key, i) => {
          const field = entryOf(item, key)?.value;
          return field !== undefined && (field.kind === 'scalar' ? field.text : '') === valid.values[i];
        }),
    );
  });
}

function validateKeys(valuesList: string[][], values: string[], keys: string[]): { keys: string[]; values: string[] } {
  const validKeySet = new Set<string>();
  for (const tuple of valuesList) tuple.forEach((value, i) => value !== '' && validKeySet.add(keys[i]));
  if (validKeySet.size === 0) return { keys, values };
  return {
    keys: keys.filter((key) => validKeySet.has(key)),
    values: values.filter((value, i) => value !== '' || validKeySet.has(keys[i])),
  };
}

function mergeValues(valuesList: string[][]): string[][] {
  const result = valuesList.map((values) => [...values]);
  for (let i = 0; i < result.length; i++) {
    for (let j = 0; j < result.length; j++) {
      const matched = matchValues(result[i], result[j]);
      if (matched) {
        result[i] = matched;
        result[j] = [...matched];
      }
    }
  }
  return result;
}

function matchValues(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const result: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      result.push(a[i]);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return undefined;
    result.push(a[i] !== '' ? a[i] : b[i]);
  }
  return common ? result : undefined;
}

/**
 * kyaml's ElementSetter on a list: null and empty-map elements are dropped, elements matching the key values are
 * replaced by `element` (or removed when it is undefined), and `element` is appended when nothing matched.
 */
function elementSetter(list: KSeq, element: KNode | undefined, keys: string[], values: string[], backing?: KNode[]): void {
  const mappingSetter = keys.length > 0 && keys[0] !== '' && values.length > 0 && values[0] !== '';
  const next: KNode[] = [];
  let found = false;
  for (const item of list.items) {
    if (missingOrNull(item) || (isMap(item) && item.entries.length === 0)) continue;
    if (!isMap(item) && mappingSetter) {
      next.push(item);
      continue;
    }
    let matches = true;
    for (let j = 0; j < keys.length && j < values.length; j++) {
      if (!fieldMatches(item, keys[j], values[j])) {
        matches = false;
        break;
      }
    }
    if (!matches) {
      if (values.length > 0) next.push(item);
      continue;
    }
    found = true;
    if (element !== undefined) next.push(element);
  }
  if (element !== undefined && !missingOrNull(element) && !found) next.push(element);
  list.items = next;
  if (backing) {
    backing.length = 0;
    backing.push(...next);
  }
}

/** kyaml's FieldMatcher with a string value: '' matches any value of a present field; scalars match by text. */
function fieldMatches(item: KNode, key: string, value: string): boolean {
  if (key === '') return item.kind === 'scalar' && item.text === value;
  if (!isMap(item)) return false;
  const field = entryOf(item, key)?.value;
  if (field === undefined) return false;
  if (value === '') return true;
  return (field.kind === 'scalar' ? field.text : '') === value;
}

/** kyaml's appendListNode: the base's elements go into the merged list (replacing or appended). */
function appendList(target: KSeq, source: KSeq, keys: string[]): void {
  for (const element of source.items) {
    if (keys.length === 0 || keys[0] === '') {
      elementSetter(target, element, [''], [element.kind === 'scalar' ? element.text : '']);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      const field = isMap(element) ? entryOf(element, key)?.value : undefined;
      if (field === undefined) {
        target.items.push(element);
        continue;
      }
      values.push(field.kind === 'scalar' ? field.text : '');
    }
    if (keys.length > 1) elementSetter(target, undefined, keys, values);
    elementSetter(target, element, keys, values);
  }
}

/** Exported for tests: an empty sequence node. */
export function emptySeq(): KSeq {
  return seq();
}

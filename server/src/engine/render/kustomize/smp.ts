// Strategic merge as kustomize v5 does it (kyaml's merge2 walker, patch elements prepended): maps merge key by key,
// a null deletes, lists the schema marks as merged by key merge element by element (patch elements first), other
// lists are replaced, and `$patch: delete|replace|merge` directives apply. Nodes keep their origins: what the patch
// set points at the patch, what the base kept points at the base.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type SchemaRef, schemaElements, schemaField, schemaForResource } from './schema';
import { type KEntry, type KMap, type KNode, type KScalar, type KSeq, entryOf, isMap, scalar } from './tree';
import { appendList, elementSetter, elementsMatching, keyValue, mergeValues, missingOrNull, sameStrings, validateKeys } from './smpList';

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

// The ordered set of resources a kustomization accumulates (kustomize's ResMap): ids must be unique, generated
// resources merge into or replace existing ones by id.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type KMap, clone, entryOf, ensureMap, isMap, map, removeField, scalar, setField, field } from './tree';
import { type Resource, type StoredId, idString, sameId } from './resource';

export class ResMap {
  constructor(public list: Resource[] = []) {}

  append(resource: Resource, at: SourceRange): void {
    const id = resource.curId();
    if (this.list.some((other) => sameId(other.curId(), id))) {
      fail(`may not add resource with an already registered id: ${idString(id)}`, at);
    }
    this.list.push(resource);
  }

  appendAll(other: ResMap, at: SourceRange): void {
    for (const resource of other.list) this.append(resource, at);
  }

  /** Resources any of whose ids (previous or current) match. */
  matchingAnyId(matches: (id: StoredId) => boolean): Resource[] {
    return this.list.filter((resource) => resource.allIds().some(matches));
  }

  /** The one resource with this id among all ids, as strategic-merge patches find their target. */
  getById(id: StoredId, what: string, at: SourceRange): Resource {
    const found = this.matchingAnyId((candidate) => sameId(candidate, id));
    if (found.length === 1) return found[0];
    if (found.length > 1) fail(`multiple matches for Id ${idString(id)}; failed to find unique target for ${what}`, at);
    return fail(`no matches for Id ${idString(id)}; failed to find unique target for ${what}`, at);
  }

  /** Adds a generated resource, or merges/replaces the existing one, per its behavior. */
  absorb(resource: Resource, at: SourceRange): void {
    const id = resource.curId();
    const matches = this.matchingAnyId((candidate) => sameId(candidate, id));
    if (matches.length === 0) {
      if (resource.behavior === 'merge' || resource.behavior === 'replace') {
        fail(`id ${idString(id)} does not exist; cannot merge or replace`, at);
      }
      this.append(resource, at);
      return;
    }
    if (matches.length > 1) fail(`found multiple objects that could accept merge of ${idString(id)}`, at);
    const old = matches[0];
    if (resource.behavior === 'replace') {
      copyMergeMetadata(resource, old);
    } else if (resource.behavior === 'merge') {
      copyMergeMetadata(resource, old);
      mergeDataFrom(resource, old, 'data');
      mergeDataFrom(resource, old, 'binaryData');
    } else {
      fail(`id ${idString(id)} exists; behavior must be merge or replace`, at);
    }
    this.list[this.list.indexOf(old)] = resource;
  }
}

/**
 * kustomize's CopyMergeMetaDataFieldsFrom: labels and annotations become the union (the resource's own win), name
 * and namespace are the other's, and the build state follows the other resource.
 */
export function copyMergeMetadata(resource: Resource, other: Resource): void {
  mergeMetaMap(resource, other, 'labels');
  mergeMetaMap(resource, other, 'annotations');
  copyMetaField(resource, other, 'name');
  copyMetaField(resource, other, 'namespace');
  // Build state lives in annotations in kustomize, and those come from the other resource; the hash suffix stays
  // only when both want it.
  const needsHash = resource.needsHashSuffix && other.needsHashSuffix;
  const generatedBy = resource.generatedBy;
  resource.copyStateFrom(other);
  resource.needsHashSuffix = needsHash;
  resource.generatedBy = generatedBy ?? other.generatedBy;
}

/** Sets labels/annotations to the union (own entries win), as strings sorted by key; empty removes the field. */
function mergeMetaMap(resource: Resource, other: Resource, which: 'labels' | 'annotations'): void {
  const mine = field(field(resource.node, 'metadata'), which);
  const theirs = field(field(other.node, 'metadata'), which);
  const merged = new Map<string, KMap['entries'][number]>();
  for (const source of [theirs, mine]) {
    if (!isMap(source)) continue;
    for (const entry of source.entries) merged.set(entry.key, entry);
  }
  const metadata = ensureMap(resource.node, ['metadata']);
  const origin = isMap(mine) ? mine : isMap(theirs) ? theirs : undefined;
  const entryOrigin = entryOf(metadata, which) ?? entryOf(ensureMap(other.node, ['metadata']), which);
  removeField(metadata, which);
  if (merged.size === 0) return;
  const keys = [...merged.keys()].sort();
  const result = map(
    keys.map((key) => {
      const entry = merged.get(key) as KMap['entries'][number];
      const value = entry.value.kind === 'scalar' ? { ...entry.value, value: entry.value.text } : scalar('');
      return { ...entry, value };
    }),
  );
  if (origin?.src) result.src = origin.src;
  if (origin?.produced) result.produced = origin.produced;
  const entry = setField(metadata, which, result);
  if (entryOrigin?.src) entry.src = entryOrigin.src;
  if (entryOrigin?.produced) entry.produced = entryOrigin.produced;
}

/** ConfigMap/Secret data merge: the other's entries, overridden by this resource's. */
function mergeDataFrom(resource: Resource, other: Resource, key: 'data' | 'binaryData'): void {
  const mine = field(resource.node, key);
  const theirs = field(other.node, key);
  const entries = new Map<string, KMap['entries'][number]>();
  for (const source of [theirs, mine]) {
    if (!isMap(source)) continue;
    for (const entry of source.entries) {
      const value = entry.value.kind === 'scalar' ? { ...entry.value, value: entry.value.text } : scalar('');
      entries.set(entry.key, { ...entry, value });
    }
  }
  const origin = isMap(mine) ? mine : isMap(theirs) ? theirs : undefined;
  const entryOrigin = entryOf(resource.node, key) ?? entryOf(other.node, key);
  removeField(resource.node, key);
  if (entries.size === 0) return;
  const result = map([...entries.keys()].sort().map((name) => entries.get(name) as KMap['entries'][number]));
  if (origin?.src) result.src = origin.src;
  if (origin?.produced) result.produced = origin.produced;
  const entry = setField(resource.node, key, result);
  if (entryOrigin?.src) entry.src = entryOrigin.src;
  if (entryOrigin?.produced) entry.produced = entryOrigin.produced;
}

/** Sets the resource's metadata name/namespace to the other's (its node, with its origin); an empty one is removed. */
function copyMetaField(resource: Resource, other: Resource, key: 'name' | 'namespace'): void {
  const theirs = entryOf(ensureMap(other.node, ['metadata']), key);
  const metadata = ensureMap(resource.node, ['metadata']);
  if (!theirs || (theirs.value.kind === 'scalar' && theirs.value.text === '')) {
    if (key === 'namespace') removeField(metadata, key);
    else resource.setName('');
    return;
  }
  const entry = setField(metadata, key, clone(theirs.value));
  if (theirs.src) entry.src = theirs.src;
  if (theirs.produced) entry.produced = theirs.produced;
}

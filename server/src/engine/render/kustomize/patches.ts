// The three patch fields: `patches` (strategic merge or JSON 6902, told apart as kustomize does, optionally with a
// target selector), the legacy `patchesStrategicMerge` and `patchesJson6902`.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type JsonOperation, applyJsonPatch, jsonOperations } from './json6902';
import { type ResMap } from './resmap';
import { type Resource, idString } from './resource';
import { resourcesFromText } from './resources';
import { type Selector, compileSelector } from './selector';
import { strategicMerge } from './smp';
import { clone, entryOf, field, isMap, map, removeField, scalar, setField } from './tree';
import { type TextPlace, readYaml } from './yamlRead';

/** A patch's text, where it is, and how to name it in messages. */
export interface PatchText {
  text: string;
  place: TextPlace;
  describe: string;
  at: SourceRange;
}

export type ParsedPatch = { kind: 'smp'; patches: Resource[] } | { kind: 'json'; ops: JsonOperation[] };

/** Tells a strategic-merge patch from a JSON 6902 one as kustomize's PatchTransformer does. */
export function parsePatch(patch: PatchText): ParsedPatch {
  let smp: Resource[] | undefined;
  let json: JsonOperation[] | undefined;
  try {
    smp = resourcesFromText(patch.text, patch.place, patch.at);
  } catch {
    smp = undefined;
  }
  try {
    json = jsonPatchFrom(patch);
  } catch {
    json = undefined;
  }
  if (smp !== undefined && json !== undefined) fail(`illegally qualifies as both an SM and JSON patch: ${patch.describe}`, patch.at);
  if (smp === undefined && json === undefined) {
    // Report the strategic-merge reading's own error when the text looks like one (a mapping), else the JSON one.
    const looksLikeList = /^\s*(\[|-\s)/.test(patch.text);
    if (!looksLikeList) resourcesFromText(patch.text, patch.place, patch.at);
    else jsonPatchFrom(patch);
    fail(`unable to parse SM or JSON patch from ${patch.describe}`, patch.at);
  }
  return smp !== undefined ? { kind: 'smp', patches: smp } : { kind: 'json', ops: json as JsonOperation[] };
}

/** JSON 6902 operations from a text: JSON when it starts with `[`, else YAML (read as YAML 1.1). */
export function jsonPatchFrom(patch: PatchText): JsonOperation[] {
  if (patch.text === '') fail(`empty json patch operations in ${patch.describe}`, patch.at);
  if (patch.text[0] === '[') {
    try {
      JSON.parse(patch.text);
    } catch (error) {
      fail(`invalid JSON patch in ${patch.describe}: ${error instanceof Error ? error.message : String(error)}`, patch.at);
    }
  }
  const { docs, error } = readYaml(patch.text, patch.place, 'config');
  if (error) {
    fail(`invalid JSON patch in ${patch.describe}: ${error.message}`, { file: patch.place.file, start: error.start, end: error.end });
  }
  if (docs.length === 0) fail(`empty json patch operations in ${patch.describe}`, patch.at);
  return jsonOperations(docs[0], patch.at);
}

/** A strategic-merge patch applied to one resource (kustomize's Resource.ApplySmPatch); false when it deleted it. */
export function applySmPatch(resource: Resource, patch: Resource, at: SourceRange): boolean {
  const nameNode = field(field(resource.node, 'metadata'), 'name');
  const namespaceNode = field(field(resource.node, 'metadata'), 'namespace');
  const kindNode = field(resource.node, 'kind');
  const name = resource.name;
  const kind = resource.kind;
  if (patch.allowNameChange || patch.allowKindChange) resource.storePreviousId();
  const merged = strategicMerge(resource.node, clone(patch.node), at);
  if (merged === undefined || merged.entries.length === 0) return false;
  resource.node = merged;
  if (!patch.allowKindChange && kindNode) setField(resource.node, 'kind', kind === resource.kind ? kindNode : scalar(kind));
  else if (!patch.allowKindChange) resource.setKind(kind);
  if (!patch.allowNameChange) {
    const metadata = field(resource.node, 'metadata');
    if (isMap(metadata) && nameNode) setField(metadata, 'name', name === resource.name ? nameNode : scalar(name));
    else resource.setName(name);
  }
  const metadata = field(resource.node, 'metadata');
  if (namespaceNode && namespaceNode.kind === 'scalar' && namespaceNode.text !== '' && isMap(metadata)) {
    setField(metadata, 'namespace', namespaceNode);
  } else if (isMap(metadata)) removeField(metadata, 'namespace');
  return true;
}

/**
 * kustomize's ResMap.ApplySmPatch: the patch, its labels and annotations rewritten as sorted strings and its
 * apiVersion set to the target's, merged into every selected resource; deleted resources leave the map.
 */
export function applySmPatchToSelected(resMap: ResMap, selected: Set<Resource>, patch: Resource, at: SourceRange): void {
  const kept: Resource[] = [];
  for (const resource of resMap.list) {
    if (selected.has(resource)) {
      const copy = normalisedPatch(patch);
      copy.node = clone(copy.node);
      const apiVersion = resource.apiVersion;
      const apiVersionEntry = entryOf(copy.node, 'apiVersion');
      if (!apiVersionEntry || apiVersionEntry.value.kind !== 'scalar' || apiVersionEntry.value.text !== apiVersion) {
        copy.setApiVersion(apiVersion);
      }
      if (!applySmPatch(resource, copy, at)) continue;
    }
    kept.push(resource);
  }
  resMap.list = kept;
}

function normalisedPatch(patch: Resource): Resource {
  const copy = new (patch.constructor as typeof Resource)(clone(patch.node));
  copy.copyStateFrom(patch);
  const metadata = field(copy.node, 'metadata');
  if (!isMap(metadata)) return copy;
  for (const which of ['labels', 'annotations'] as const) {
    const current = field(metadata, which);
    if (current === undefined) continue;
    const entry = entryOf(metadata, which);
    removeField(metadata, which);
    if (!isMap(current) || current.entries.length === 0) continue;
    const entries = [...current.entries]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((entry) => ({ ...entry, value: entry.value.kind === 'scalar' ? { ...entry.value, value: entry.value.text } : scalar('') }));
    const normalised = map(entries);
    if (current.src) normalised.src = current.src;
    const added = setField(metadata, which, normalised);
    if (entry?.src) added.src = entry.src;
  }
  return copy;
}

/** A `patches:` entry (kustomize's PatchTransformer). */
export function applyPatch(
  resMap: ResMap,
  patch: PatchText,
  target: Selector | undefined,
  options: { allowNameChange: boolean; allowKindChange: boolean },
): void {
  const parsed = parsePatch(patch);
  if (parsed.kind === 'smp' && parsed.patches.length > 0) {
    for (const resource of parsed.patches) {
      resource.allowNameChange = options.allowNameChange;
      resource.allowKindChange = options.allowKindChange;
    }
    if (target) {
      if (parsed.patches.length > 1) {
        fail(
          `Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${patch.describe}`,
          patch.at,
        );
      }
      const matches = compileSelector(target);
      applySmPatchToSelected(resMap, new Set(resMap.list.filter(matches)), parsed.patches[0], patch.at);
      return;
    }
    for (const smPatch of parsed.patches) {
      const resource = resMap.getById(smPatch.orgId(), `strategic merge patch ${idString(smPatch.orgId())} (${patch.describe})`, patch.at);
      if (!applySmPatch(resource, smPatch, patch.at)) resMap.list = resMap.list.filter((other) => other !== resource);
    }
    return;
  }
  const ops = parsed.kind === 'json' ? parsed.ops : [];
  if (!target) fail(`must specify a target for JSON patch ${patch.describe}`, patch.at);
  const matches = compileSelector(target);
  for (const resource of resMap.list.filter(matches)) {
    resource.storePreviousId();
    resource.node = applyJsonPatch(resource.node, ops);
  }
}

/** A `patchesStrategicMerge:` list (kustomize's PatchStrategicMergeTransformer). */
export function applyStrategicMergePatches(resMap: ResMap, patches: { resource: Resource; at: SourceRange; describe: string }[]): void {
  for (const patch of patches) {
    const target = resMap.getById(
      patch.resource.orgId(),
      `strategic merge patch ${idString(patch.resource.orgId())} (${patch.describe})`,
      patch.at,
    );
    applySmPatchToSelected(resMap, new Set([target]), patch.resource, patch.at);
  }
}

/** A `patchesJson6902:` entry (kustomize's PatchJson6902Transformer). */
export function applyJson6902(resMap: ResMap, patch: PatchText, target: Selector): void {
  if (!target.name) fail('must specify the target name', target.at);
  const ops = jsonPatchFrom(patch);
  if (ops.length === 0) fail(`patch appears to be empty; ${patch.describe}`, patch.at);
  const matches = compileSelector(target);
  for (const resource of resMap.list.filter(matches)) resource.node = applyJsonPatch(resource.node, ops);
}

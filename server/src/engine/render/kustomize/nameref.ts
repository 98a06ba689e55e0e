// Name references: once prefixes, suffixes and hash suffixes have renamed resources, the fields that refer to them
// by name (kustomize's nameReference config: HPA scaleTargetRef, ConfigMap/Secret refs in env/envFrom/volumes,
// Service names in Ingresses, RBAC subjects, ...) get the new names, chosen as kustomize chooses a referral.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type FieldSpec, type NameBackReference, applyFieldSpec } from './fieldspec';
import { type ResMap } from './resmap';
import { type Gvk, type Resource, effectiveNamespace, gvkSelected, idNamespace, idString, isClusterScoped } from './resource';
import { type KMap, type KNode, entryOf, isMap, lookup, scalar, setField, stringAt } from './tree';

function sameEndingSubSlice(a: string[], b: string[]): boolean {
  const [shortest, longest] = a.length > b.length ? [b, a] : [a, b];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  for (let i = shortest.length - 1; i >= 0; i--) if (longest[i + diff] !== shortest[i]) return false;
  return true;
}

function affixesEqual(r: Resource, o: Resource, allowEmpty: boolean): boolean {
  if (allowEmpty) {
    const prefixes = r.prefixes.length === 0 || o.prefixes.length === 0 || sameEndingSubSlice(r.prefixes, o.prefixes);
    const suffixes = r.suffixes.length === 0 || o.suffixes.length === 0 || sameEndingSubSlice(r.suffixes, o.suffixes);
    return prefixes && suffixes;
  }
  return sameEndingSubSlice(r.prefixes, o.prefixes) && sameEndingSubSlice(r.suffixes, o.suffixes);
}

/** Resources a referrer may point at: cluster-scoped ones, its namespace's, and RoleBinding subjects' namespaces. */
function candidatesFor(resMap: ResMap, referrer: Resource): Resource[] {
  const referrerId = referrer.curId();
  if (isClusterScoped(referrerId.gvk)) return resMap.list;
  const subjectNamespaces = new Set<string>();
  if (referrer.kind === 'RoleBinding') {
    const subjects = lookup(referrer.node, 'subjects');
    if (subjects?.kind === 'seq') {
      for (const subject of subjects.items) {
        if (isMap(subject) && stringAt(subject, 'kind') === 'ServiceAccount' && entryOf(subject, 'namespace')) {
          subjectNamespaces.add(stringAt(subject, 'namespace'));
        }
      }
    }
  }
  const namespace = effectiveNamespace(referrerId);
  return resMap.list.filter((candidate) => {
    const id = candidate.curId();
    return isClusterScoped(id.gvk) || effectiveNamespace(id) === namespace || subjectNamespaces.has(candidate.namespace);
  });
}

interface Filter {
  spec: FieldSpec;
  target: Partial<Gvk>;
}

export function fixNameReferences(resMap: ResMap, backRefs: NameBackReference[], at: SourceRange): void {
  const filters = new Map<Resource, Filter[]>();
  for (const backRef of backRefs) {
    for (const spec of backRef.referrers) {
      for (const resource of resMap.list) {
        if (!gvkSelected(resource.orgId().gvk, spec.gvk)) continue;
        const list = filters.get(resource) ?? [];
        list.push({ spec, target: backRef.gvk });
        filters.set(resource, list);
      }
    }
  }
  for (const [referrer, list] of filters) {
    const candidates = candidatesFor(resMap, referrer);
    for (const filter of list) {
      const spec: FieldSpec = { ...filter.spec, gvk: referrer.gvk() };
      applyFieldSpec(referrer, spec, (node) => update(node, referrer, filter, candidates, resMap, at), { at });
    }
  }
}

function update(node: KNode, referrer: Resource, filter: Filter, candidates: Resource[], resMap: ResMap, at: SourceRange): KNode | void {
  if (node.kind === 'scalar') {
    if (node.value === null) return;
    return updateScalar(node, referrer, filter, candidates, at);
  }
  if (node.kind === 'map') {
    updateMapping(node, referrer, filter, candidates, resMap, at);
    return;
  }
  node.items = node.items.map((item) => {
    if (item.kind === 'scalar') return item.value === null ? item : (updateScalar(item, referrer, filter, candidates, at) ?? item);
    if (item.kind === 'map') {
      updateMapping(item, referrer, filter, candidates, resMap, at);
      return item;
    }
    return fail(`a ${filter.spec.path} entry of ${idString(referrer.curId())} is neither a string nor a mapping`, at);
  });
}

function renamed(node: KNode, referral: Resource): KNode {
  const nameNode = lookup(referral.node, 'metadata', 'name');
  const source = nameNode?.produced?.source ?? nameNode?.src;
  const via = node.src ? [node.src] : node.produced?.via;
  return scalar(referral.name, source ? { source, ...(via ? { via } : {}) } : undefined);
}

function updateScalar(
  node: KNode & { kind: 'scalar' },
  referrer: Resource,
  filter: Filter,
  candidates: Resource[],
  at: SourceRange,
): KNode | undefined {
  const referral = selectReferral(node.text, candidates, referrer, filter, at, (list) => list.every((r) => r.name === list[0].name));
  if (!referral || referral.name === node.text) return undefined;
  return renamed(node, referral);
}

function updateMapping(node: KMap, referrer: Resource, filter: Filter, candidates: Resource[], resMap: ResMap, at: SourceRange): void {
  const nameEntry = entryOf(node, 'name');
  if (!nameEntry) fail(`path config error; no 'name' field in node (${filter.spec.path} of ${idString(referrer.curId())})`, at);
  let pool = candidates;
  const namespaceEntry = entryOf(node, 'namespace');
  if (namespaceEntry) {
    const namespace = namespaceEntry.value.kind === 'scalar' ? namespaceEntry.value.text : '';
    const byOriginal = candidates.filter((r) => !isClusterScoped(r.curId().gvk) && idNamespace(r.orgId()) === namespace);
    pool =
      byOriginal.length > 0
        ? byOriginal
        : candidates.filter((r) => !isClusterScoped(r.curId().gvk) && effectiveNamespace(r.curId()) === namespace);
  }
  void resMap;
  const oldName = nameEntry.value.kind === 'scalar' ? nameEntry.value.text : '';
  const referral = selectReferral(oldName, pool, referrer, filter, at, (list) =>
    list.every((r) => r.name === list[0].name && r.namespace === list[0].namespace),
  );
  if (!referral) return;
  if (referral.name === oldName && referral.namespace === '') return;
  nameEntry.value = renamed(nameEntry.value, referral);
  if (referral.namespace === '') return;
  const old = namespaceEntry?.value;
  const namespaceNode = lookup(referral.node, 'metadata', 'namespace');
  const source = namespaceNode?.produced?.source ?? namespaceNode?.src;
  const produced = source ? { source, ...(old?.src ? { via: [old.src] } : {}) } : undefined;
  setField(node, 'namespace', scalar(referral.namespace, produced), produced);
}

function selectReferral(
  oldName: string,
  all: Resource[],
  referrer: Resource,
  filter: Filter,
  at: SourceRange,
  identical: (list: Resource[]) => boolean,
): Resource | undefined {
  let candidates = all.filter((r) => r.prevIds().some((id) => id.name === oldName));
  candidates = candidates.filter((r) => r.prevIds().some((id) => gvkSelected(id.gvk, filter.target)));
  if (filter.spec.path.endsWith('roleRef/name')) {
    const apiGroup = lookup(referrer.node, 'roleRef', 'apiGroup');
    const kind = lookup(referrer.node, 'roleRef', 'kind');
    if (apiGroup?.kind === 'scalar' && kind?.kind === 'scalar') {
      const roleGvk = { group: apiGroup.text, kind: kind.text };
      candidates = candidates.filter((r) => r.prevIds().some((id) => gvkSelected(id.gvk, roleGvk)));
    }
  }
  const referrerId = referrer.curId();
  if (!isClusterScoped(referrerId.gvk)) {
    const namespace = effectiveNamespace(referrerId);
    candidates = candidates.filter(
      (r) => isClusterScoped(r.curId().gvk) || r.kind === 'ServiceAccount' || effectiveNamespace(r.curId()) === namespace,
    );
  }
  if (candidates.length === 1) return candidates[0];
  candidates = candidates.filter((r) => affixesEqual(r, referrer, true));
  if (candidates.length > 1) candidates = candidates.filter((r) => affixesEqual(r, referrer, false));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) return undefined;
  if (identical(candidates)) return candidates[0];
  return fail(
    `found multiple possible referrals: ${candidates.map((r) => idString(r.curId())).join(', ')} for ${filter.spec.path} of ${idString(referrerId)}`,
    at,
  );
}

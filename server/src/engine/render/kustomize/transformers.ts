// The kustomization fields that rewrite every resource: namespace, namePrefix/nameSuffix, commonLabels/labels,
// commonAnnotations, images and replicas, each as kustomize's builtin transformer does it. What they write is
// marked as produced by the kustomization entry, with the node it replaced as `via`.
import { type SourceRange } from '../../model/origin';
import { type Pair, type Str } from './decode';
import { fail } from './errors';
import { type FieldSpec, applyFieldSpec } from './fieldspec';
import { type ResMap } from './resmap';
import { type Gvk, gvkSelected, idString, isClusterScoped, sameId } from './resource';
import { type KNode, type KMap, type Produced, entryOf, isMap, isScalar, lookup, scalar, setField } from './tree';

/** Where a produced value came from: the kustomization node, and the node it replaced. */
export function producedBy(source: KNode | SourceRange, replaced?: KNode): Produced {
  const range = 'file' in source ? source : (source.src ?? source.produced?.source);
  const via = replaced ? (replaced.src ? [replaced.src] : replaced.produced?.via) : undefined;
  return { source: range as SourceRange, ...(via && via.length > 0 ? { via } : {}) };
}

export function namespaceTransform(resMap: ResMap, namespace: Str, specs: FieldSpec[], at: SourceRange): void {
  const value = namespace.value;
  for (const resource of [...resMap.list]) {
    resource.storePreviousId();
    const kind = resource.kind;
    const apiVersion = resource.apiVersion;
    const setter = (node: KNode): KNode => scalar(value, producedBy(namespace.node, node));
    if (!isClusterScoped(resource.gvk())) {
      applyFieldSpec(resource, { gvk: {}, path: 'metadata/namespace', create: true }, setter, {
        createKind: 'scalar',
        produced: producedBy(namespace.node),
        at,
      });
    }
    let used = specs.filter((spec) => spec.path !== 'metadata/namespace' && !(apiVersion !== 'v1' && spec.path === 'metadata/name'));
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      used = used.filter(
        (spec) => !((spec.gvk.kind === 'RoleBinding' || spec.gvk.kind === 'ClusterRoleBinding') && spec.path === 'subjects/namespace'),
      );
      const subjects = lookup(resource.node, 'subjects');
      if (subjects?.kind === 'seq') {
        for (const subject of subjects.items) {
          if (!isMap(subject)) continue;
          const name = entryOf(subject, 'name')?.value;
          if (!isScalar(name) || name.text !== 'default') continue;
          const old = entryOf(subject, 'namespace')?.value;
          setField(subject, 'namespace', scalar(value, producedBy(namespace.node, old)), producedBy(namespace.node));
        }
      }
    }
    for (const spec of used) applyFieldSpec(resource, spec, setter, { createKind: 'scalar', produced: producedBy(namespace.node), at });
    const id = resource.curId();
    const clashes = resMap.list.filter((other) => sameId(other.curId(), id));
    if (clashes.length !== 1) {
      fail(`namespace transformation produces ID conflict: ${clashes.map((r) => idString(r.curId())).join(', ')}`, at);
    }
  }
}

const PREFIX_SKIP: Partial<Gvk>[] = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

/** namePrefix / nameSuffix: the name field specs (and any configured others) get the affix. */
export function affixTransform(resMap: ResMap, affix: Str, specs: FieldSpec[], side: 'prefix' | 'suffix', at: SourceRange): void {
  for (const resource of resMap.list) {
    const org = resource.orgId();
    if (PREFIX_SKIP.some((skip) => gvkSelected(org.gvk, skip))) continue;
    for (const spec of specs) {
      if (!gvkSelected(org.gvk, spec.gvk)) continue;
      if (spec.path === 'metadata/name') {
        if (side === 'prefix') resource.prefixes.push(affix.value);
        else resource.suffixes.push(affix.value);
        if (affix.value !== '') resource.storePreviousId();
      }
      applyFieldSpec(
        resource,
        spec,
        (node) => {
          const text = isScalar(node) && node.value !== null ? node.text : '';
          return scalar(side === 'prefix' ? affix.value + text : text + affix.value, producedBy(affix.node, node));
        },
        { createKind: 'scalar', produced: producedBy(affix.node), at },
      );
    }
  }
}

/** Sets each pair (sorted by key) in the map at every field spec, as the labels and annotations transformers do. */
export function mapEntriesTransform(resMap: ResMap, pairs: Pair[], specs: FieldSpec[], at: SourceRange): void {
  if (pairs.length === 0) return;
  const sorted = [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const resource of resMap.list) {
    for (const pair of sorted) {
      for (const spec of specs) {
        applyFieldSpec(
          resource,
          spec,
          (node) => {
            if (!isMap(node)) fail(`cannot set ${pair.key} at ${spec.path} of ${resource.kind} ${resource.name}: not a mapping`, at);
            const old = entryOf(node, pair.key)?.value;
            const value = scalar(pair.value.value, producedBy(pair.value.node, old));
            setField(node, pair.key, value, producedBy(pair.entry.src ?? pair.value.node));
          },
          { createKind: 'map', produced: producedBy(pair.entry.src ?? pair.value.node), at },
        );
      }
    }
  }
}

export interface ImageSpec {
  name: string;
  newName?: Str;
  newTag?: Str;
  digest?: Str;
  tagSuffix?: Str;
  /** The images entry. */
  node: KMap;
}

/** Splits an image reference into name, tag and digest as kustomize does. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = slash > 0 ? image.slice(slash) : image;
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += offset;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += offset;
    colon += offset;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += offset;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

export function imageTransform(resMap: ResMap, spec: ImageSpec, specs: FieldSpec[], at: SourceRange): void {
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^${spec.name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    return fail(`invalid image name "${spec.name}"`, spec.node.src ?? at);
  }
  const update = (node: KNode): KNode | undefined => {
    if (!isScalar(node)) return fail('image field is not a scalar', node.src ?? at);
    const value = node.text;
    if (!pattern.test(value)) return undefined;
    let { name, tag, digest } = splitImage(value);
    let source: KNode = spec.node;
    if (spec.newName) {
      name = spec.newName.value;
      source = spec.newName.node;
    }
    if (spec.newTag && spec.digest) {
      tag = spec.newTag.value;
      digest = spec.digest.value;
      source = spec.newTag.node;
    } else if (spec.newTag) {
      tag = spec.newTag.value;
      digest = '';
      source = spec.newTag.node;
    } else if (spec.digest) {
      tag = '';
      digest = spec.digest.value;
      source = spec.digest.node;
    } else if (spec.tagSuffix) {
      tag += spec.tagSuffix.value;
      digest = '';
      source = spec.tagSuffix.node;
    }
    const image = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    return scalar(image, producedBy(source, node));
  };
  for (const resource of resMap.list) {
    if (resource.kind === 'CustomResourceDefinition') continue;
    legacyImageWalk(resource.node, update);
    for (const fieldSpec of specs) {
      applyFieldSpec(resource, fieldSpec, (node) => update(node), { at });
    }
  }
}

/** kustomize's legacy image filter: every `containers`/`initContainers` list anywhere in the object. */
function legacyImageWalk(node: KNode, update: (node: KNode) => KNode | undefined): void {
  if (node.kind === 'seq') {
    for (const item of node.items) legacyImageWalk(item, update);
    return;
  }
  if (node.kind !== 'map') return;
  for (const entry of [...node.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    legacyImageWalk(entry.value, update);
    if ((entry.key === 'containers' || entry.key === 'initContainers') && entry.value.kind === 'seq') {
      for (const container of entry.value.items) {
        if (!isMap(container)) continue;
        const image = entryOf(container, 'image');
        if (!image || (isScalar(image.value) && image.value.value === null)) continue;
        const replacement = update(image.value);
        if (replacement) image.value = replacement;
      }
    }
  }
}

export interface ReplicaSpec {
  name: string;
  count: number;
  countNode: KNode;
  node: KMap;
}

export function replicasTransform(resMap: ResMap, spec: ReplicaSpec, specs: FieldSpec[], at: SourceRange): void {
  let found = false;
  for (const fieldSpec of specs) {
    const matches = resMap.matchingAnyId((id) => id.name === spec.name && gvkSelected(id.gvk, fieldSpec.gvk));
    if (matches.length === 0) continue;
    found = true;
    for (const resource of matches) {
      applyFieldSpec(resource, fieldSpec, (node) => scalar(spec.count, producedBy(spec.countNode, node)), {
        createKind: 'scalar',
        produced: producedBy(spec.node),
        at,
      });
    }
  }
  if (!found) {
    const gvks = specs.map((s) => `${s.gvk.kind || '[noKind]'}.${s.gvk.version || '[noVer]'}.${s.gvk.group || '[noGrp]'}`);
    fail(`resource with name ${spec.name} does not match a config with the following GVK [${gvks.join(' ')}]`, spec.node.src ?? at);
  }
}

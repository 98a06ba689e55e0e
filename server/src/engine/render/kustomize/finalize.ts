// What kustomize does to every object last: its build annotations removed, which rewrites `metadata.annotations`
// (values as strings, keys sorted, an empty map dropped); objects marked local-config dropped.
import { type Resource } from './resource';
import { type KMap, field, isMap, removeField, scalar } from './tree';

const BUILD_ANNOTATIONS = new Set([
  'internal.config.kubernetes.io/previousKinds',
  'internal.config.kubernetes.io/previousNames',
  'internal.config.kubernetes.io/prefixes',
  'internal.config.kubernetes.io/suffixes',
  'internal.config.kubernetes.io/previousNamespaces',
  'internal.config.kubernetes.io/allowNameChange',
  'internal.config.kubernetes.io/allowKindChange',
  'internal.config.kubernetes.io/refBy',
  'internal.config.kubernetes.io/generatorBehavior',
  'internal.config.kubernetes.io/needsHashSuffix',
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
  'internal.config.kubernetes.io/seqindent',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
  'config.kubernetes.io/origin',
  'alpha.config.kubernetes.io/transformations',
]);

export function isLocalConfig(resource: Resource): boolean {
  const annotations = resource.metaMap('annotations');
  const value = annotations.get('config.kubernetes.io/local-config');
  return value !== undefined && value !== 'false';
}

export function finalizeMetadata(resource: Resource): void {
  const metadata = field(resource.node, 'metadata');
  if (!isMap(metadata)) return;
  const annotations = field(metadata, 'annotations');
  if (annotations === undefined) return;
  const entries = isMap(annotations) ? annotations.entries.filter((entry) => !BUILD_ANNOTATIONS.has(entry.key)) : [];
  if (entries.length === 0) {
    removeField(metadata, 'annotations');
    return;
  }
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  (annotations as KMap).entries = sorted.map((entry) => {
    if (entry.value.kind === 'scalar' && typeof entry.value.value === 'string') return entry;
    const text = entry.value.kind === 'scalar' ? entry.value.text : '';
    const value = scalar(text);
    if (entry.value.src) value.src = entry.value.src;
    if (entry.value.produced) value.produced = entry.value.produced;
    return { ...entry, value };
  });
}

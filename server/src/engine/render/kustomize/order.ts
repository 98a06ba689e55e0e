// Output order: kustomize's default "legacy" order (kinds in install order, then by group/version/kind and
// namespace/name), or what the kustomization's sortOptions ask for.
import { type SourceRange } from '../../model/origin';
import { type Obj, objOf, strOf, strsOf } from './decode';
import { fail } from './errors';
import { type Gvk, type Resource } from './resource';

/** Kustomize's "legacy" order: these kinds first, in this order (its default sort, and its field-spec order). */
export const LEGACY_ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
/** ...and these last. */
export const LEGACY_ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function gvkKey(gvk: Gvk): string {
  return `${gvk.group || '~G'}_${gvk.version || '~V'}_${gvk.kind || '~K'}`;
}

function idKey(resource: Resource): string {
  const { group, version, kind } = resource.gvk();
  const gvkString = `${kind || '[noKind]'}.${version || '[noVer]'}.${group || '[noGrp]'}`;
  return `${gvkString}|${resource.namespace || '~X'}|${resource.name || '~N'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortResources(resources: Resource[], sortOptions: Obj | undefined, at: SourceRange): Resource[] {
  const order = sortOptions ? (strOf(sortOptions, 'order')?.value ?? '') : 'legacy';
  const legacy = sortOptions ? objOf(sortOptions, 'legacySortOptions') : undefined;
  if (order !== 'fifo' && order !== 'legacy') {
    fail(`the field 'sortOptions.order' must be one of [fifo, legacy]`, sortOptions?.$node.src ?? at);
  }
  if (order === 'fifo') {
    if (legacy) {
      fail(
        `the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'`,
        sortOptions?.$node.src ?? at,
      );
    }
    return resources;
  }
  const first = legacy ? strsOf(legacy, 'orderFirst').map((s) => s.value) : LEGACY_ORDER_FIRST;
  const last = legacy ? strsOf(legacy, 'orderLast').map((s) => s.value) : LEGACY_ORDER_LAST;
  const rank = new Map<string, number>();
  first.forEach((kind, i) => rank.set(kind, -first.length + i));
  last.forEach((kind, i) => rank.set(kind, 1 + i));
  return [...resources].sort((a, b) => {
    const ga = a.gvk();
    const gb = b.gvk();
    if (ga.group !== gb.group || ga.version !== gb.version || ga.kind !== gb.kind) {
      const ra = rank.get(ga.kind) ?? 0;
      const rb = rank.get(gb.kind) ?? 0;
      if (ra !== rb) return ra - rb;
      if (ga.kind === 'Namespace' && gb.kind === 'Namespace' && (ga.group === '' || gb.group === '')) {
        return compare(gvkKey(gb), gvkKey(ga));
      }
      return compare(gvkKey(ga), gvkKey(gb));
    }
    return compare(idKey(a), idKey(b));
  });
}

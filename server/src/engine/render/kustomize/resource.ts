// Resources and their ids as kustomize tracks them: group/version/kind, name, namespace, the ids a resource had
// before prefixes, suffixes or patches renamed it (for name references and patch targets), and the build state
// kustomize keeps in internal annotations (prefixes, suffixes, generator behaviour, hash suffix).
import { type SourceRange } from '../../model/origin';
import {
  type KMap,
  type KNode,
  type Produced,
  ensureMap,
  entryOf,
  field,
  isMap,
  isScalar,
  removeField,
  scalar,
  setField,
  stringAt,
} from './tree';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface ResId {
  gvk: Gvk;
  name: string;
  namespace: string;
}

/** API versions and kinds kustomize's built-in schema knows to be cluster-scoped. */
const CLUSTER_SCOPED = new Set(
  [
    'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration',
    'apiextensions.k8s.io/v1 CustomResourceDefinition',
    'apiextensions.k8s.io/v1beta1 CustomResourceDefinition',
    'apiregistration.k8s.io/v1 APIService',
    'apiregistration.k8s.io/v1beta1 APIService',
    'certificates.k8s.io/v1 CertificateSigningRequest',
    'certificates.k8s.io/v1beta1 CertificateSigningRequest',
    'flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema',
    'flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration',
    'networking.k8s.io/v1 IngressClass',
    'networking.k8s.io/v1beta1 IngressClass',
    'node.k8s.io/v1 RuntimeClass',
    'node.k8s.io/v1beta1 RuntimeClass',
    'policy/v1beta1 PodSecurityPolicy',
    'rbac.authorization.k8s.io/v1 ClusterRole',
    'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
    'rbac.authorization.k8s.io/v1beta1 ClusterRole',
    'rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding',
    'scheduling.k8s.io/v1 PriorityClass',
    'scheduling.k8s.io/v1beta1 PriorityClass',
    'storage.k8s.io/v1 CSIDriver',
    'storage.k8s.io/v1 CSINode',
    'storage.k8s.io/v1 StorageClass',
    'storage.k8s.io/v1 VolumeAttachment',
    'storage.k8s.io/v1beta1 CSIDriver',
    'storage.k8s.io/v1beta1 CSINode',
    'storage.k8s.io/v1beta1 StorageClass',
    'storage.k8s.io/v1beta1 VolumeAttachment',
    'v1 ComponentStatus',
    'v1 Namespace',
    'v1 Node',
    'v1 NodeProxyOptions',
    'v1 PersistentVolume',
  ].map((key) => key),
);

export const DEFAULT_NAMESPACE = 'default';
export const NOT_A_NAMESPACE = '_non_namespaceable_';

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash >= 0 ? { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) } : { group: '', version: apiVersion };
}

export function apiVersionOf(gvk: Gvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

const scopeMemo = new WeakMap<Gvk, boolean>();

export function isClusterScoped(gvk: Gvk): boolean {
  let scoped = scopeMemo.get(gvk);
  if (scoped === undefined) {
    scoped = CLUSTER_SCOPED.has(`${apiVersionOf(gvk)} ${gvk.kind}`);
    scopeMemo.set(gvk, scoped);
  }
  return scoped;
}

export function sameGvk(a: Gvk, b: Gvk): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

/** Whether `gvk` matches a selector whose empty parts match anything. */
export function gvkSelected(gvk: Gvk, selector: Partial<Gvk> | undefined): boolean {
  if (!selector) return true;
  if (selector.group && gvk.group !== selector.group) return false;
  if (selector.version && gvk.version !== selector.version) return false;
  if (selector.kind && gvk.kind !== selector.kind) return false;
  return true;
}

/**
 * The namespace kustomize compares: cluster-scoped kinds have none, an empty namespace is `default`. Ids rebuilt
 * from stored previous ids never count as cluster-scoped (`clusterScoped` false), as in kustomize.
 */
export function effectiveNamespace(id: ResId, clusterScoped = isClusterScoped(id.gvk)): string {
  if (clusterScoped) return NOT_A_NAMESPACE;
  return id.namespace === '' || id.namespace === DEFAULT_NAMESPACE ? DEFAULT_NAMESPACE : id.namespace;
}

export interface StoredId extends ResId {
  /** Previous ids are rebuilt without knowing the scope (kustomize's PrevIds). */
  stored?: boolean;
}

export function idNamespace(id: StoredId): string {
  return effectiveNamespace(id, id.stored ? false : isClusterScoped(id.gvk));
}

export function sameId(a: StoredId, b: StoredId): boolean {
  return idNamespace(a) === idNamespace(b) && a.name === b.name && sameGvk(a.gvk, b.gvk);
}

export function idString(id: ResId): string {
  const { group, version, kind } = id.gvk;
  return `${kind || '[noKind]'}.${version || '[noVer]'}.${group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

export type Behavior = 'unspecified' | 'create' | 'merge' | 'replace';

/** What made a generated resource (for origins of its name and hash). */
export interface GeneratedBy {
  /** The generator entry in the kustomization. */
  entry: SourceRange;
  /** The generator's `name:` node. */
  name?: SourceRange;
}

export class Resource {
  /** Previous (name, namespace, kind) triples, oldest first; their group/version are the current ones. */
  previous: { name: string; namespace: string; kind: string }[] = [];
  prefixes: string[] = [];
  suffixes: string[] = [];
  refVarNames: string[] = [];
  behavior: Behavior = 'unspecified';
  needsHashSuffix = false;
  allowNameChange = false;
  allowKindChange = false;
  generatedBy?: GeneratedBy;

  constructor(public node: KMap) {}

  get kind(): string {
    return stringAt(this.node, 'kind');
  }

  get apiVersion(): string {
    return stringAt(this.node, 'apiVersion');
  }

  get name(): string {
    return stringAt(this.node, 'metadata', 'name');
  }

  get namespace(): string {
    return stringAt(this.node, 'metadata', 'namespace');
  }

  /** Memo of gvk(): valid while the kind and apiVersion nodes are the same objects. */
  private typeMemo?: { kind: KNode | undefined; apiVersion: KNode | undefined; gvk: Gvk };

  gvk(): Gvk {
    const kind = entryOf(this.node, 'kind')?.value;
    const apiVersion = entryOf(this.node, 'apiVersion')?.value;
    const memo = this.typeMemo;
    if (memo && memo.kind === kind && memo.apiVersion === apiVersion) return memo.gvk;
    const gvk = { ...parseApiVersion(this.apiVersion), kind: this.kind };
    this.typeMemo = { kind, apiVersion, gvk };
    return gvk;
  }

  curId(): ResId {
    return { gvk: this.gvk(), name: this.name, namespace: this.namespace };
  }

  prevIds(): StoredId[] {
    const { group, version } = parseApiVersion(this.apiVersion);
    return this.previous.map((p) => ({ gvk: { group, version, kind: p.kind }, name: p.name, namespace: p.namespace, stored: true }));
  }

  /** The id the resource had when it was first read (kustomize's OrgId). */
  orgId(): StoredId {
    return this.prevIds()[0] ?? this.curId();
  }

  allIds(): StoredId[] {
    return [...this.prevIds(), this.curId()];
  }

  storePreviousId(): void {
    const id = this.curId();
    this.previous.push({ name: id.name, namespace: effectiveNamespace(id), kind: id.gvk.kind });
  }

  setName(name: string, produced?: Produced): void {
    const metadata = ensureMap(this.node, ['metadata']);
    const old = field(metadata, 'name');
    const value = scalar(name, produced);
    if (!produced && old) Object.assign(value, { src: old.src });
    setField(metadata, 'name', value);
  }

  setNamespace(namespace: string, produced?: Produced): void {
    const metadata = field(this.node, 'metadata');
    if (namespace === '') {
      if (isMap(metadata)) removeField(metadata, 'namespace');
      return;
    }
    setField(ensureMap(this.node, ['metadata']), 'namespace', scalar(namespace, produced));
  }

  setKind(kind: string): void {
    const old = field(this.node, 'kind');
    if (isScalar(old) && old.text === kind) return;
    setField(this.node, 'kind', scalar(kind));
  }

  setApiVersion(apiVersion: string): void {
    const old = field(this.node, 'apiVersion');
    if (isScalar(old) && old.text === apiVersion) return;
    setField(this.node, 'apiVersion', scalar(apiVersion));
  }

  /** Label or annotation map (values as kustomize reads them: the scalar text). */
  metaMap(which: 'labels' | 'annotations'): Map<string, string> {
    const result = new Map<string, string>();
    const node = field(field(this.node, 'metadata'), which);
    if (isMap(node)) for (const entry of node.entries) result.set(entry.key, isScalar(entry.value) ? entry.value.text : '');
    return result;
  }

  copyStateFrom(other: Resource): void {
    this.previous = other.previous.map((p) => ({ ...p }));
    this.prefixes = [...other.prefixes];
    this.suffixes = [...other.suffixes];
    this.refVarNames = [...other.refVarNames];
    this.behavior = other.behavior;
    this.needsHashSuffix = other.needsHashSuffix;
    this.allowNameChange = other.allowNameChange;
    this.allowKindChange = other.allowKindChange;
    this.generatedBy = other.generatedBy;
  }
}

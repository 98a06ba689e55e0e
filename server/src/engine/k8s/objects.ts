// Kubernetes knowledge in one place: which YAML maps are Kubernetes objects, where each workload kind
// keeps its pod template, and which containers serve traffic. Rules never hand-walk pod specs.
import { isAlias, isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import {
  deref,
  get,
  getMap,
  getPair,
  getScalar,
  getSeq,
  getString,
  pairRange,
  seqItems,
  stringMap,
  type DocRef,
} from '../model/yamlAccess';

export interface K8sObject {
  ref: DocRef;
  docIndex: number;
  node: YAMLMap;
  apiVersion: string;
  kind: string;
  /** API group without version: '' for core, 'apps', 'flagger.app'... */
  group: string;
  name?: string;
  namespace?: string;
  /** The `kind: X` entry: where object-level findings point. */
  kindRange: [number, number];
  /** Offset where the object's map starts (a comment on the line before it can suppress findings). */
  start: number;
  /** In a file a kustomization lists as a patch (LintOptions.isPatchFile): a fragment whatever it contains. */
  patch?: boolean;
}

export interface ContainerPort {
  name?: string;
  number?: number;
  /** As written (TCP when absent). */
  protocol?: string;
}

export interface Container {
  node: YAMLMap;
  name?: string;
  index: number;
  /** The `name: x` entry, or the container's first entry when it has no name. */
  anchorRange: [number, number];
  start: number;
  hasImage: boolean;
  ports: ContainerPort[];
  /** Written as an alias (`- *main`): the map is shared with its anchor, so fixes must not edit it. */
  viaAlias: boolean;
}

export interface Workload {
  object: K8sObject;
  podSpec?: YAMLMap;
  podSpecPair?: Pair;
  /** Labels of the pod template (or of the Pod itself). */
  podLabels?: Record<string, string>;
  /** The pod template's `metadata` map (or the Pod's own). */
  podMetadata?: YAMLMap;
  /** Annotations of the pod template (or of the Pod itself). */
  podAnnotations?: Record<string, string>;
  containers: Container[];
  /** Jobs, CronJobs and Pods with restartPolicy Never/OnFailure: not judged for probes or preStop. */
  runsToCompletion: boolean;
  /**
   * A partial object such as a Kustomize strategic-merge patch: no template, or containers without
   * `image`. Nothing is "missing" from a fragment; only what it says explicitly is judged.
   */
  isFragment: boolean;
}

const APPS_GROUPS = new Set(['apps', 'extensions']);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion.trim() }
    : { group: apiVersion.slice(0, slash).trim(), version: apiVersion.slice(slash + 1).trim() };
}

/** Kubernetes objects in a parsed document: its root map, or the items of a `kind: List`. */
export function objectsInDocument(ref: DocRef, docIndex: number): K8sObject[] {
  const root = deref(ref.doc.contents, ref);
  const object = asObject(root, ref, docIndex);
  if (!object) {
    return [];
  }
  if (object.kind === 'List' || (object.kind.endsWith('List') && getSeq(object.node, 'items', ref))) {
    const items: K8sObject[] = [];
    for (const item of seqItems(getSeq(object.node, 'items', ref), ref)) {
      const inner = asObject(item, ref, docIndex);
      if (inner) {
        items.push(inner);
      }
    }
    return items;
  }
  return [object];
}

/** Objects of a file listed as a Kustomize patch are fragments whatever they contain (LintOptions.isPatchFile). */
export function markPatches(objects: K8sObject[], isPatchFile: boolean | undefined): K8sObject[] {
  if (isPatchFile) {
    for (const object of objects) object.patch = true;
  }
  return objects;
}

function asObject(node: unknown, ref: DocRef, docIndex: number): K8sObject | undefined {
  if (!isMap(node)) {
    return undefined;
  }
  const apiVersion = getString(node, 'apiVersion', ref);
  const kindPair = getPair(node, 'kind', ref);
  const kind = getString(node, 'kind', ref);
  if (!apiVersion || !kind || !kindPair) {
    return undefined;
  }
  const kindRange = pairRange(kindPair, ref);
  if (!kindRange) {
    return undefined;
  }
  const metadata = getMap(node, 'metadata', ref);
  const name = getScalar(metadata, 'name', ref);
  const namespace = getScalar(metadata, 'namespace', ref);
  return {
    ref,
    docIndex,
    node,
    apiVersion: apiVersion.trim(),
    kind: kind.trim(),
    group: splitApiVersion(apiVersion).group,
    name: name === undefined || name === null ? undefined : String(name),
    namespace: namespace === undefined || namespace === null ? undefined : String(namespace),
    kindRange,
    start: ref.base + (node.range?.[0] ?? 0),
  };
}

/** apps/* or the legacy extensions group. */
export function isAppsGroup(object: K8sObject): boolean {
  return APPS_GROUPS.has(object.group);
}

export function isDeployment(object: K8sObject): boolean {
  return object.kind === 'Deployment' && APPS_GROUPS.has(object.group);
}

export function isCoreService(object: K8sObject): boolean {
  return object.kind === 'Service' && object.apiVersion === 'v1';
}

export function annotations(object: K8sObject): Record<string, string> {
  return stringMap(get(getMap(object.node, 'metadata', object.ref), 'annotations', object.ref), object.ref) ?? {};
}

/** Where each workload kind keeps its pod spec, or undefined when the object is not a workload. */
function podTemplatePath(object: K8sObject): { path: string[]; runsToCompletion: boolean } | undefined {
  const { kind, group } = object;
  if (kind === 'Pod' && group === '') {
    return { path: [], runsToCompletion: false };
  }
  if (kind === 'ReplicationController' && group === '') {
    return { path: ['template'], runsToCompletion: false };
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(kind) && APPS_GROUPS.has(group)) {
    return { path: ['template'], runsToCompletion: false };
  }
  // Argo Rollouts embed an ordinary pod template; its containers serve like a Deployment's.
  if (kind === 'Rollout' && group === 'argoproj.io') {
    return { path: ['template'], runsToCompletion: false };
  }
  if (kind === 'Job' && group === 'batch') {
    return { path: ['template'], runsToCompletion: true };
  }
  if (kind === 'CronJob' && group === 'batch') {
    return { path: ['jobTemplate', 'spec', 'template'], runsToCompletion: true };
  }
  return undefined;
}

const workloads = new WeakMap<K8sObject, Workload | null>();

/** The workload view of an object (computed once per object: facts and several rules ask for it). */
export function asWorkload(object: K8sObject): Workload | undefined {
  let workload = workloads.get(object);
  if (workload === undefined) {
    workload = readWorkload(object) ?? null;
    workloads.set(object, workload);
  }
  return workload ?? undefined;
}

function readWorkload(object: K8sObject): Workload | undefined {
  const where = podTemplatePath(object);
  if (!where) {
    return undefined;
  }
  const { ref } = object;
  let templateOwner: unknown = object.node;
  if (where.path.length > 0) {
    templateOwner = getMap(object.node, 'spec', ref);
    for (const step of where.path) {
      templateOwner = getMap(templateOwner, step, ref);
    }
  }
  const podSpecPair = getPair(templateOwner, 'spec', ref);
  const podSpec = getMap(templateOwner, 'spec', ref);
  const podMetadata = getMap(templateOwner, 'metadata', ref);
  const podLabels = stringMap(get(podMetadata, 'labels', ref), ref);
  const podAnnotations = stringMap(get(podMetadata, 'annotations', ref), ref);
  const containerSeq = getSeq(podSpec, 'containers', ref);
  const containers: Container[] = [];
  (containerSeq?.items ?? []).forEach((item, index) => {
    const node = deref(item, ref);
    if (isMap(node)) {
      containers.push({ ...toContainer(node, index, ref), viaAlias: isAlias(item) });
    }
  });

  let runsToCompletion = where.runsToCompletion;
  if (object.kind === 'Pod') {
    const restartPolicy = getString(podSpec, 'restartPolicy', ref);
    runsToCompletion = restartPolicy === 'Never' || restartPolicy === 'OnFailure';
  }
  const isFragment =
    object.patch === true ||
    containers.length === 0 ||
    containers.some((container) => !container.hasImage) ||
    getPair(podSpec, '$patch', ref) !== undefined ||
    getPair(object.node, '$patch', ref) !== undefined;
  return { object, podSpec, podSpecPair, podLabels, podMetadata, podAnnotations, containers, runsToCompletion, isFragment };
}

function toContainer(node: YAMLMap, index: number, ref: DocRef): Omit<Container, 'viaAlias'> {
  const namePair = getPair(node, 'name', ref);
  const name = getScalar(node, 'name', ref);
  const firstPair = node.items[0] as Pair | undefined;
  const anchorRange = (namePair && pairRange(namePair, ref)) ??
    (firstPair && pairRange(firstPair, ref)) ?? [ref.base + (node.range?.[0] ?? 0), ref.base + (node.range?.[0] ?? 0) + 1];
  const ports: ContainerPort[] = [];
  for (const port of seqItems(getSeq(node, 'ports', ref), ref)) {
    const portName = getScalar(port, 'name', ref);
    const number = getScalar(port, 'containerPort', ref);
    const protocol = getString(port, 'protocol', ref);
    ports.push({
      name: typeof portName === 'string' ? portName : undefined,
      // A port number the API server takes: a whole number in 1..65535 (a quoted one is rejected).
      number: typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= 65535 ? number : undefined,
      ...(protocol !== undefined ? { protocol: protocol.trim() } : {}),
    });
  }
  // Any value counts as an image here (a `!!binary` or a number is invalid, and invalid-field-value says so): the
  // container is then judged as the complete container it is meant to be, not as a patch without an image.
  const imagePair = getPair(node, 'image', ref);
  const image = imagePair ? deref(imagePair.value, ref) : undefined;
  const imageValue = isScalar(image) ? image.value : image;
  return {
    node,
    name: name === undefined || name === null ? undefined : String(name),
    index,
    anchorRange,
    start: ref.base + (node.range?.[0] ?? 0),
    hasImage: imageValue !== undefined && imageValue !== null && imageValue !== '',
    ports,
  };
}

/** Does the selector (every key/value) match the labels? An empty selector matches nothing here. */
export function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || !labels) {
    return false;
  }
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** Objects without a namespace are compared as "same namespace": manifests usually leave it to kubectl -n. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

export function describeObject(object: K8sObject): string {
  return object.name ? `${object.kind} "${object.name}"` : object.kind;
}

export function describeContainer(container: Container): string {
  return container.name ? `Container "${container.name}"` : `Container #${container.index + 1}`;
}

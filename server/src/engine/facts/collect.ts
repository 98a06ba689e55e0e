// Cross-object facts: what one document tells rules about the others (Services selecting pods, HPAs scaling
// workloads, PodDisruptionBudgets protecting them, the workloads themselves). Collected once per parsed document
// and merged per file, so a rule in one document can see the objects of its neighbours, and a document whose
// facts did not change does not invalidate the others. `collectFileFacts` does the same for a whole file that is
// not being linted (the language server's workspace index, the CLI's first pass), with origins to point at.
import { looksBinary, looksLikeHelmTemplate, parseChunk, splitDocuments } from '../model/documents';
import { asWorkload, isCoreService, objectsInDocument, splitApiVersion, type K8sObject } from '../k8s/objects';
import { isKedaScaledObject } from '../k8s/autoscaling';
import { collectMeshFacts } from './meshFacts';
import type {
  AutoscalerFact,
  FactOrigin,
  Facts,
  LabelSelector,
  LabelSelectorRequirement,
  ServicePortFact,
  UtilizationMetric,
} from './types';
import { isMap, isSeq } from 'yaml';
import {
  deref,
  get,
  getInt,
  getMap,
  getPair,
  getScalar,
  getSeq,
  getString,
  scalarValue,
  seqItems,
  stringMap,
  toInt,
  type DocRef,
} from '../model/yamlAccess';

export function emptyFacts(): Facts {
  return { services: [], autoscalers: [], pdbs: [], workloads: [], namespaces: [], meshRoutes: [], opaque: [] };
}

/** Appends every list of `from` to the same list of `into` (lists `from` lacks are left alone). */
export function mergeFacts(into: Facts, from: Partial<Facts>): void {
  for (const key of Object.keys(into) as (keyof Facts)[]) {
    const items = from[key];
    if (items) (into[key] as unknown[]).push(...(items as unknown[]));
  }
}

/** The facts of a file a kustomization lists as a patch: its workloads are fragments (copies; the input is left alone). */
export function asPatchFacts(facts: Facts): Facts {
  return {
    ...facts,
    workloads: facts.workloads.map((workload) => (workload.fragment ? workload : { ...workload, fragment: true })),
    // A patch's PDB without a selector keeps its base's.
    pdbs: facts.pdbs.map((pdb) => {
      if (!pdb.noSelector) return pdb;
      const { noSelector: _dropped, ...rest } = pdb;
      return rest;
    }),
  };
}

/** `origin` is attached to every fact (files other than the linted one); offsets are those of the object's `kind` entry. */
export function collectFacts(object: K8sObject, facts: Facts, origin?: FactOrigin): void {
  const { ref } = object;
  const spec = getMap(object.node, 'spec', ref);
  const at = origin ? { origin } : {};
  if (isCoreService(object)) {
    const selector = stringMap(get(spec, 'selector', ref), ref);
    if (selector && Object.keys(selector).length > 0) {
      facts.services.push({ name: object.name, namespace: object.namespace, selector, ports: servicePorts(spec, ref), ...at });
    }
  } else if (object.kind === 'HorizontalPodAutoscaler' && object.group === 'autoscaling') {
    const target = getMap(spec, 'scaleTargetRef', ref);
    facts.autoscalers.push({
      name: object.name,
      namespace: object.namespace,
      targetKind: getString(target, 'kind', ref),
      targetName: getString(target, 'name', ref),
      ...countFields(spec, 'minReplicas', 'maxReplicas', ref),
      utilization: utilizationMetrics(object),
      ...at,
    });
  } else if (isKedaScaledObject(object)) {
    const target = getMap(spec, 'scaleTargetRef', ref);
    facts.autoscalers.push({
      kind: 'ScaledObject',
      name: object.name,
      namespace: object.namespace,
      targetKind: kedaTargetKind(getString(target, 'kind', ref)),
      targetName: getString(target, 'name', ref),
      ...countFields(spec, 'minReplicaCount', 'maxReplicaCount', ref),
      utilization: kedaUtilization(spec, ref),
      ...at,
    });
  } else if (object.kind === 'PodDisruptionBudget' && object.group === 'policy') {
    const minAvailable = getScalar(spec, 'minAvailable', ref);
    const maxUnavailable = getScalar(spec, 'maxUnavailable', ref);
    const selectorNode = get(spec, 'selector', ref);
    facts.pdbs.push({
      name: object.name,
      namespace: object.namespace,
      selector: readSelector(selectorNode, ref),
      ...(!object.patch && (selectorNode === undefined || scalarValue(selectorNode, ref) === null) ? { noSelector: true } : {}),
      emptySelectsAll: splitApiVersion(object.apiVersion).version !== 'v1beta1',
      ...(typeof minAvailable === 'number' || typeof minAvailable === 'string' ? { minAvailable } : {}),
      ...(typeof maxUnavailable === 'number' || typeof maxUnavailable === 'string' ? { maxUnavailable } : {}),
      ...at,
    });
  }
  collectMeshFacts(object, facts, at);
  const workload = asWorkload(object);
  if (workload) {
    facts.workloads.push({
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      ...(workload.podLabels ? { podLabels: workload.podLabels } : {}),
      ...(object.kind === 'Pod' ? {} : optional('replicas', getInt(spec, 'replicas', ref))),
      ...(object.kind !== 'Pod' &&
      getInt(spec, 'replicas', ref) === undefined &&
      getScalar(spec, 'replicas', ref) !== undefined &&
      getScalar(spec, 'replicas', ref) !== null
        ? { replicasUnknown: true }
        : {}),
      fragment: workload.isFragment,
      ...at,
    });
  }
}

/** An autoscaler's bounds as written; a minimum that is written but unreadable is said so (no guess). */
function countFields(
  spec: unknown,
  min: string,
  max: string,
  ref: DocRef,
): Pick<AutoscalerFact, 'minReplicas' | 'maxReplicas' | 'minUnknown'> {
  const minimum = getInt(spec, min, ref);
  const written = getPair(spec, min, ref) !== undefined && getScalar(spec, min, ref) !== null;
  return {
    ...optional('minReplicas', minimum),
    ...optional('maxReplicas', getInt(spec, max, ref)),
    ...(written && minimum === undefined ? { minUnknown: true } : {}),
  };
}

/** KEDA's scaleTargetRef.kind defaults to Deployment; its examples also write it in lower case. */
function kedaTargetKind(kind: string | undefined): string {
  const trimmed = kind?.trim();
  if (!trimmed) return 'Deployment';
  const known = ['Deployment', 'StatefulSet'].find((name) => name.toLowerCase() === trimmed.toLowerCase());
  return known ?? trimmed;
}

/** KEDA's cpu and memory triggers scale on utilization (a percentage of the request) unless metricType says Value. */
function kedaUtilization(spec: unknown, ref: DocRef): UtilizationMetric[] {
  const result: UtilizationMetric[] = [];
  for (const trigger of seqItems(getSeq(spec, 'triggers', ref), ref)) {
    const type = getString(trigger, 'type', ref);
    if (type !== 'cpu' && type !== 'memory') continue;
    const metadata = getMap(trigger, 'metadata', ref);
    const metricType = getString(trigger, 'metricType', ref) ?? getString(metadata, 'type', ref) ?? 'Utilization';
    if (metricType !== 'Utilization') continue;
    const container = getString(metadata, 'containerName', ref);
    result.push({ resource: type, ...(container ? { container } : {}) });
  }
  return result;
}

/** A Service's ports with the target each sends to (an absent, 0 or empty targetPort is the port, as the API server defaults it). */
function servicePorts(spec: unknown, ref: DocRef): ServicePortFact[] {
  return seqItems(getSeq(spec, 'ports', ref), ref).map((item) => {
    const port = getInt(item, 'port', ref);
    const name = getString(item, 'name', ref);
    const target = getScalar(item, 'targetPort', ref);
    const targetPort =
      target === undefined || target === null || target === 0 || target === ''
        ? port
        : typeof target === 'number'
          ? toInt(target)
          : typeof target === 'string'
            ? target
            : undefined;
    return { ...optional('name', name), ...optional('port', port), ...optional('targetPort', targetPort) };
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A label selector (matchLabels and matchExpressions); undefined when absent or not understood (a template placeholder). */
export function readSelector(node: unknown, ref: DocRef): LabelSelector | undefined {
  const map = deref(node, ref);
  if (!isMap(map)) {
    return undefined;
  }
  const selector: LabelSelector = {};
  const matchLabelsNode = get(map, 'matchLabels', ref);
  if (matchLabelsNode !== undefined && scalarValue(matchLabelsNode, ref) !== null) {
    const matchLabels = stringMap(matchLabelsNode, ref);
    if (!matchLabels) return undefined;
    selector.matchLabels = matchLabels;
  }
  const expressionsNode = get(map, 'matchExpressions', ref);
  if (expressionsNode !== undefined && scalarValue(expressionsNode, ref) !== null) {
    if (!isSeq(expressionsNode)) return undefined;
    const expressions: LabelSelectorRequirement[] = [];
    for (const item of seqItems(expressionsNode, ref)) {
      const key = getString(item, 'key', ref);
      const operator = getString(item, 'operator', ref);
      if (!key || !operator) return undefined;
      const values = seqItems(getSeq(item, 'values', ref), ref)
        .map((value) => scalarValue(value, ref))
        .filter((value) => value !== undefined && value !== null)
        .map(String);
      expressions.push({ key, operator, ...(get(item, 'values', ref) ? { values } : {}) });
    }
    selector.matchExpressions = expressions;
  }
  return selector;
}

/** Does a label selector select pods with these labels? Empty selectors: `emptySelectsAll` (policy/v1) or nothing. */
export function labelSelectorMatches(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
  emptySelectsAll: boolean,
): boolean {
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) {
    return emptySelectsAll;
  }
  const have = labels ?? {};
  if (!matchLabels.every(([key, value]) => have[key] === value)) {
    return false;
  }
  return expressions.every((requirement) => {
    const present = Object.prototype.hasOwnProperty.call(have, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        return present && values.includes(have[requirement.key]);
      case 'NotIn':
        return !present || !values.includes(have[requirement.key]);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
}

/**
 * Resources the HPA scales on by utilization. autoscaling/v1: targetCPUUtilizationPercentage (default 80% CPU);
 * v2/v2beta2: `target.type: Utilization`; v2beta1 (and half-migrated v2): `targetAverageUtilization`. An HPA
 * without metrics scales on 80% CPU.
 */
export function utilizationMetrics(object: K8sObject): UtilizationMetric[] {
  const { ref } = object;
  const spec = getMap(object.node, 'spec', ref);
  if (splitApiVersion(object.apiVersion).version === 'v1') {
    return [{ resource: 'cpu', ...(getScalar(spec, 'targetCPUUtilizationPercentage', ref) === undefined ? { implicit: true } : {}) }];
  }
  const metrics = getSeq(spec, 'metrics', ref);
  if (!metrics) {
    return get(spec, 'metrics', ref) === undefined ? [{ resource: 'cpu', implicit: true }] : [];
  }
  const result: UtilizationMetric[] = [];
  for (const metric of seqItems(metrics, ref)) {
    const type = getString(metric, 'type', ref);
    const source =
      type === 'Resource'
        ? getMap(metric, 'resource', ref)
        : type === 'ContainerResource'
          ? getMap(metric, 'containerResource', ref)
          : undefined;
    const name = getString(source, 'name', ref);
    if (!source || !name) continue;
    const byUtilization =
      getString(getMap(source, 'target', ref), 'type', ref) === 'Utilization' ||
      getScalar(source, 'targetAverageUtilization', ref) !== undefined;
    if (!byUtilization) continue;
    const container = type === 'ContainerResource' ? getString(source, 'container', ref) : undefined;
    result.push({ resource: name, ...(container ? { container } : {}) });
  }
  return result;
}

/**
 * The facts of a whole file that is not the one being linted (workspace index, CLI first pass). Only what rules
 * need is kept; `file` goes into every fact's origin so findings can point at the object. Helm templates and
 * documents that do not parse become `opaque` facts: what they hold is unknown.
 */
export function collectFileFacts(text: string, file?: string): Facts {
  const facts = emptyFacts();
  if (looksBinary(text)) {
    return facts;
  }
  for (const chunk of splitDocuments(text)) {
    if (!/^\s*kind\s*:/m.test(chunk.text) && !/["']?kind["']?\s*:/.test(chunk.text)) {
      continue; // no Kubernetes object here: skip the parse
    }
    const originAt = (start: number, end: number): FactOrigin | undefined =>
      file === undefined ? undefined : { file, start: chunk.start + start, end: chunk.start + end };
    if (looksLikeHelmTemplate(chunk.text)) {
      facts.opaque.push({ reason: 'helm-template', ...optional('origin', originAt(0, Math.min(1, chunk.text.length))) });
      continue;
    }
    for (const document of parseChunk(chunk.text)) {
      if (document.error) {
        facts.opaque.push({ reason: 'yaml-error', ...optional('origin', originAt(document.error.start, document.error.end)) });
        continue;
      }
      const ref: DocRef = { doc: document.doc, base: 0 };
      for (const object of objectsInDocument(ref, 0)) {
        collectFacts(object, facts, originAt(object.kindRange[0], object.kindRange[1]));
      }
    }
  }
  return facts;
}

import { isMap, isScalar, type Pair } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { intOrPercentProblem, intProblem, listProblem, stringProblem, valueText } from '../k8s/fieldValues';
import { isKedaScaledObject } from '../k8s/autoscaling';
import { isHpa } from '../k8s/hpa';
import { asWorkload, describeContainer, describeObject, isCoreService, type K8sObject } from '../k8s/objects';
import { defineRule, type RuleContext } from '../catalog/rule';
import type { Fix } from '../types';
import { deref, getInt, getMap, getPair, getSeq, MAX_INT32, pairRange, seqItems, type DocRef } from '../model/yamlAccess';

const MAX_PORT = 65_535;
/** int64 seconds (terminationGracePeriodSeconds, the preStop sleep): what a JavaScript number holds exactly. */
const MAX_INT64 = Number.MAX_SAFE_INTEGER;
const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
/** 0 means "the default" for all of them but initialDelaySeconds, so 0 is valid everywhere. */
const PROBE_FIELDS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];

type Problem = (node: unknown, ref: DocRef) => string | undefined;
const whole =
  (min = 0, max = MAX_INT32): Problem =>
  (node, ref) =>
    intProblem(node, ref, min, max);
const intOrPercent =
  (maxPercent = Infinity): Problem =>
  (node, ref) =>
    intOrPercentProblem(node, ref, maxPercent);
/** A probe or hook port: a number in 1..65535 (names and quoted numbers are probe-port-unknown's). */
const portNumber: Problem = (node, ref) => {
  const resolved = deref(node, ref);
  return isScalar(resolved) && typeof resolved.value === 'string' ? undefined : intProblem(node, ref, 1, MAX_PORT);
};

/** A Service's targetPort: a number in 0..65535 (0 is defaulted to the port), or a port name. */
const targetPort: Problem = (node, ref) => {
  const resolved = deref(node, ref);
  return isScalar(resolved) && typeof resolved.value === 'string' ? undefined : intProblem(node, ref, 0, MAX_PORT);
};

/** Fields of the spec each kind validates, as [path, check]. */
const SPEC_FIELDS: Record<string, [string[], Problem][]> = {
  Deployment: [
    [['replicas'], whole()],
    [['minReadySeconds'], whole()],
    [['progressDeadlineSeconds'], whole()],
    [['revisionHistoryLimit'], whole()],
    [['strategy', 'rollingUpdate', 'maxUnavailable'], intOrPercent(100)],
    [['strategy', 'rollingUpdate', 'maxSurge'], intOrPercent()],
  ],
  StatefulSet: [
    [['replicas'], whole()],
    [['minReadySeconds'], whole()],
    [['revisionHistoryLimit'], whole()],
    [['updateStrategy', 'rollingUpdate', 'partition'], whole()],
    [['updateStrategy', 'rollingUpdate', 'maxUnavailable'], intOrPercent(100)],
  ],
  DaemonSet: [
    [['minReadySeconds'], whole()],
    [['revisionHistoryLimit'], whole()],
    [['updateStrategy', 'rollingUpdate', 'maxUnavailable'], intOrPercent(100)],
    [['updateStrategy', 'rollingUpdate', 'maxSurge'], intOrPercent(100)],
  ],
  ReplicaSet: [
    [['replicas'], whole()],
    [['minReadySeconds'], whole()],
  ],
  ReplicationController: [
    [['replicas'], whole()],
    [['minReadySeconds'], whole()],
  ],
  Rollout: [
    [['replicas'], whole()],
    [['minReadySeconds'], whole()],
    [['revisionHistoryLimit'], whole()],
    [['progressDeadlineSeconds'], whole()],
  ],
  PodDisruptionBudget: [
    [['minAvailable'], intOrPercent(100)],
    [['maxUnavailable'], intOrPercent(100)],
  ],
  HorizontalPodAutoscaler: [
    // 0 is taken only with the HPAScaleToZero feature gate: not judged here.
    [['minReplicas'], whole(0)],
    [['maxReplicas'], whole(1)],
    [['targetCPUUtilizationPercentage'], whole(1)],
  ],
  ScaledObject: [
    [['minReplicaCount'], whole()],
    [['maxReplicaCount'], whole()],
    [['idleReplicaCount'], whole()],
  ],
};

const POD_FIELDS: [string[], Problem][] = [
  [['terminationGracePeriodSeconds'], whole(0, MAX_INT64)],
  [['activeDeadlineSeconds'], whole(1, MAX_INT64)],
];

interface Found {
  pair: Pair;
  field: string;
  reason: string;
}

/** The pair at `path` under `map` and why its value is rejected. */
function checkPath(map: unknown, path: string[], problem: Problem, ref: DocRef, prefix: string, into: Found[]): void {
  let owner: unknown = map;
  for (const step of path.slice(0, -1)) owner = getMap(owner, step, ref);
  const pair = getPair(owner, path[path.length - 1], ref);
  if (!pair) return;
  const reason = problem(pair.value, ref);
  if (reason) into.push({ pair, field: `${prefix}${path.join('.')}`, reason });
}

function containerProblems(container: unknown, ref: DocRef, into: Found[]): void {
  const image = getPair(container, 'image', ref);
  const imageProblem = image && stringProblem(image.value, ref);
  if (image && imageProblem) into.push({ pair: image, field: 'image', reason: imageProblem });
  for (const port of seqItems(getSeq(container, 'ports', ref), ref)) {
    checkPath(port, ['containerPort'], whole(1, MAX_PORT), ref, 'ports[].', into);
    checkPath(port, ['hostPort'], whole(0, MAX_PORT), ref, 'ports[].', into);
  }
  for (const probe of PROBES) {
    const node = getMap(container, probe, ref);
    if (!node) continue;
    for (const field of PROBE_FIELDS) checkPath(node, [field], whole(), ref, `${probe}.`, into);
    checkPath(node, ['terminationGracePeriodSeconds'], whole(1, MAX_INT64), ref, `${probe}.`, into);
    checkPath(node, ['httpGet', 'port'], portNumber, ref, `${probe}.`, into);
    checkPath(node, ['tcpSocket', 'port'], portNumber, ref, `${probe}.`, into);
    checkPath(node, ['grpc', 'port'], whole(1, MAX_PORT), ref, `${probe}.`, into);
  }
  for (const hook of ['preStop', 'postStart']) {
    const node = getMap(getMap(container, 'lifecycle', ref), hook, ref);
    if (!node) continue;
    checkPath(node, ['sleep', 'seconds'], whole(0, MAX_INT64), ref, `lifecycle.${hook}.`, into);
    checkPath(node, ['httpGet', 'port'], portNumber, ref, `lifecycle.${hook}.`, into);
    checkPath(node, ['tcpSocket', 'port'], portNumber, ref, `lifecycle.${hook}.`, into);
  }
}

/** A quoted valid number written as the number, a fraction rounded, a percentage over 100% capped. */
function valueFixes(found: Found, ref: DocRef): Fix[] {
  const node = deref(found.pair.value, ref);
  if (!isScalar(node) || !node.range || node.anchor) return [];
  const editor = new YamlEditor(ref);
  const replace = (text: string) => [editor.replace(node.range![0], node.range![1], text)];
  const value = node.value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    return definedFixes(fix(`Write ${value.trim()} as a number`, replace(String(Number(value))), { preferred: true, safe: true }));
  }
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value) && value > 0) {
    return definedFixes(fix(`Round to ${Math.round(value)}`, replace(String(Math.round(value))), { preferred: true, safe: false }));
  }
  if (typeof value === 'string' && /^\s*\d+%\s*$/.test(value) && found.reason.startsWith('more than')) {
    return definedFixes(fix('Use 100%', [editor.replaceScalar(node, '100%')!].filter(Boolean), { preferred: true, safe: false }));
  }
  return [];
}

function reportAll(
  object: K8sObject,
  found: Found[],
  report: RuleContext['report'],
  who: string,
  container?: Parameters<RuleContext['report']>[0]['container'],
): void {
  for (const item of found) {
    const range = pairRange(item.pair, object.ref);
    if (!range) continue;
    report({
      object,
      ...(container ? { container } : {}),
      range,
      message: `${who}${item.field} is ${valueText(item.pair.value, object.ref)}: ${item.reason}. The API server rejects ${describeObject(object)} with this value, so it cannot be applied.`,
      fixes: () => valueFixes(item, object.ref),
    });
  }
}

function kindKey(object: K8sObject): string | undefined {
  if (isHpa(object)) return 'HorizontalPodAutoscaler';
  if (isKedaScaledObject(object)) return 'ScaledObject';
  if (object.kind === 'PodDisruptionBudget' && object.group === 'policy') return 'PodDisruptionBudget';
  if (object.kind === 'Rollout' && object.group === 'argoproj.io') return 'Rollout';
  if (object.kind === 'ReplicationController' && object.group === '') return 'ReplicationController';
  return ['apps', 'extensions'].includes(object.group) && SPEC_FIELDS[object.kind] ? object.kind : undefined;
}

export default defineRule({
  meta: {
    id: 'invalid-field-value',
    title: 'A value the API server rejects',
    severity: 'error',
    rationale:
      'A negative, fractional, infinite or quoted number, a boolean, a percentage over 100% or that is not a whole number, binary data for an image, or a scalar where a list belongs: the API server rejects the object, so kubectl apply (or the GitOps sync) fails, usually in the middle of a deploy.',
    appliesTo:
      'The numbers, percentages and lists the other rules read: replicas, rollout settings, probes, ports, grace periods, preStop sleeps, PodDisruptionBudget budgets, HPA and KEDA bounds, Service ports, containers and images',
    docs: {
      why: [
        'Kubernetes decodes a manifest into typed fields before it validates it: an integer field takes a JSON number and nothing else (`replicas: "3"` fails with *cannot unmarshal string into Go struct field ... of type int32*; so do `true`, `1.5` and `.inf`), counts and seconds may not be negative, an int-or-percent field (`maxUnavailable`, `maxSurge`, `minAvailable`) takes a whole number or a string like `"25%"` (a quoted `"1"` has no `%` and is rejected; `maxUnavailable` and PDB values may not exceed 100%), an image is a string, and `containers` is a list. Any of these makes the API server reject the whole object.',
        '',
        'The other rules do not compute with such values (no "6 of the 4 replicas" from a `150%`): they treat them as unknown, and this rule says what the API server will say. Template placeholders (`${VAR}`, `$(VAR)`, `{{ }}`, `<value>`, `@VAR@`, upper-case names) are not judged: they are replaced before the API server sees them.',
      ].join('\n'),
      severityReason: 'Error: the manifest cannot be applied as written.',
      bad: `spec:
  replicas: "3"
  strategy:
    rollingUpdate:
      maxUnavailable: 150%`,
      good: `spec:
  replicas: 3
  strategy:
    rollingUpdate:
      maxUnavailable: 25%`,
      howToFix:
        'Write the value the field takes: a whole number (unquoted) in its range, or for int-or-percent fields a whole percentage in quotes-or-not (`25%`). The quick fixes unquote a quoted number, round a fraction, and cap a percentage at 100%; other values need a human.',
      notFlagged:
        'Template placeholders, fields the rules do not read, and values only a running cluster can judge (a port name, a resource quantity).',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      const { ref } = object;
      const spec = getMap(object.node, 'spec', ref);
      const found: Found[] = [];
      const key = kindKey(object);
      for (const [path, problem] of key ? SPEC_FIELDS[key] : []) checkPath(spec, path, problem, ref, 'spec.', found);
      if (key === 'HorizontalPodAutoscaler' || key === 'ScaledObject') {
        const [minKey, maxKey] = key === 'ScaledObject' ? ['minReplicaCount', 'maxReplicaCount'] : ['minReplicas', 'maxReplicas'];
        const min = getInt(spec, minKey, ref);
        const max = getInt(spec, maxKey, ref);
        const maxPair = getPair(spec, maxKey, ref);
        if (min !== undefined && max !== undefined && max < min && maxPair) {
          found.push({ pair: maxPair, field: `spec.${maxKey}`, reason: `below ${minKey} (${min})` });
        }
      }
      if (isCoreService(object)) {
        for (const port of seqItems(getSeq(spec, 'ports', ref), ref)) {
          checkPath(port, ['port'], whole(1, MAX_PORT), ref, 'spec.ports[].', found);
          checkPath(port, ['targetPort'], targetPort, ref, 'spec.ports[].', found);
        }
      }
      reportAll(object, found, report, '');
      const workload = asWorkload(object);
      if (!workload) continue;
      const pod: Found[] = [];
      for (const [path, problem] of POD_FIELDS) checkPath(workload.podSpec, path, problem, ref, '', pod);
      for (const list of ['containers', 'initContainers']) {
        const pair = getPair(workload.podSpec, list, ref);
        const problem = pair && listProblem(pair.value, ref);
        if (pair && problem) pod.push({ pair, field: list, reason: problem });
      }
      reportAll(object, pod, report, object.kind === 'Pod' ? "The pod's " : "The pod template's ");
      for (const container of workload.containers) {
        const own: Found[] = [];
        containerProblems(container.node, ref, own);
        reportAll(object, own, report, `${describeContainer(container)}: `, container);
      }
      for (const item of seqItems(getSeq(workload.podSpec, 'initContainers', ref), ref)) {
        if (!isMap(item)) continue;
        const own: Found[] = [];
        containerProblems(item, ref, own);
        reportAll(object, own, report, 'An init container: ');
      }
    }
  },
});

// The numbers behind a manifest, for the editor: what the entry under the cursor comes to (a hover) and the
// Kubernetes defaults of the fields a manifest leaves out (inlay hints). Read from the same file model and
// project the diagnostics were judged with; the arithmetic is the engine's own (k8s/, simulation/).
import { isMap } from 'yaml';
import type { Project } from '../facts/project';
import { asWorkload, type Workload } from '../k8s/objects';
import type { FileModel } from '../model/fileModel';
import { deref } from '../model/yamlAccess';
import { isRolloutKind } from '../simulation/model';
import { locate, type Located, type PathStep } from './locate';
import { explainProbe, type ProbeKind } from './probes';
import { explainBudget, explainScaleTarget } from './references';
import { explainRollout } from './rollout';
import { explainTermination } from './termination';
import type { Explanation, TimelineTarget } from './types';

export { defaultHints } from './hints';
export type { DefaultHint, Explanation, ExplanationLine, HintMode, Place, TimelineTarget } from './types';

const ROLLOUT_KEYS = new Set(['replicas', 'strategy', 'updateStrategy', 'minReadySeconds']);
const PROBE_KINDS = new Set<string>(['readinessProbe', 'livenessProbe', 'startupProbe']);
const PROBE_TIMING = new Set(['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']);

function timelineOf(at: Located): TimelineTarget | undefined {
  const { object } = at;
  return isRolloutKind(object) ? { docIndex: at.placed.docBase + at.document.index, kind: object.kind, name: object.name } : undefined;
}

/** Where the path enters the workload's pod spec: the keys under it. */
function underPodSpec(path: readonly PathStep[], workload: Workload): PathStep[] | undefined {
  const ref = workload.object.ref;
  const at = path.findIndex((step) => workload.podSpec !== undefined && deref(step.node, ref) === workload.podSpec);
  return at < 0 ? undefined : path.slice(at + 1);
}

function explainPodSpec(at: Located, workload: Workload, project: Project, rest: PathStep[]): Explanation | undefined {
  const timeline = timelineOf(at);
  const keys = rest.map((step) => step.key);
  if (keys.length === 1 && keys[0] === 'terminationGracePeriodSeconds') return explainTermination(workload, undefined, at.range, timeline);
  if (keys[0] !== 'containers' || typeof keys[1] !== 'number') return undefined;
  const node = deref(rest[1].node, workload.object.ref);
  const container = workload.containers.find((c) => c.node === node);
  if (!container || !isMap(node)) return undefined;
  const [, , section, inner] = keys;
  if (
    typeof section === 'string' &&
    PROBE_KINDS.has(section) &&
    (keys.length === 3 || (keys.length === 4 && PROBE_TIMING.has(String(inner))))
  ) {
    return explainProbe(workload, container, section as ProbeKind, project, at.range, timeline);
  }
  if (section === 'lifecycle' && inner === 'preStop') return explainTermination(workload, container, at.range, timeline);
  return undefined;
}

/**
 * What the entry at `offset` of the model's text comes to, when a number there matters: a Deployment's or
 * StatefulSet's replicas and update strategy, a probe and its timing fields, the grace period and a preStop hook,
 * an autoscaler's target, a PodDisruptionBudget's selector and budget. Undefined anywhere else, in patches and in
 * templates.
 */
export function explainAt(model: FileModel, project: Project, offset: number, patchFile = false): Explanation | undefined {
  const at = locate(model, offset, patchFile);
  if (!at || at.object.patch) return undefined;
  const { object, path } = at;
  const keys = path.map((step) => step.key);
  const workload = asWorkload(object);
  if (workload?.isFragment) return undefined;
  if (keys[0] === 'spec' && isRolloutKind(object) && ROLLOUT_KEYS.has(String(keys[1]))) {
    return explainRollout(object, project, model, patchFile, timelineOf(at)!, at.range);
  }
  if (object.kind === 'HorizontalPodAutoscaler' && object.group === 'autoscaling' && keys[0] === 'spec' && keys[1] === 'scaleTargetRef') {
    return explainScaleTarget(object, project, model, patchFile, at.range);
  }
  if (
    object.kind === 'PodDisruptionBudget' &&
    object.group === 'policy' &&
    keys[0] === 'spec' &&
    ['selector', 'minAvailable', 'maxUnavailable'].includes(String(keys[1]))
  ) {
    return explainBudget(object, project, model, patchFile, at.range);
  }
  const rest = workload && underPodSpec(path, workload);
  return rest && workload ? explainPodSpec(at, workload, project, rest) : undefined;
}

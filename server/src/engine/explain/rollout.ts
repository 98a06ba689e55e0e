// What a Deployment's or StatefulSet's rollout settings come to: maxSurge and maxUnavailable resolved against the
// replicas the way the controller does (k8s/rollout.ts), the waves and the duration from the rollout simulation,
// the replica count an autoscaler sets.
import type { Project } from '../facts/project';
import type { K8sObject } from '../k8s/objects';
import { readRollingUpdate, replicaCount, resolveFenceposts, type IntOrPercent } from '../k8s/rollout';
import type { FileModel } from '../model/fileModel';
import { getInt, getMap, getPair } from '../model/yamlAccess';
import { formatDuration } from '../simulation/summary';
import { readRolloutInputs, type RolloutInputs } from '../simulation/model';
import { MAX_SIMULATED_REPLICAS, simulateInputs } from '../simulation/simulate';
import type { RolloutSimulation } from '../simulation/types';
import { describeRefusal } from '../simulation/validate';
import { placeOf, plural } from './common';
import type { Explanation, ExplanationLine, TimelineTarget } from './types';

type RolloutObject = K8sObject & { kind: 'Deployment' | 'StatefulSet' };

function pods(n: number): string {
  return plural(n, 'pod');
}

/** "the only pod", "both pods", "all 4 pods". */
function everyPod(n: number): string {
  return n === 1 ? 'the only pod' : n === 2 ? 'both pods' : `all ${n} pods`;
}

/** "`maxSurge` 25% of 4 = 1 pod, rounded up" / "`maxSurge` 1" / "`maxSurge` is not set: 25% (the default) of 4 = 1 pod, rounded up". */
function resolved(name: string, value: IntOrPercent, explicit: boolean, replicas: number, count: number, roundUp: boolean): string {
  const written = value.kind === 'percent' ? `${value.value}%` : String(value.value);
  const arithmetic =
    value.kind === 'percent' ? `${written} of ${replicas} = ${pods(count)}, rounded ${roundUp ? 'up' : 'down'}` : pods(count);
  if (explicit) return value.kind === 'percent' ? `\`${name}\` ${arithmetic}` : `\`${name}\` ${written}`;
  return value.kind === 'percent'
    ? `\`${name}\` is not set: ${written} (the default) of ${replicas} = ${pods(count)}, rounded ${roundUp ? 'up' : 'down'}`
    : `\`${name}\` is not set: ${written} (the default for this API group)`;
}

/** The sizes of the waves of new pods: pods created at the same moment form one. */
export function waves(simulation: RolloutSimulation): number[] {
  const sizes = new Map<number, number>();
  for (const pod of simulation.pods) {
    if (pod.generation === 'new' && pod.createdAt !== undefined) sizes.set(pod.createdAt, (sizes.get(pod.createdAt) ?? 0) + 1);
  }
  return [...sizes.entries()].sort(([a], [b]) => a - b).map(([, size]) => size);
}

function wavesText(sizes: number[], truncated: boolean): string | undefined {
  if (sizes.length === 0) return undefined;
  const first = truncated ? ` (the first ${MAX_SIMULATED_REPLICAS} replicas)` : '';
  if (sizes.every((size) => size === sizes[0])) {
    return `New pods start in ${plural(sizes.length, 'wave')} of ${sizes[0]}${first}.`;
  }
  return `New pods start in ${plural(sizes.length, 'wave')}${first}: ${sizes.join(', ')}.`;
}

function replicaLines(object: RolloutObject, project: Project, model: FileModel, patchFile: boolean): ExplanationLine[] {
  const spec = getMap(object.node, 'spec', object.ref);
  const autoscaler = project.autoscalerOf(object);
  if (autoscaler?.maxReplicas !== undefined) {
    const declared = getInt(spec, 'replicas', object.ref);
    const range =
      autoscaler.minReplicas !== undefined ? `${autoscaler.minReplicas} to ${autoscaler.maxReplicas}` : `up to ${autoscaler.maxReplicas}`;
    return [
      {
        text: `HorizontalPodAutoscaler${autoscaler.name ? ` "${autoscaler.name}"` : ''} scales it to ${range} replicas: the numbers here are for ${autoscaler.maxReplicas}, the worst case${declared !== undefined ? ` (\`replicas\` ${declared} is only the count before the autoscaler acts)` : ''}.`,
        place: placeOf(autoscaler, 'HorizontalPodAutoscaler', model, patchFile).place,
      },
    ];
  }
  if (!getPair(spec, 'replicas', object.ref)) return [{ text: '`replicas` is not set: 1 replica, the default.' }];
  return [];
}

function deploymentLines(inputs: RolloutInputs, object: RolloutObject): ExplanationLine[] {
  const { replicas } = inputs;
  const settings = readRollingUpdate(object);
  const fence = resolveFenceposts(settings.maxSurge, settings.maxUnavailable, replicas);
  const unavailable = inputs.maxUnavailable ?? 0;
  const surge = inputs.maxSurge ?? 0;
  const stay = replicas - unavailable;
  const consequence =
    unavailable === 0
      ? 'every old pod stays until a new one is available'
      : stay <= 0
        ? `${everyPod(replicas)} may be down at once`
        : `at least ${stay} of ${replicas} stay available`;
  const written = resolved(
    'maxUnavailable',
    settings.maxUnavailable,
    settings.maxUnavailableExplicit,
    replicas,
    fence.forcedUnavailable ? 0 : unavailable,
    false,
  );
  const lines: ExplanationLine[] = [{ text: fence.forcedUnavailable ? `${written}.` : `${written}: ${consequence}.` }];
  lines.push({
    text: `${resolved('maxSurge', settings.maxSurge, settings.maxSurgeExplicit, replicas, surge, true)}: at most ${pods(replicas + surge)} at once.`,
  });
  if (
    settings.maxSurge.value === 0 &&
    settings.maxUnavailable.value === 0 &&
    settings.maxSurgeExplicit &&
    settings.maxUnavailableExplicit
  ) {
    lines.push({
      text: `Both are 0: the API server rejects this Deployment. Were it accepted, the controller would use \`maxUnavailable\` 1: ${consequence}.`,
    });
  } else if (fence.forcedUnavailable) {
    lines.push({ text: `Both come to 0 at ${plural(replicas, 'replica')}: the controller uses \`maxUnavailable\` 1, so ${consequence}.` });
  }
  return lines;
}

function statefulSetLines(inputs: RolloutInputs): ExplanationLine[] {
  if (inputs.strategy === 'OnDelete') {
    return [{ text: '`updateStrategy` OnDelete: a pod is replaced only when you delete it; a template change rolls nothing by itself.' }];
  }
  const lines: ExplanationLine[] = [
    {
      text: `One pod at a time, highest ordinal first: each pod is deleted before its replacement starts, so ${inputs.replicas === 1 ? 'the only pod is down' : `1 of ${inputs.replicas} is down`} at every step.`,
    },
  ];
  if (inputs.partition) {
    lines.push({ text: `\`partition\` ${inputs.partition}: pods with an ordinal below ${inputs.partition} keep the old template.` });
  }
  return lines;
}

function simulatedLine(simulation: RolloutSimulation): ExplanationLine | undefined {
  if (simulation.replicas === 0 || simulation.strategy === 'OnDelete') return undefined;
  const windows = simulation.windows.length;
  const outage = simulation.windows.filter((w) => w.kind === 'outage').reduce((sum, w) => sum + (w.end - w.start), 0);
  return {
    text: `Under the timeline's assumptions the rollout takes about ${formatDuration(simulation.duration)}, with ${windows === 0 ? 'no failure window' : plural(windows, 'failure window')}${outage > 0 ? `; no pod is Ready for about ${formatDuration(outage)}` : ''}.`,
  };
}

export function explainRollout(
  object: RolloutObject,
  project: Project,
  model: FileModel,
  patchFile: boolean,
  timeline: TimelineTarget,
  range: [number, number],
): Explanation | undefined {
  const inputs = readRolloutInputs(object, project);
  if (!inputs) return undefined;
  const named = `${object.kind}${object.name ? ` "${object.name}"` : ''}`;
  const base = { range, timeline };
  const unknown = !replicaCount(object, project).known
    ? '`replicas`'
    : object.kind === 'Deployment' && !readRollingUpdate(object).understood
      ? '`maxSurge` or `maxUnavailable`'
      : undefined;
  if (unknown) {
    const lines = [{ text: `${unknown} is not a number (a template placeholder?): the rollout numbers cannot be known from the text.` }];
    return { ...base, title: `Rollout of ${named}`, lines, ruleIds: [] };
  }
  if (inputs.refused?.length) {
    const lines = inputs.refused.map((refused) => ({ text: describeRefusal(refused) }));
    lines.push({ text: 'Nothing is computed from a value Kubernetes would not take (or the timeline could not draw).' });
    return { ...base, title: `Rollout of ${named}`, lines, ruleIds: [] };
  }
  const simulation = simulateInputs(inputs);
  const lines: ExplanationLine[] = replicaLines(object, project, model, patchFile);
  let ruleIds: string[] = [];
  let title: string;
  if (inputs.replicas === 0) {
    title = `Rollout of ${named}: scaled to 0`;
    lines.push({ text: 'No pod runs: a rollout changes nothing until it is scaled up.' });
  } else if (object.kind === 'StatefulSet') {
    title = `Rolling update of ${named}: ${plural(inputs.replicas, 'replica')}${inputs.replicasSource ? ' (autoscaler max)' : ''}`;
    lines.push(...statefulSetLines(inputs));
  } else if (inputs.strategy === 'Recreate') {
    title = `Recreate of ${named}: ${plural(inputs.replicas, 'replica')}`;
    lines.push({
      text: `\`type\` Recreate: ${everyPod(inputs.replicas)} ${inputs.replicas === 1 ? 'stops' : 'stop'} before any new one starts.`,
    });
    ruleIds = ['recreate-strategy'];
  } else {
    title = `Rolling update of ${named}: ${plural(inputs.replicas, 'replica')}${inputs.replicasSource ? ' (autoscaler max)' : ''}`;
    lines.push(...deploymentLines(inputs, object));
    const text = wavesText(waves(simulation), inputs.replicas > MAX_SIMULATED_REPLICAS);
    if (text) lines.push({ text });
    ruleIds = ['rolling-update-unavailable'];
    if (inputs.notes.some((note) => note.includes('rolling-update-invalid'))) ruleIds.push('rolling-update-invalid');
    if (inputs.replicas === 1 && !project.autoscalerOf(object)) ruleIds.push('single-replica');
  }
  if (inputs.minReadySeconds > 0) {
    lines.push({
      text: `\`minReadySeconds\` ${inputs.minReadySeconds}: a new pod counts as available ${inputs.minReadySeconds}s after it is Ready.`,
    });
  }
  const simulated = simulatedLine(simulation);
  if (simulated) lines.push(simulated);
  return { ...base, title, lines, ruleIds };
}

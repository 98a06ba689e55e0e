// The parts of a RolloutSimulation that sum up a run, shared by a simulated rollout and a refused one: the
// workload's identity and rollout settings as read, when the rollout is complete, where the picture ends, and
// the order failure windows are listed in.
import type { FailureWindow, PodTimeline, RolloutSettings } from './types';
import type { RolloutInputs } from './model';
import { roundMs } from './seconds';

/** The workload and its settings as the inputs give them (the real replica count, not the simulated lanes). */
export function rolloutSettings(inputs: RolloutInputs): RolloutSettings {
  return {
    kind: inputs.kind,
    name: inputs.name,
    namespace: inputs.namespace,
    docIndex: inputs.docIndex,
    strategy: inputs.strategy,
    replicas: inputs.replicas,
    replicasSource: inputs.replicasSource,
    maxSurge: inputs.maxSurge,
    maxUnavailable: inputs.maxUnavailable,
    maxSurgeText: inputs.maxSurgeText,
    maxUnavailableText: inputs.maxUnavailableText,
    partition: inputs.partition,
    minReadySeconds: inputs.minReadySeconds,
  };
}

/** When the rollout is complete: every new pod available and every old pod gone. */
export function rolloutDuration(pods: readonly PodTimeline[]): number {
  return roundMs(
    Math.max(0, ...pods.map((p) => (p.generation === 'new' ? p.availableAt! : (p.goneAt ?? 0))), ...pods.map((p) => p.goneAt ?? 0)),
  );
}

/** Where the picture ends: some room after `duration`, on a multiple of 5 seconds. */
export function timelineHorizon(duration: number): number {
  return Math.ceil((duration + Math.max(3, duration * 0.08)) / 5) * 5;
}

/** Windows in time order; ties by pod and rule so that the order never depends on how they were found. */
export function sortWindows(windows: FailureWindow[]): FailureWindow[] {
  return windows.sort(
    (x, y) =>
      x.start - y.start || x.end - y.end || (x.pod ?? '').localeCompare(y.pod ?? '') || (x.ruleId ?? '').localeCompare(y.ruleId ?? ''),
  );
}

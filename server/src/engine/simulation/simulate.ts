// The rollout simulation: a deterministic, event-driven model of what the Deployment or StatefulSet controller
// and the kubelet do during a rollout, from the inputs read off the manifest (model.ts) and the stated
// assumptions (types.ts). A model, not a measurement: see the README section "Rollout timeline".
//
// Pods (podTiming.ts, podLifecycle.ts):
//   created c -> container runs at c + podStart -> app accepts at + appStart -> Ready at the first readiness
//   probe tick at or after that (plus successThreshold - 1 periods; without a probe: as soon as the container
//   runs) -> available minReadySeconds later.
//   deleted d -> preStop runs (cut at the grace period) -> SIGTERM: the app stops accepting, finishes what is in
//   flight, then needs shutdownSeconds -> SIGKILL at SIGTERM + max(grace - preStop, 2) (the kubelet's minimum)
//   if it has not exited. Routers keep sending requests until d + propagation.
// Controllers (controllers.ts):
//   Deployment RollingUpdate: after every change, scale the new ReplicaSet up to replicas + maxSurge pods in
//   total (terminating pods do not count), and scale the old one down while available pods exceed
//   replicas - maxUnavailable, never while that would count unavailable new pods (the controller's
//   reconcileNewReplicaSet / reconcileOldReplicaSets arithmetic).
//   Recreate: delete every old pod, wait until all are gone, create every new pod.
//   StatefulSet RollingUpdate: from the highest ordinal down to the partition, delete the pod, recreate it once
//   it is gone, wait until it is available, go on.
// Capacity (capacity.ts): Ready and serving pods over time; too few Ready is an outage or reduced capacity.
import { ASSUMPTION_KEYS, DEFAULT_ASSUMPTIONS, type FailureWindow, type RolloutAssumptions, type RolloutSimulation } from './types';
import type { RolloutInputs } from './model';
import { capacityCurve, capacityWindows } from './capacity';
import { runController } from './controllers';
import { podFailureWindows, podPhases, sigkillNote } from './podLifecycle';
import { podTiming } from './podTiming';
import { refusedInputs, refusedSimulation } from './refusal';
import { rolloutDuration, rolloutSettings, sortWindows, timelineHorizon } from './result';
import { RolloutRun } from './rolloutRun';
import { roundMs } from './seconds';

export { KUBELET_MINIMUM_GRACE_SECONDS } from '../k8s/lifecycle';
/** Lanes beyond this are not simulated (the picture would be unreadable; the arithmetic repeats). */
export const MAX_SIMULATED_REPLICAS = 60;

export function effectiveAssumptions(partial: Partial<RolloutAssumptions> | undefined): RolloutAssumptions {
  const result = { ...DEFAULT_ASSUMPTIONS };
  for (const key of ASSUMPTION_KEYS) {
    const value = partial?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      result[key] = roundMs(Math.min(value, 86_400));
    }
  }
  return result;
}

/** Simulates a rollout from already-read inputs (see readRolloutInputs); pure and deterministic. */
export function simulateInputs(inputs: RolloutInputs, assumptions?: Partial<RolloutAssumptions>): RolloutSimulation {
  const a = effectiveAssumptions(assumptions);
  const refused = refusedInputs(inputs);
  if (refused.length > 0) return refusedSimulation(inputs, a, refused);
  let simulated = inputs;
  const notes: string[] = [];
  if (inputs.replicas > MAX_SIMULATED_REPLICAS) {
    notes.push(`${inputs.replicas} replicas: the timeline shows the first ${MAX_SIMULATED_REPLICAS}; the rest repeat the same waves.`);
    // Keep the controller's fenceposts as they are for the real count.
    simulated = { ...inputs, replicas: MAX_SIMULATED_REPLICAS };
  }
  const timing = podTiming(simulated, a);
  const run = new RolloutRun(simulated, a, timing);
  run.notes.push(...notes);
  runController(run);
  const duration = rolloutDuration(run.pods);
  const horizon = timelineHorizon(duration);
  const podWindows: FailureWindow[] = [];
  for (const pod of run.pods) {
    pod.phases = podPhases(pod, horizon);
    podWindows.push(...podFailureWindows(pod, timing, a));
  }
  const killNote = sigkillNote(run.pods, podWindows, timing, a);
  if (killNote) run.notes.push(killNote);
  const capacity = capacityCurve(run.pods, timing);
  const windows = sortWindows([...podWindows, ...capacityWindows(simulated, capacity, duration)]);
  return {
    ...rolloutSettings(inputs),
    assumptions: a,
    timing,
    pods: run.pods,
    capacity,
    windows,
    duration,
    horizon,
    steps: run.steps,
    notes: run.notes,
  };
}

// Inputs the model cannot take, and what the simulation returns for them instead of a guess: no pods, no
// windows, notes naming each refused value. readRolloutInputs refuses manifest values by their text; inputs
// built by hand are checked here, so every time and count the model meets stays finite and bounded (and so do
// the horizon and every loop).
import type { PodTiming, RefusedValue, RolloutAssumptions, RolloutSimulation } from './types';
import type { RolloutInputs } from './model';
import { describeRefusal, invalidNumberReason } from './validate';
import { rolloutSettings } from './result';

/** The values of `inputs` the model refuses; empty when it can simulate them. */
export function refusedInputs(inputs: RolloutInputs): RefusedValue[] {
  // The manifest's own refusals name the values as written; the numbers derived from them mean nothing.
  if (inputs.refused?.length) return inputs.refused;
  const refused: RefusedValue[] = [];
  const check = (value: number | undefined, field: string, min = 0) => {
    // preStop waits may be fractional (GNU sleep 0.5): only their magnitude is checked.
    const reason = value === undefined ? undefined : invalidNumberReason(field.includes('preStop') ? Math.ceil(value) : value, min);
    if (reason !== undefined) refused.push({ field, text: String(value), reason });
  };
  check(inputs.replicas, 'replicas');
  check(inputs.maxSurge, 'maxSurge');
  check(inputs.maxUnavailable, 'maxUnavailable');
  check(inputs.partition, 'partition');
  check(inputs.minReadySeconds, 'minReadySeconds');
  check(inputs.terminationGracePeriodSeconds, 'terminationGracePeriodSeconds');
  inputs.containers.forEach((container, i) => {
    const owner = `container "${container.name ?? i + 1}"`;
    for (const [which, probe] of [
      ['readinessProbe', container.readiness],
      ['startupProbe', container.startup],
    ] as const) {
      if (!probe) continue;
      check(probe.initialDelaySeconds, `${which}.initialDelaySeconds of ${owner}`);
      check(probe.periodSeconds, `${which}.periodSeconds of ${owner}`, 1);
      check(probe.successThreshold, `${which}.successThreshold of ${owner}`, 1);
      check(probe.failureThreshold, `${which}.failureThreshold of ${owner}`, 1);
    }
    check(container.preStopSeconds, `the preStop wait of ${owner}`);
  });
  return refused;
}

const NO_TIMING: PodTiming = {
  startedAfter: 0,
  appReadyAfter: 0,
  readyAfter: 0,
  availableAfter: 0,
  preStopSeconds: 0,
  terminationGracePeriodSeconds: 0,
  trafficStopsAfter: 0,
  requestsDoneAfter: 0,
  goneAfter: 0,
  killed: false,
  readinessProbe: false,
};

/** Nothing simulated: the picture names the refused values instead of drawing a guess. */
export function refusedSimulation(inputs: RolloutInputs, a: RolloutAssumptions, refused: RefusedValue[]): RolloutSimulation {
  // The refused numbers may be anything: only finite ones are passed on.
  const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : undefined);
  return {
    ...rolloutSettings(inputs),
    replicas: finite(inputs.replicas) ?? 0,
    maxSurge: finite(inputs.maxSurge),
    maxUnavailable: finite(inputs.maxUnavailable),
    partition: finite(inputs.partition),
    minReadySeconds: finite(inputs.minReadySeconds) ?? 0,
    assumptions: a,
    timing: { ...NO_TIMING },
    pods: [],
    capacity: [],
    windows: [],
    duration: 0,
    horizon: 0,
    steps: [],
    notes: [
      ...refused.map((r) => `Not simulated: ${describeRefusal(r)}`),
      'The API server rejects such a value (or it is beyond what a timeline can draw): correct it to see the rollout.',
    ],
    refused,
  };
}

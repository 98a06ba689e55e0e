// How long one pod of the template takes to start and to stop, relative to its creation and its deletion: the
// kubelet's part of the model (probe ticks, preStop, SIGTERM, SIGKILL, the Envoy sidecar's end). The same for
// every pod of the template, so the controllers only add creation and deletion times to it.
import type { PodTiming, RolloutAssumptions } from './types';
import type { ContainerTiming, RolloutInputs } from './model';
import { terminationTimes } from '../k8s/lifecycle';
import { roundMs } from './seconds';

/** First probe tick (origin + k * period, k >= 0) at or after `target`. */
function firstTick(origin: number, period: number, target: number): number {
  if (origin >= target) return origin;
  return roundMs(origin + Math.ceil(roundMs((target - origin) / period)) * period);
}

/** Seconds after the container started when it counts as Ready, for an app that accepts requests `appStart` after it. */
export function containerReadyAfter(container: ContainerTiming, appStart: number): number {
  // A startupProbe holds the readiness probe (and, without one, readiness itself) until it succeeds.
  let gate = 0;
  if (container.startup) {
    gate = firstTick(container.startup.initialDelaySeconds, container.startup.periodSeconds, appStart);
  }
  const probe = container.readiness;
  if (!probe) return gate;
  const first = firstTick(probe.initialDelaySeconds, probe.periodSeconds, Math.max(appStart, gate));
  return roundMs(first + (probe.successThreshold - 1) * probe.periodSeconds);
}

function servingContainers(inputs: RolloutInputs): ContainerTiming[] {
  const serving = inputs.containers.filter((c) => c.serving);
  return serving.length > 0 ? serving : inputs.containers;
}

/** Per-pod timings: the same for every pod of the template. */
export function podTiming(inputs: RolloutInputs, a: RolloutAssumptions): PodTiming {
  const startedAfter = a.podStartSeconds;
  const appReadyAfter = roundMs(startedAfter + a.appStartSeconds);
  // The pod is Ready when every container is.
  const readyAfter = roundMs(startedAfter + Math.max(...inputs.containers.map((c) => containerReadyAfter(c, a.appStartSeconds))));
  const serving = servingContainers(inputs);
  // With several serving containers, the one whose listener closes first sets the pace (worst case).
  const preStopSeconds = Math.min(...serving.map((c) => (c.hasPreStop ? (c.preStopSeconds ?? 0) : 0)));
  const grace = inputs.terminationGracePeriodSeconds;
  const times = terminationTimes(preStopSeconds, grace);
  const sigtermAfter = roundMs(times.sigterm);
  const sigkillAfter = roundMs(times.sigkill);
  const trafficStopsAfter = a.propagationSeconds;
  // Requests arriving after SIGTERM are refused; those accepted before it run up to the longest request.
  const requestsDoneAfter = roundMs(Math.min(trafficStopsAfter, sigtermAfter) + a.longestRequestSeconds);
  const exitAfter = roundMs(Math.max(sigtermAfter, requestsDoneAfter) + a.shutdownSeconds);
  const killed = sigkillAfter < exitAfter;
  return {
    startedAfter,
    appReadyAfter,
    readyAfter,
    availableAfter: roundMs(readyAfter + inputs.minReadySeconds),
    preStopSeconds,
    terminationGracePeriodSeconds: grace,
    sigtermAfter,
    trafficStopsAfter,
    requestsDoneAfter,
    goneAfter: killed ? sigkillAfter : exitAfter,
    killed,
    // The kubelet kills whatever is left at the end of the grace period, Envoy included.
    ...(inputs.sidecar?.killedAfter !== undefined ? { proxyGoneAfter: roundMs(Math.min(inputs.sidecar.killedAfter, sigkillAfter)) } : {}),
    readinessProbe: serving.every((c) => c.readiness !== undefined || c.startup !== undefined),
  };
}

// A pod's lane once the controller has fixed its creation and deletion: the phases it goes through, and the
// failure windows its own start and shutdown open, each tied to the rule that prevents it: Ready before the
// app accepts (readiness-probe-missing), SIGTERM before routers stop sending (prestop-hook-missing), Envoy gone
// before the app's last response (envoy-drain-too-short), SIGKILL before the last request (grace-period-too-short).
import type { FailureWindow, Phase, PodTimeline, PodTiming, RolloutAssumptions } from './types';
import { roundMs, secondsText } from './seconds';

/** The phases of a pod's lane; a pod that is never deleted stays Ready until `end`. */
export function podPhases(pod: PodTimeline, end: number): Phase[] {
  const phases: Phase[] = [];
  const add = (kind: Phase['kind'], start: number, stop: number) => {
    if (stop > start || kind === 'sigkill') phases.push({ kind, start: roundMs(start), end: roundMs(stop) });
  };
  const until = pod.deletedAt ?? end;
  if (pod.generation === 'old') {
    add('ready', 0, until);
  } else {
    add('starting', pod.createdAt!, pod.startedAt!);
    add('running-not-ready', pod.startedAt!, Math.min(pod.readyAt!, until));
    add('ready', pod.readyAt!, until);
  }
  if (pod.deletedAt !== undefined) {
    add('prestop', pod.deletedAt, pod.sigtermAt!);
    add('sigterm', pod.sigtermAt!, pod.goneAt!);
    if (pod.sigkillAt !== undefined) add('sigkill', pod.sigkillAt, pod.sigkillAt);
  }
  return phases;
}

/** The failure windows of one pod's own start and shutdown. */
export function podFailureWindows(pod: PodTimeline, timing: PodTiming, a: RolloutAssumptions): FailureWindow[] {
  const windows: FailureWindow[] = [];
  if (pod.generation === 'new' && pod.readyAt! < pod.appReadyAt!) {
    windows.push({
      kind: 'errors',
      start: pod.readyAt!,
      end: pod.appReadyAt!,
      ruleId: 'readiness-probe-missing',
      pod: pod.id,
      cause: `${pod.label} counts as Ready at ${secondsText(pod.readyAt!)} (no readinessProbe holds it back), but the app accepts requests only at ${secondsText(pod.appReadyAt!)}: requests routed to it fail.`,
    });
  }
  if (pod.deletedAt !== undefined) windows.push(...shutdownWindows(pod, pod.deletedAt, timing, a));
  return windows;
}

function shutdownWindows(pod: PodTimeline, deletedAt: number, timing: PodTiming, a: RolloutAssumptions): FailureWindow[] {
  const windows: FailureWindow[] = [];
  const sigterm = pod.sigtermAt!;
  const trafficStops = roundMs(deletedAt + timing.trafficStopsAfter);
  if (sigterm < trafficStops) {
    windows.push({
      kind: 'errors',
      start: sigterm,
      end: trafficStops,
      ruleId: 'prestop-hook-missing',
      pod: pod.id,
      cause:
        timing.preStopSeconds > 0
          ? `${pod.label} gets SIGTERM when its ${secondsText(timing.preStopSeconds)} preStop wait ends, but routers keep sending it requests for ${secondsText(a.propagationSeconds)} after its deletion: those requests fail.`
          : `${pod.label} gets SIGTERM as soon as it is deleted (no preStop wait), but routers keep sending it requests for ${secondsText(a.propagationSeconds)}: those requests fail.`,
    });
  }
  const requestsDone = roundMs(deletedAt + timing.requestsDoneAfter);
  const envoy = envoyDrainWindow(pod, deletedAt, timing, Math.max(requestsDone, trafficStops));
  if (envoy) windows.push(envoy);
  if (pod.sigkillAt !== undefined && pod.sigkillAt < requestsDone) {
    windows.push({
      kind: 'errors',
      start: pod.sigkillAt,
      end: requestsDone,
      ruleId: 'grace-period-too-short',
      pod: pod.id,
      cause: `SIGKILL at ${secondsText(pod.sigkillAt)} (terminationGracePeriodSeconds ${timing.terminationGracePeriodSeconds}, preStop ${secondsText(timing.preStopSeconds)}) cuts off ${pod.label}'s requests still in flight; the longest needs until ${secondsText(requestsDone)}.`,
    });
  }
  return windows;
}

/**
 * Envoy gone while the app still works: requests still routed to the pod and responses still in flight (until
 * `appDone`, or the pod's end) have no proxy.
 */
function envoyDrainWindow(pod: PodTimeline, deletedAt: number, timing: PodTiming, appDone: number): FailureWindow | undefined {
  if (timing.proxyGoneAfter === undefined) return undefined;
  const proxyGone = roundMs(deletedAt + timing.proxyGoneAfter);
  const needed = roundMs(Math.min(appDone, pod.goneAt!));
  if (proxyGone >= needed) return undefined;
  return {
    kind: 'errors',
    start: proxyGone,
    end: needed,
    ruleId: 'envoy-drain-too-short',
    pod: pod.id,
    cause: `${pod.label}'s Envoy sidecar is killed at ${secondsText(proxyGone)}, ${secondsText(timing.proxyGoneAfter)} after the deletion (terminationDrainDuration), while the app still answers requests until ${secondsText(needed)}: those responses are lost and callers get 503s.`,
  };
}

/** SIGKILL that cuts off no request still cuts the app's shutdown short: no window shows it, so a note says it. */
export function sigkillNote(
  pods: readonly PodTimeline[],
  windows: readonly FailureWindow[],
  timing: PodTiming,
  a: RolloutAssumptions,
): string | undefined {
  if (!timing.killed || !pods.some((p) => p.sigkillAt !== undefined) || windows.some((w) => w.ruleId === 'grace-period-too-short')) {
    return undefined;
  }
  return `SIGKILL comes ${secondsText(roundMs(timing.goneAfter - (timing.sigtermAfter ?? 0)))} after SIGTERM, before the app finishes its ${secondsText(a.shutdownSeconds)} shutdown: no request is in flight then under these assumptions, but the app cannot shut down cleanly.`;
}

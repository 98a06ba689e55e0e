// How many pods are Ready and how many really serve at each moment of the rollout, and the failure windows
// that count makes: an outage when no pod is Ready, reduced capacity while fewer than `replicas` are. Those
// windows come from the rollout settings (maxUnavailable, Recreate, a StatefulSet's one-at-a-time update), not
// from one pod, so their causes name the setting.
import type { CapacityPoint, FailureWindow, PodTimeline, PodTiming } from './types';
import type { RolloutInputs } from './model';
import { roundMs } from './seconds';

/** The Ready and serving counts, one point each time either changes. */
export function capacityCurve(pods: readonly PodTimeline[], timing: PodTiming): CapacityPoint[] {
  const readyIntervals: [number, number][] = [];
  const servingIntervals: [number, number][] = [];
  for (const pod of pods) {
    const stop = pod.deletedAt ?? Infinity;
    // A pod stops serving at SIGTERM, when routers stop sending to it, or when its Envoy sidecar is gone.
    const servingEnd =
      pod.deletedAt === undefined
        ? Infinity
        : roundMs(Math.min(pod.sigtermAt!, pod.deletedAt + timing.trafficStopsAfter, pod.deletedAt + (timing.proxyGoneAfter ?? Infinity)));
    if (pod.generation === 'old') {
      readyIntervals.push([-Infinity, stop]);
      servingIntervals.push([-Infinity, servingEnd]);
    } else {
      readyIntervals.push([pod.readyAt!, stop]);
      servingIntervals.push([Math.max(pod.readyAt!, pod.appReadyAt!), servingEnd]);
    }
  }
  const times = new Set<number>([0]);
  for (const [s, e] of [...readyIntervals, ...servingIntervals]) {
    if (s > 0 && Number.isFinite(s)) times.add(s);
    if (e > 0 && Number.isFinite(e)) times.add(e);
  }
  const count = (intervals: [number, number][], t: number) => intervals.filter(([s, e]) => s <= t && t < e).length;
  const points: CapacityPoint[] = [];
  for (const t of [...times].sort((x, y) => x - y)) {
    const point = { t, ready: count(readyIntervals, t), serving: count(servingIntervals, t) };
    const last = points[points.length - 1];
    if (!last || last.ready !== point.ready || last.serving !== point.serving) points.push(point);
  }
  return points;
}

type CapacityKind = 'outage' | 'reduced-capacity';

/** Outage and reduced-capacity windows before `end` (the rollout's duration), each at its lowest Ready count. */
export function capacityWindows(inputs: RolloutInputs, capacity: CapacityPoint[], end: number): FailureWindow[] {
  const { replicas } = inputs;
  const out: FailureWindow[] = [];
  const classify = (ready: number): CapacityKind | undefined =>
    ready === 0 ? 'outage' : ready < replicas ? 'reduced-capacity' : undefined;
  let current: { kind: CapacityKind; start: number; min: number } | undefined;
  const close = (at: number) => {
    if (current && at > current.start) out.push(describeCapacity(inputs, current.kind, current.start, at, current.min));
    current = undefined;
  };
  for (let i = 0; i < capacity.length; i++) {
    const point = capacity[i];
    if (point.t >= end) break;
    const cls = classify(point.ready);
    if (current && cls !== current.kind) close(point.t);
    if (cls && !current) current = { kind: cls, start: point.t, min: point.ready };
    if (current) current.min = Math.min(current.min, point.ready);
  }
  close(end);
  return out;
}

function describeCapacity(inputs: RolloutInputs, kind: CapacityKind, start: number, end: number, min: number): FailureWindow {
  const { replicas } = inputs;
  const few = `${min} of ${replicas} replica${replicas === 1 ? '' : 's'}`;
  if (inputs.kind === 'StatefulSet') {
    return {
      kind,
      start,
      end,
      cause:
        kind === 'outage'
          ? 'No pod is Ready: a StatefulSet deletes a pod before it creates its replacement, and this one has a single replica.'
          : `Only ${few} Ready: a StatefulSet deletes each pod before it creates its replacement (one at a time, highest ordinal first).`,
    };
  }
  if (inputs.strategy === 'Recreate') {
    return {
      kind,
      start,
      end,
      ruleId: 'recreate-strategy',
      cause:
        kind === 'outage'
          ? 'No pod is Ready: Recreate stops every old pod before it starts any new one.'
          : `Only ${few} Ready while the new pods start (Recreate).`,
    };
  }
  const setting = `maxUnavailable ${inputs.maxUnavailableText ?? ''}`.trim();
  return {
    kind,
    start,
    end,
    ruleId: 'rolling-update-unavailable',
    cause:
      kind === 'outage'
        ? `No pod is Ready: ${setting} (${inputs.maxUnavailable} of ${replicas}) lets the controller take every replica away before a replacement is Ready.`
        : `Only ${few} Ready: ${setting} (${inputs.maxUnavailable} of ${replicas}) lets the controller take pods away before their replacements are Ready.`,
  };
}

// The rollout simulation: a deterministic, event-driven model of what the Deployment or StatefulSet controller
// and the kubelet do during a rollout, from the inputs read off the manifest (model.ts) and the stated
// assumptions (types.ts). A model, not a measurement: see the README section "Rollout timeline".
//
// Pods:
//   created c -> container runs at c + podStart -> app accepts at + appStart -> Ready at the first readiness
//   probe tick at or after that (plus successThreshold - 1 periods; without a probe: as soon as the container
//   runs) -> available minReadySeconds later.
//   deleted d -> preStop runs (cut at the grace period) -> SIGTERM: the app stops accepting, finishes what is in
//   flight, then needs shutdownSeconds -> SIGKILL at SIGTERM + max(grace - preStop, 2) (the kubelet's minimum)
//   if it has not exited. Routers keep sending requests until d + propagation.
// Controllers:
//   Deployment RollingUpdate: after every change, scale the new ReplicaSet up to replicas + maxSurge pods in
//   total (terminating pods do not count), and scale the old one down while available pods exceed
//   replicas - maxUnavailable, never while that would count unavailable new pods (the controller's
//   reconcileNewReplicaSet / reconcileOldReplicaSets arithmetic).
//   Recreate: delete every old pod, wait until all are gone, create every new pod.
//   StatefulSet RollingUpdate: from the highest ordinal down to the partition, delete the pod, recreate it once
//   it is gone, wait until it is available, go on.
import {
  ASSUMPTION_KEYS,
  DEFAULT_ASSUMPTIONS,
  type CapacityPoint,
  type FailureWindow,
  type Phase,
  type PodTimeline,
  type PodTiming,
  type RefusedValue,
  type RolloutAssumptions,
  type RolloutSimulation,
} from './types';
import type { ContainerTiming, RolloutInputs } from './model';
import { terminationTimes } from '../k8s/lifecycle';
import { describeRefusal, invalidNumberReason } from './validate';

export { KUBELET_MINIMUM_GRACE_SECONDS } from '../k8s/lifecycle';
/** Lanes beyond this are not simulated (the picture would be unreadable; the arithmetic repeats). */
export const MAX_SIMULATED_REPLICAS = 60;

/** Millisecond resolution: sums of decimal seconds compare equal when they should. */
function q(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function effectiveAssumptions(partial: Partial<RolloutAssumptions> | undefined): RolloutAssumptions {
  const result = { ...DEFAULT_ASSUMPTIONS };
  for (const key of ASSUMPTION_KEYS) {
    const value = partial?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
      result[key] = q(Math.min(value, 86_400));
    }
  }
  return result;
}

/** First probe tick (origin + k * period, k >= 0) at or after `target`. */
function firstTick(origin: number, period: number, target: number): number {
  if (origin >= target) return origin;
  return q(origin + Math.ceil(q((target - origin) / period)) * period);
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
  return q(first + (probe.successThreshold - 1) * probe.periodSeconds);
}

function servingContainers(inputs: RolloutInputs): ContainerTiming[] {
  const serving = inputs.containers.filter((c) => c.serving);
  return serving.length > 0 ? serving : inputs.containers;
}

/** Per-pod timings: the same for every pod of the template. */
export function podTiming(inputs: RolloutInputs, a: RolloutAssumptions): PodTiming {
  const startedAfter = a.podStartSeconds;
  const appReadyAfter = q(startedAfter + a.appStartSeconds);
  // The pod is Ready when every container is.
  const readyAfter = q(startedAfter + Math.max(...inputs.containers.map((c) => containerReadyAfter(c, a.appStartSeconds))));
  const serving = servingContainers(inputs);
  // With several serving containers, the one whose listener closes first sets the pace (worst case).
  const preStopSeconds = Math.min(...serving.map((c) => (c.hasPreStop ? (c.preStopSeconds ?? 0) : 0)));
  const grace = inputs.terminationGracePeriodSeconds;
  const times = terminationTimes(preStopSeconds, grace);
  const sigtermAfter = q(times.sigterm);
  const sigkillAfter = q(times.sigkill);
  const trafficStopsAfter = a.propagationSeconds;
  // Requests arriving after SIGTERM are refused; those accepted before it run up to the longest request.
  const requestsDoneAfter = q(Math.min(trafficStopsAfter, sigtermAfter) + a.longestRequestSeconds);
  const exitAfter = q(Math.max(sigtermAfter, requestsDoneAfter) + a.shutdownSeconds);
  const killed = sigkillAfter < exitAfter;
  return {
    startedAfter,
    appReadyAfter,
    readyAfter,
    availableAfter: q(readyAfter + inputs.minReadySeconds),
    preStopSeconds,
    terminationGracePeriodSeconds: grace,
    sigtermAfter,
    trafficStopsAfter,
    requestsDoneAfter,
    goneAfter: killed ? sigkillAfter : exitAfter,
    killed,
    readinessProbe: serving.every((c) => c.readiness !== undefined || c.startup !== undefined),
  };
}

type SimPod = PodTimeline;

function seconds(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1).replace(/\.0$/, '')}s`;
}

class Simulation {
  readonly pods: SimPod[] = [];
  readonly steps: string[] = [];
  readonly windows: FailureWindow[] = [];
  readonly notes: string[];

  constructor(
    readonly inputs: RolloutInputs,
    readonly a: RolloutAssumptions,
    readonly timing: PodTiming,
  ) {
    this.notes = [...inputs.notes];
  }

  oldPod(index: number, lane: string, label: string, ordinal?: number): SimPod {
    const pod: SimPod = { id: ordinal !== undefined ? `${lane}/old` : `old-${index}`, lane, label, generation: 'old', ordinal, phases: [] };
    this.pods.push(pod);
    return pod;
  }

  create(t: number, index: number, lane: string, label: string, ordinal?: number): SimPod {
    const { timing } = this;
    const pod: SimPod = {
      id: ordinal !== undefined ? `${lane}/new` : `new-${index}`,
      lane,
      label,
      generation: 'new',
      ordinal,
      createdAt: q(t),
      startedAt: q(t + timing.startedAfter),
      appReadyAt: q(t + timing.appReadyAfter),
      readyAt: q(t + timing.readyAfter),
      availableAt: q(t + timing.availableAfter),
      phases: [],
    };
    this.pods.push(pod);
    return pod;
  }

  delete(t: number, pod: SimPod): void {
    const { timing } = this;
    pod.deletedAt = q(t);
    pod.sigtermAt = q(t + (timing.sigtermAfter ?? 0));
    pod.goneAt = q(t + timing.goneAfter);
    if (timing.killed) pod.sigkillAt = pod.goneAt;
  }

  /** Phases and per-pod failure windows, once every pod's creation and deletion time is known. */
  finish(end: number): void {
    const { timing, a } = this;
    for (const pod of this.pods) {
      const phases: Phase[] = [];
      const add = (kind: Phase['kind'], start: number, stop: number) => {
        if (stop > start || kind === 'sigkill') phases.push({ kind, start: q(start), end: q(stop) });
      };
      const until = pod.deletedAt ?? end;
      if (pod.generation === 'old') {
        add('ready', 0, until);
      } else {
        add('starting', pod.createdAt!, pod.startedAt!);
        add('running-not-ready', pod.startedAt!, Math.min(pod.readyAt!, until));
        add('ready', pod.readyAt!, until);
        if (pod.readyAt! < pod.appReadyAt!) {
          this.windows.push({
            kind: 'errors',
            start: pod.readyAt!,
            end: pod.appReadyAt!,
            ruleId: 'readiness-probe-missing',
            pod: pod.id,
            cause: `${pod.label} counts as Ready at ${seconds(pod.readyAt!)} (no readinessProbe holds it back), but the app accepts requests only at ${seconds(pod.appReadyAt!)}: requests routed to it fail.`,
          });
        }
      }
      if (pod.deletedAt !== undefined) {
        const d = pod.deletedAt;
        const sigterm = pod.sigtermAt!;
        add('prestop', d, sigterm);
        add('sigterm', sigterm, pod.goneAt!);
        if (pod.sigkillAt !== undefined) add('sigkill', pod.sigkillAt, pod.sigkillAt);
        const trafficStops = q(d + timing.trafficStopsAfter);
        if (sigterm < trafficStops) {
          this.windows.push({
            kind: 'errors',
            start: sigterm,
            end: trafficStops,
            ruleId: 'prestop-hook-missing',
            pod: pod.id,
            cause:
              timing.preStopSeconds > 0
                ? `${pod.label} gets SIGTERM when its ${seconds(timing.preStopSeconds)} preStop wait ends, but routers keep sending it requests for ${seconds(a.propagationSeconds)} after its deletion: those requests fail.`
                : `${pod.label} gets SIGTERM as soon as it is deleted (no preStop wait), but routers keep sending it requests for ${seconds(a.propagationSeconds)}: those requests fail.`,
          });
        }
        const requestsDone = q(d + timing.requestsDoneAfter);
        if (pod.sigkillAt !== undefined && pod.sigkillAt < requestsDone) {
          this.windows.push({
            kind: 'errors',
            start: pod.sigkillAt,
            end: requestsDone,
            ruleId: 'grace-period-too-short',
            pod: pod.id,
            cause: `SIGKILL at ${seconds(pod.sigkillAt)} (terminationGracePeriodSeconds ${timing.terminationGracePeriodSeconds}, preStop ${seconds(timing.preStopSeconds)}) cuts off ${pod.label}'s requests still in flight; the longest needs until ${seconds(requestsDone)}.`,
          });
        }
      }
      pod.phases = phases;
    }
    if (
      timing.killed &&
      this.pods.some((p) => p.sigkillAt !== undefined) &&
      !this.windows.some((w) => w.ruleId === 'grace-period-too-short')
    ) {
      this.notes.push(
        `SIGKILL comes ${seconds(q(timing.goneAfter - (timing.sigtermAfter ?? 0)))} after SIGTERM, before the app finishes its ${seconds(a.shutdownSeconds)} shutdown: no request is in flight then under these assumptions, but the app cannot shut down cleanly.`,
      );
    }
  }

  capacity(): CapacityPoint[] {
    const { timing } = this;
    const readyIntervals: [number, number][] = [];
    const servingIntervals: [number, number][] = [];
    for (const pod of this.pods) {
      const stop = pod.deletedAt ?? Infinity;
      if (pod.generation === 'old') {
        readyIntervals.push([-Infinity, stop]);
        servingIntervals.push([
          -Infinity,
          pod.deletedAt === undefined ? Infinity : q(Math.min(pod.sigtermAt!, pod.deletedAt + timing.trafficStopsAfter)),
        ]);
      } else {
        readyIntervals.push([pod.readyAt!, stop]);
        servingIntervals.push([
          Math.max(pod.readyAt!, pod.appReadyAt!),
          pod.deletedAt === undefined ? Infinity : q(Math.min(pod.sigtermAt!, pod.deletedAt + timing.trafficStopsAfter)),
        ]);
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
}

function addStep(sim: Simulation, t: number, text: string): void {
  sim.steps.push(`${seconds(q(t))}: ${text}`);
}

function names(pods: SimPod[]): string {
  return pods.map((p) => p.label).join(', ');
}

function runDeploymentRollingUpdate(sim: Simulation): void {
  const { replicas } = sim.inputs;
  const surge = sim.inputs.maxSurge ?? 0;
  const unavailable = sim.inputs.maxUnavailable ?? 0;
  const old: SimPod[] = [];
  for (let i = 1; i <= replicas; i++) old.push(sim.oldPod(i, `old-${i}`, `old ${i}`));
  const fresh: SimPod[] = [];
  let oldReplicas = replicas;
  let oldNext = 0;
  const minAvailable = replicas - unavailable;
  let t = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const availableNew = () => fresh.filter((p) => p.availableAt! <= t).length;
    for (let changed = true; changed;) {
      changed = false;
      // reconcileNewReplicaSet: up to replicas + maxSurge pods in all ReplicaSets (terminating pods do not count).
      const all = oldReplicas + fresh.length;
      if (fresh.length < replicas && all < replicas + surge) {
        const up = Math.min(replicas + surge - all, replicas - fresh.length);
        const created: SimPod[] = [];
        for (let i = 0; i < up; i++) {
          const n = fresh.length + 1;
          const pod = sim.create(t, n, `new-${n}`, `new ${n}`);
          created.push(pod);
          fresh.push(pod);
        }
        addStep(sim, t, `scale new ReplicaSet up to ${fresh.length} (create ${names(created)})`);
        changed = true;
      }
      // reconcileOldReplicaSets: never below replicas - maxUnavailable available pods, and not while that
      // would count the new ReplicaSet's unavailable pods.
      if (oldReplicas > 0) {
        const allPods = oldReplicas + fresh.length;
        const maxScaledDown = allPods - minAvailable - (fresh.length - availableNew());
        if (maxScaledDown > 0) {
          const available = oldReplicas + availableNew();
          const down = Math.min(available - minAvailable, oldReplicas);
          if (down > 0) {
            const deleted = old.slice(oldNext, oldNext + down);
            for (const pod of deleted) sim.delete(t, pod);
            oldNext += down;
            oldReplicas -= down;
            addStep(sim, t, `scale old ReplicaSet down to ${oldReplicas} (delete ${names(deleted)})`);
            changed = true;
          }
        }
      }
    }
    if (oldReplicas === 0 && fresh.length === replicas && availableNew() === replicas) return;
    const next = fresh.map((p) => p.availableAt!).filter((x) => x > t);
    if (next.length === 0) {
      sim.notes.push('The rollout cannot progress under these settings (the model found no next step).');
      return;
    }
    t = Math.min(...next);
    const became = fresh.filter((p) => p.availableAt === t);
    addStep(sim, t, `${names(became)} available`);
  }
}

function runDeploymentRecreate(sim: Simulation): void {
  const { replicas } = sim.inputs;
  const old: SimPod[] = [];
  for (let i = 1; i <= replicas; i++) old.push(sim.oldPod(i, `old-${i}`, `old ${i}`));
  for (const pod of old) sim.delete(0, pod);
  addStep(sim, 0, `scale old ReplicaSet down to 0 (delete ${names(old)})`);
  // The controller creates the new pods only when no old pod is running any more.
  const t = Math.max(0, ...old.map((p) => p.goneAt!));
  addStep(sim, t, 'every old pod is gone');
  const created: SimPod[] = [];
  for (let i = 1; i <= replicas; i++) created.push(sim.create(t, i, `new-${i}`, `new ${i}`));
  addStep(sim, t, `scale new ReplicaSet up to ${replicas} (create ${names(created)})`);
  if (created.length > 0) addStep(sim, created[0].availableAt!, `${names(created)} available`);
}

function runStatefulSet(sim: Simulation): void {
  const { replicas, name } = sim.inputs;
  const base = name ?? 'pod';
  const old: SimPod[] = [];
  // Lanes from the highest ordinal down: the order the controller updates them in.
  for (let ordinal = replicas - 1; ordinal >= 0; ordinal--) {
    old.push(sim.oldPod(ordinal, `${base}-${ordinal}`, `${base}-${ordinal}`, ordinal));
  }
  if (sim.inputs.strategy === 'OnDelete') return;
  const partition = Math.min(sim.inputs.partition ?? 0, replicas);
  let t = 0;
  for (const pod of old) {
    if (pod.ordinal! < partition) break;
    sim.delete(t, pod);
    addStep(sim, t, `delete ${pod.label}`);
    // Same identity: the replacement is created once the old pod is gone.
    t = pod.goneAt!;
    const created = sim.create(t, pod.ordinal!, pod.lane, pod.label, pod.ordinal);
    addStep(sim, t, `${pod.label} gone; create its replacement`);
    t = created.availableAt!;
    addStep(sim, t, `new ${pod.label} available`);
  }
}

function capacityWindows(sim: Simulation, capacity: CapacityPoint[], end: number): FailureWindow[] {
  const { replicas } = sim.inputs;
  const out: FailureWindow[] = [];
  type Class = 'outage' | 'reduced-capacity' | undefined;
  const classify = (ready: number): Class => (ready === 0 ? 'outage' : ready < replicas ? 'reduced-capacity' : undefined);
  let current: { kind: Exclude<Class, undefined>; start: number; min: number } | undefined;
  const close = (at: number) => {
    if (current && at > current.start) out.push(describeCapacity(sim, current.kind, current.start, at, current.min));
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

function describeCapacity(sim: Simulation, kind: 'outage' | 'reduced-capacity', start: number, end: number, min: number): FailureWindow {
  const { replicas } = sim.inputs;
  const few = `${min} of ${replicas} replica${replicas === 1 ? '' : 's'}`;
  if (sim.inputs.kind === 'StatefulSet') {
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
  if (sim.inputs.strategy === 'Recreate') {
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
  const setting = `maxUnavailable ${sim.inputs.maxUnavailableText ?? ''}`.trim();
  return {
    kind,
    start,
    end,
    ruleId: 'rolling-update-unavailable',
    cause:
      kind === 'outage'
        ? `No pod is Ready: ${setting} (${sim.inputs.maxUnavailable} of ${replicas}) lets the controller take every replica away before a replacement is Ready.`
        : `Only ${few} Ready: ${setting} (${sim.inputs.maxUnavailable} of ${replicas}) lets the controller take pods away before their replacements are Ready.`,
  };
}

/**
 * The numbers of already-read inputs the model cannot take (readRolloutInputs refuses them by their manifest
 * text; inputs built by hand are checked here): every time and count stays finite and bounded, so do the
 * horizon and every loop.
 */
function refusedInputs(inputs: RolloutInputs): RefusedValue[] {
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

/** Nothing simulated: the picture names the refused values instead of drawing a guess. */
function refusedSimulation(inputs: RolloutInputs, a: RolloutAssumptions, refused: RefusedValue[]): RolloutSimulation {
  const zero: PodTiming = {
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
  const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : undefined);
  return {
    kind: inputs.kind,
    name: inputs.name,
    namespace: inputs.namespace,
    docIndex: inputs.docIndex,
    strategy: inputs.strategy,
    replicas: finite(inputs.replicas) ?? 0,
    replicasSource: inputs.replicasSource,
    maxSurge: finite(inputs.maxSurge),
    maxUnavailable: finite(inputs.maxUnavailable),
    maxSurgeText: inputs.maxSurgeText,
    maxUnavailableText: inputs.maxUnavailableText,
    partition: finite(inputs.partition),
    minReadySeconds: finite(inputs.minReadySeconds) ?? 0,
    assumptions: a,
    timing: zero,
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
  const sim = new Simulation(simulated, a, timing);
  sim.notes.push(...notes);
  if (simulated.replicas === 0) {
    sim.notes.push('Scaled to 0 replicas: a rollout changes no pod.');
  } else if (simulated.kind === 'StatefulSet') {
    runStatefulSet(sim);
  } else if (simulated.strategy === 'Recreate') {
    runDeploymentRecreate(sim);
  } else {
    runDeploymentRollingUpdate(sim);
  }
  const duration = q(
    Math.max(0, ...sim.pods.map((p) => (p.generation === 'new' ? p.availableAt! : (p.goneAt ?? 0))), ...sim.pods.map((p) => p.goneAt ?? 0)),
  );
  const horizon = Math.ceil((duration + Math.max(3, duration * 0.08)) / 5) * 5;
  sim.finish(horizon);
  const capacity = sim.capacity();
  const windows = [...sim.windows, ...capacityWindows(sim, capacity, duration)];
  windows.sort(
    (x, y) =>
      x.start - y.start || x.end - y.end || (x.pod ?? '').localeCompare(y.pod ?? '') || (x.ruleId ?? '').localeCompare(y.ruleId ?? ''),
  );
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
    assumptions: a,
    timing,
    pods: sim.pods,
    capacity,
    windows,
    duration,
    horizon,
    steps: sim.steps,
    notes: sim.notes,
  };
}

// What the simulation reads from a Deployment or StatefulSet: the rollout settings (resolved the way the
// controllers resolve them, with the engine's own readers) and the pod template's timing (probes, preStop,
// grace period). Plain numbers out, so the simulation itself never touches YAML.
import { isPlaceholder } from '../k8s/fieldValues';
import { emptyProject, type Project } from '../facts/project';
import { asWorkload, type Container, type K8sObject, type Workload } from '../k8s/objects';
import { gracePeriod, readPreStop } from '../k8s/lifecycle';
import { effectiveProbe, probeNode } from '../k8s/probes';
import { formatIntOrPercent, readRollingUpdate, replicaCount, resolveFenceposts } from '../k8s/rollout';
import { DEFAULT_DRAIN_SECONDS, ISTIO_PROXY, istioSidecar } from '../k8s/istio';
import { describeAutoscaler, maxField, maxReplicasOf } from '../k8s/autoscaling';
import { servingReason } from '../k8s/serving';
import { getMap, getScalar, getString, type DocRef } from '../model/yamlAccess';
import type { RefusedValue, RolloutSettings, RolloutStrategy } from './types';
import { MAX_INT32, MODEL_LIMIT, Refusals, refuseBadIntOrPercent } from './validate';

export interface ProbeTiming {
  initialDelaySeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface ContainerTiming {
  name?: string;
  /** Receives traffic (a port, a selecting Service, or the only container): its readiness and shutdown matter. */
  serving: boolean;
  readiness?: ProbeTiming;
  startup?: ProbeTiming;
  hasPreStop: boolean;
  /** The preStop wait when it can be read (native sleep, exec sleep, sh -c "sleep N"). */
  preStopSeconds?: number;
}

export interface RolloutInputs extends RolloutSettings {
  terminationGracePeriodSeconds: number;
  containers: ContainerTiming[];
  /** The pods' Istio sidecar, when the project shows one (k8s/istio.ts). */
  sidecar?: SidecarTiming;
  notes: string[];
  /** Values the simulation does not take (infinite, huge, negative, fractional, not a number): nothing is simulated. */
  refused?: RefusedValue[];
}

/** How the Envoy sidecar ends: killed terminationDrainDuration after the deletion, unless it outlives the app. */
export interface SidecarTiming {
  /** Why the pods have one, for notes. */
  because: string;
  /** Seconds after the deletion when the istio-agent kills Envoy; undefined when Envoy outlives the app. */
  killedAfter?: number;
  /** Why Envoy outlives the app (a native sidecar, exit on zero connections, its own preStop wait). */
  outlives?: string;
}

const APPS = new Set(['apps', 'extensions']);

/** Deployments and StatefulSets (apps/*, extensions/v1beta1): the kinds with a rollout to draw. */
export function isRolloutKind(object: K8sObject): object is K8sObject & { kind: 'Deployment' | 'StatefulSet' } {
  return (object.kind === 'Deployment' || object.kind === 'StatefulSet') && APPS.has(object.group);
}

type ProbeName = 'readinessProbe' | 'startupProbe';

function probeTiming(
  container: Parameters<typeof effectiveProbe>[1],
  which: ProbeName,
  ref: DocRef,
  refusals: Refusals,
): ProbeTiming | undefined {
  const node = probeNode(container, which, ref);
  const probe = effectiveProbe(node, container, ref);
  if (!probe) return undefined;
  const owner = `container "${container.name ?? container.index + 1}"`;
  const field = (key: keyof ProbeTiming) => refusals.whole(node, key, ref, `${which}.${key} of ${owner}`);
  // A 0 means "not set" to the API server's defaulting (effectiveProbe applies the defaults).
  return {
    initialDelaySeconds: field('initialDelaySeconds') ?? probe.initialDelaySeconds,
    periodSeconds: Math.max(1, field('periodSeconds') || probe.periodSeconds),
    successThreshold: Math.max(1, field('successThreshold') || probe.successThreshold),
    failureThreshold: Math.max(1, field('failureThreshold') || probe.failureThreshold),
  };
}

/** spec.replicas and the autoscaler's maxReplicas: refused when a number out of range (text is a template placeholder). */
function refuseBadReplicas(object: K8sObject, count: ReturnType<typeof replicaCount>, refusals: Refusals): void {
  const spec = getMap(object.node, 'spec', object.ref);
  const raw = getScalar(spec, 'replicas', object.ref);
  // Anything but a template placeholder is judged (a quoted number too: the API server rejects it).
  if (raw !== undefined && raw !== null && (typeof raw !== 'string' || !isPlaceholder(raw))) {
    refusals.whole(spec, 'replicas', object.ref, 'spec.replicas');
  }
  const max = count.autoscaler?.maxReplicas;
  if (max !== undefined) {
    refusals.check(max, `maxReplicas of HorizontalPodAutoscaler${count.autoscaler?.name ? ` "${count.autoscaler.name}"` : ''}`);
  }
}

/** terminationGracePeriodSeconds: int64 for the API server, but beyond int32 seconds (68 years) nothing is worth drawing. */
function gracePeriodSeconds(podSpec: unknown, ref: DocRef, refusals: Refusals): number {
  const seconds = refusals.whole(podSpec, 'terminationGracePeriodSeconds', ref, 'terminationGracePeriodSeconds', 0, MAX_INT32, MODEL_LIMIT);
  return seconds ?? gracePeriod(podSpec, ref).seconds;
}

/**
 * What the readiness and the shutdown of one container of a workload's pods depend on; values the simulation
 * does not take go to `refusals`.
 */
export function containerTiming(workload: Workload, container: Container, project: Project, refusals = new Refusals()): ContainerTiming {
  const { ref } = workload.object;
  const preStop = readPreStop(container, ref);
  const label = `container "${container.name ?? container.index + 1}"`;
  const sleep = getMap(getMap(getMap(container.node, 'lifecycle', ref), 'preStop', ref), 'sleep', ref);
  if (sleep) refusals.whole(sleep, 'seconds', ref, `lifecycle.preStop.sleep.seconds of ${label}`, 0, MAX_INT32, MODEL_LIMIT);
  else if (preStop.wait) refusals.check(preStop.wait.seconds, `the preStop sleep of ${label}`, 0, MAX_INT32, MODEL_LIMIT);
  return {
    name: container.name,
    serving: servingReason(workload, container, project).serving,
    readiness: probeTiming(container, 'readinessProbe', ref, refusals),
    startup: probeTiming(container, 'startupProbe', ref, refusals),
    hasPreStop: preStop.pair !== undefined,
    preStopSeconds: preStop.wait?.seconds,
  };
}

/** The Envoy sidecar's end, read with the same detection as the envoy-drain-too-short rule. */
function sidecarTiming(workload: Workload, project: Project, notes: string[]): SidecarTiming | undefined {
  const sidecar = istioSidecar(workload, project);
  if (!sidecar) return undefined;
  const outlives = sidecar.native
    ? 'it runs as a native sidecar'
    : sidecar.config.exitOnZeroActiveConnections
      ? 'it exits only when no connection is active (EXIT_ON_ZERO_ACTIVE_CONNECTIONS)'
      : sidecar.proxyWaits
        ? 'its istio-proxy container has a preStop hook of its own'
        : undefined;
  if (outlives) {
    notes.push(`Istio sidecar (${sidecar.because}): Envoy outlives the app, since ${outlives}.`);
    return { because: sidecar.because, outlives };
  }
  const written = sidecar.config.drainText !== undefined;
  const killedAfter = written ? sidecar.config.drainSeconds : DEFAULT_DRAIN_SECONDS;
  if (killedAfter === undefined || sidecar.config.unreadable) {
    notes.push(`Istio sidecar (${sidecar.because}): its terminationDrainDuration cannot be read, so when Envoy exits is not modelled.`);
    return { because: sidecar.because };
  }
  notes.push(
    `Istio sidecar (${sidecar.because}): Envoy is killed ${killedAfter}s after a pod's deletion (terminationDrainDuration${written ? '' : ', the default'}).`,
  );
  return { because: sidecar.because, killedAfter };
}

/** The rollout inputs of a Deployment or StatefulSet; undefined for any other object. */
export function readRolloutInputs(object: K8sObject, project: Project = emptyProject()): RolloutInputs | undefined {
  if (!isRolloutKind(object)) return undefined;
  const { ref } = object;
  const spec = getMap(object.node, 'spec', ref);
  const notes: string[] = [];
  const refusals = new Refusals();
  const count = replicaCount(object, project);
  refuseBadReplicas(object, count, refusals);
  let replicasSource: string | undefined;
  if (count.autoscaler && maxReplicasOf(count.autoscaler) !== undefined) {
    replicasSource = `${describeAutoscaler(count.autoscaler)} ${maxField(count.autoscaler)}`;
    notes.push(
      `Replicas: ${count.replicas}, the ${maxField(count.autoscaler)} of ${describeAutoscaler(count.autoscaler)} (the worst case; the live count may be lower).`,
    );
  } else if (!count.known) {
    notes.push('spec.replicas is not a number (a template?): modelled as 1.');
  } else if (count.declared === undefined) {
    notes.push('spec.replicas is not set: it defaults to 1.');
  }
  const replicas = Math.max(0, count.known ? count.replicas : 1);

  const minReadySeconds = refusals.whole(spec, 'minReadySeconds', ref, 'spec.minReadySeconds') ?? 0;
  let strategy: RolloutStrategy = 'RollingUpdate';
  let maxSurge: number | undefined;
  let maxUnavailable: number | undefined;
  let maxSurgeText: string | undefined;
  let maxUnavailableText: string | undefined;
  let partition: number | undefined;
  if (object.kind === 'Deployment') {
    const settings = readRollingUpdate(object);
    const rollingUpdate = getMap(getMap(spec, 'strategy', ref), 'rollingUpdate', ref);
    refuseBadIntOrPercent(refusals, rollingUpdate, 'maxSurge', ref, 'spec.strategy.rollingUpdate.maxSurge', MAX_INT32);
    refuseBadIntOrPercent(refusals, rollingUpdate, 'maxUnavailable', ref, 'spec.strategy.rollingUpdate.maxUnavailable', 100);
    if (settings.strategyType === 'Recreate') {
      strategy = 'Recreate';
    } else {
      if (settings.strategyType !== undefined && settings.strategyType !== 'RollingUpdate') {
        notes.push(`strategy.type "${settings.strategyType}" is not a Deployment strategy: modelled as RollingUpdate.`);
      }
      if (!settings.understood) {
        notes.push('maxSurge or maxUnavailable is not a number or percentage (a template?): modelled with the API defaults.');
      }
      const fence = resolveFenceposts(settings.maxSurge, settings.maxUnavailable, replicas);
      maxSurge = fence.surge;
      // The controller never counts more unavailable pods than there are replicas.
      maxUnavailable = Math.min(fence.unavailable, replicas);
      maxSurgeText = formatIntOrPercent(settings.maxSurge);
      maxUnavailableText = formatIntOrPercent(settings.maxUnavailable);
      if (
        settings.maxSurge.value === 0 &&
        settings.maxUnavailable.value === 0 &&
        settings.maxSurgeExplicit &&
        settings.maxUnavailableExplicit
      ) {
        notes.push(
          'maxSurge and maxUnavailable are both 0: the API server rejects this Deployment (rolling-update-invalid). Modelled as maxUnavailable 1.',
        );
      } else if (fence.forcedUnavailable) {
        notes.push('maxSurge and maxUnavailable both resolve to 0 at this replica count, so the controller uses maxUnavailable 1.');
      }
    }
  } else {
    const updateStrategy = getMap(spec, 'updateStrategy', ref);
    const type = getString(updateStrategy, 'type', ref);
    if (type === 'OnDelete') {
      strategy = 'OnDelete';
      notes.push(
        'updateStrategy OnDelete: the controller replaces a pod only when you delete it, so a template change rolls nothing by itself.',
      );
    } else {
      const rollingUpdate = getMap(updateStrategy, 'rollingUpdate', ref);
      partition = refusals.whole(rollingUpdate, 'partition', ref, 'spec.updateStrategy.rollingUpdate.partition') ?? 0;
      if (partition > 0) {
        notes.push(`partition ${partition}: pods with an ordinal below ${partition} keep the old template.`);
      }
      if (getScalar(rollingUpdate, 'maxUnavailable', ref) !== undefined) {
        notes.push(
          'rollingUpdate.maxUnavailable on a StatefulSet needs the MaxUnavailableStatefulSet feature gate: modelled as one pod at a time.',
        );
      }
    }
  }

  const workload = asWorkload(object);
  const sidecar = workload ? sidecarTiming(workload, project, notes) : undefined;
  const containers: ContainerTiming[] = [];
  // The proxy is modelled on its own (sidecar), not as one of the app's serving containers.
  for (const container of (workload?.containers ?? []).filter((c) => !sidecar || c.name !== ISTIO_PROXY)) {
    const preStop = readPreStop(container, ref);
    containers.push(containerTiming(workload!, container, project, refusals));
    if (preStop.pair && !preStop.wait) {
      notes.push(
        `Container "${container.name ?? container.index + 1}": the preStop hook's duration cannot be read (httpGet, or a script without sleep): modelled as 0s.`,
      );
    } else if (preStop.wait?.atLeast) {
      notes.push(
        `Container "${container.name ?? container.index + 1}": the preStop script also loops or waits, so it may take longer than the ${preStop.wait.seconds}s modelled.`,
      );
    }
  }
  if (workload?.isFragment) {
    notes.push('A partial object (a patch, or containers without image): the timeline shows only what it says.');
  }
  if (containers.length === 0) {
    notes.push('No containers found: modelled as one container without probes or preStop.');
    containers.push({ serving: true, hasPreStop: false });
  }
  return {
    kind: object.kind,
    name: object.name,
    namespace: object.namespace,
    docIndex: object.docIndex,
    strategy,
    replicas,
    replicasSource,
    maxSurge,
    maxUnavailable,
    maxSurgeText,
    maxUnavailableText,
    partition,
    minReadySeconds,
    terminationGracePeriodSeconds: gracePeriodSeconds(workload?.podSpec, ref, refusals),
    containers,
    ...(sidecar ? { sidecar } : {}),
    notes,
    refused: refusals.list.length > 0 ? refusals.list : undefined,
  };
}

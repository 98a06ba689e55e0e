// What the simulation reads from a Deployment or StatefulSet: the rollout settings (resolved the way the
// controllers resolve them, with the engine's own readers) and the pod template's timing (probes, preStop,
// grace period). Plain numbers out, so the simulation itself never touches YAML.
import { asWorkload, type K8sObject, type Workload } from '../k8s/objects';
import { DEFAULT_DRAIN_SECONDS, ISTIO_PROXY, istioSidecar } from '../k8s/istio';
import { gracePeriod, readPreStop } from '../k8s/lifecycle';
import { effectiveProbe, probeNode } from '../k8s/probes';
import { formatIntOrPercent, readRollingUpdate, replicaCount, resolveFenceposts } from '../k8s/rollout';
import { emptyProject, type Project } from '../facts/project';
import { describeAutoscaler, maxField, maxReplicasOf } from '../k8s/autoscaling';
import { servingReason } from '../k8s/serving';
import { getInt, getMap, getString } from '../model/yamlAccess';
import type { RolloutStrategy } from './types';

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

export interface RolloutInputs {
  kind: 'Deployment' | 'StatefulSet';
  name?: string;
  namespace?: string;
  docIndex: number;
  strategy: RolloutStrategy;
  replicas: number;
  replicasSource?: string;
  /** Deployment RollingUpdate only. */
  maxSurge?: number;
  maxUnavailable?: number;
  maxSurgeText?: string;
  maxUnavailableText?: string;
  partition?: number;
  minReadySeconds: number;
  terminationGracePeriodSeconds: number;
  containers: ContainerTiming[];
  /** The pods' Istio sidecar, when the project shows one (k8s/istio.ts). */
  sidecar?: SidecarTiming;
  notes: string[];
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

function probeTiming(node: unknown, container: Parameters<typeof effectiveProbe>[1], object: K8sObject): ProbeTiming | undefined {
  const probe = effectiveProbe(node, container, object.ref);
  if (!probe) return undefined;
  return {
    initialDelaySeconds: Math.max(0, probe.initialDelaySeconds),
    // The API rejects periods below 1; keep the model finite whatever the text says.
    periodSeconds: Math.max(1, probe.periodSeconds),
    successThreshold: Math.max(1, probe.successThreshold),
    failureThreshold: Math.max(1, probe.failureThreshold),
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
  const count = replicaCount(object, project);
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

  const minReadySeconds = Math.max(0, getInt(spec, 'minReadySeconds', ref) ?? 0);
  let strategy: RolloutStrategy = 'RollingUpdate';
  let maxSurge: number | undefined;
  let maxUnavailable: number | undefined;
  let maxSurgeText: string | undefined;
  let maxUnavailableText: string | undefined;
  let partition: number | undefined;
  if (object.kind === 'Deployment') {
    const settings = readRollingUpdate(object);
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
      partition = Math.max(0, getInt(getMap(updateStrategy, 'rollingUpdate', ref), 'partition', ref) ?? 0);
      if (partition > 0) {
        notes.push(`partition ${partition}: pods with an ordinal below ${partition} keep the old template.`);
      }
      if (
        getMap(updateStrategy, 'rollingUpdate', ref) &&
        getInt(getMap(updateStrategy, 'rollingUpdate', ref), 'maxUnavailable', ref) !== undefined
      ) {
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
    containers.push({
      name: container.name,
      serving: workload ? servingReason(workload, container, project).serving : true,
      readiness: probeTiming(probeNode(container, 'readinessProbe', ref), container, object),
      startup: probeTiming(probeNode(container, 'startupProbe', ref), container, object),
      hasPreStop: preStop.pair !== undefined,
      preStopSeconds: preStop.wait?.seconds,
    });
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
    terminationGracePeriodSeconds: Math.max(0, gracePeriod(workload?.podSpec, ref).seconds),
    containers,
    ...(sidecar ? { sidecar } : {}),
    notes,
  };
}

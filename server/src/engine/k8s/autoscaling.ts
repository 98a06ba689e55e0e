// Autoscalers as the rules see them: a HorizontalPodAutoscaler or a KEDA ScaledObject (which drives an HPA of
// its own), with each kind's defaults and field names. KEDA: minReplicaCount defaults to 0 (scale to zero) and
// maxReplicaCount to 100; an HPA's minReplicas defaults to 1 and its maxReplicas is required.
import type { AutoscalerFact } from '../facts/types';
import type { K8sObject } from './objects';

export const KEDA_MAX_REPLICA_COUNT_DEFAULT = 100;

export function isKedaScaledObject(object: K8sObject): boolean {
  return object.kind === 'ScaledObject' && object.group === 'keda.sh';
}

export function isKeda(fact: AutoscalerFact): boolean {
  return fact.kind === 'ScaledObject';
}

/** "HorizontalPodAutoscaler "web"", "KEDA ScaledObject "web"". */
export function describeAutoscaler(fact: AutoscalerFact): string {
  const kind = isKeda(fact) ? 'KEDA ScaledObject' : 'HorizontalPodAutoscaler';
  return fact.name ? `${kind} "${fact.name}"` : kind;
}

/** The field holding the lowest count: minReplicas, or KEDA's minReplicaCount. */
export function minField(fact: AutoscalerFact): string {
  return isKeda(fact) ? 'minReplicaCount' : 'minReplicas';
}

export function maxField(fact: AutoscalerFact): string {
  return isKeda(fact) ? 'maxReplicaCount' : 'maxReplicas';
}

/** The lowest replica count the autoscaler sets (0 for a KEDA ScaledObject that scales to zero). */
export function minReplicasOf(fact: AutoscalerFact): number {
  return fact.minReplicas ?? (isKeda(fact) ? 0 : 1);
}

/** The fewest pods while the workload runs at all: KEDA's 0 means idle, and it runs at least one pod when active. */
export function lowestRunningReplicas(fact: AutoscalerFact): number {
  return Math.max(1, minReplicasOf(fact));
}

/** The highest count; undefined when an HPA's maxReplicas cannot be read (a template placeholder). */
export function maxReplicasOf(fact: AutoscalerFact): number | undefined {
  return fact.maxReplicas ?? (isKeda(fact) ? KEDA_MAX_REPLICA_COUNT_DEFAULT : undefined);
}

/** Workload kinds with `spec.replicas`, which an autoscaler can scale (its scale subresource). */
export function isScalableWorkload(object: K8sObject): boolean {
  const { kind, group } = object;
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(kind)) return group === 'apps' || group === 'extensions';
  if (kind === 'ReplicationController') return group === '';
  return kind === 'Rollout' && group === 'argoproj.io';
}

/** The kinds an autoscaler's scaleTargetRef may name that the facts know as workloads. */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

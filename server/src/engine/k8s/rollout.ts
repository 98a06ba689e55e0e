// Rolling-update arithmetic, done the way the Deployment controller does it
// (pkg/controller/deployment/util: ResolveFenceposts): percentages of spec.replicas, maxSurge rounded up,
// maxUnavailable rounded down, and if both come out 0, maxUnavailable becomes 1.
import type { Pair } from 'yaml';
import type { Project } from '../facts/project';
import type { AutoscalerFact } from '../facts/types';
import { getInt, getMap, getPair, getScalar, getString, MAX_INT32, type DocRef, type ScalarValue } from '../model/yamlAccess';
import type { K8sObject } from './objects';
import { maxReplicasOf } from './autoscaling';

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

/**
 * An int-or-percent field as the API server takes it: a whole number (0..int32), or a string of a whole number and
 * `%` (at most `maxPercent`). A quoted number ("1") is a string that is no percentage: the API server rejects it,
 * and so is anything else here (undefined, like a template placeholder).
 */
export function parseIntOrPercent(value: ScalarValue | undefined, maxPercent = Infinity): IntOrPercent | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= MAX_INT32 ? { kind: 'int', value } : undefined;
  }
  if (typeof value === 'string') {
    const percent = /^(\d+)%$/.exec(value.trim());
    if (percent && Number(percent[1]) <= maxPercent) {
      return { kind: 'percent', value: Number(percent[1]) };
    }
  }
  return undefined;
}

export function resolveAgainst(value: IntOrPercent, replicas: number, roundUp: boolean): number {
  if (value.kind === 'int') {
    return value.value;
  }
  const exact = (value.value * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function formatIntOrPercent(value: IntOrPercent): string {
  return value.kind === 'percent' ? `${value.value}%` : String(value.value);
}

export interface RollingUpdateSettings {
  strategyPair?: Pair;
  strategyType?: string;
  typePair?: Pair;
  rollingUpdatePair?: Pair;
  maxUnavailablePair?: Pair;
  maxSurgePair?: Pair;
  /** As written, or the API default for the Deployment's group when unset. */
  maxUnavailable: IntOrPercent;
  maxSurge: IntOrPercent;
  maxUnavailableExplicit: boolean;
  maxSurgeExplicit: boolean;
  /** False when a value is present but not an int or percentage (e.g. a template placeholder). */
  understood: boolean;
}

/** extensions/v1beta1 defaulted both to 1; apps/* to 25%. */
export function defaultsFor(object: K8sObject): { maxUnavailable: IntOrPercent; maxSurge: IntOrPercent } {
  return object.group === 'extensions'
    ? { maxUnavailable: { kind: 'int', value: 1 }, maxSurge: { kind: 'int', value: 1 } }
    : { maxUnavailable: { kind: 'percent', value: 25 }, maxSurge: { kind: 'percent', value: 25 } };
}

export function readRollingUpdate(object: K8sObject): RollingUpdateSettings {
  const { ref } = object;
  const spec = getMap(object.node, 'spec', ref);
  const strategyPair = getPair(spec, 'strategy', ref);
  const strategy = getMap(spec, 'strategy', ref);
  const typePair = getPair(strategy, 'type', ref);
  const strategyType = getString(strategy, 'type', ref);
  const rollingUpdatePair = getPair(strategy, 'rollingUpdate', ref);
  const rollingUpdate = getMap(strategy, 'rollingUpdate', ref);
  const maxUnavailablePair = getPair(rollingUpdate, 'maxUnavailable', ref);
  const maxSurgePair = getPair(rollingUpdate, 'maxSurge', ref);
  const defaults = defaultsFor(object);
  const rawUnavailable = getScalar(rollingUpdate, 'maxUnavailable', ref);
  const rawSurge = getScalar(rollingUpdate, 'maxSurge', ref);
  // maxUnavailable may not be above 100%; maxSurge may.
  const maxUnavailable = maxUnavailablePair ? parseIntOrPercent(rawUnavailable, 100) : defaults.maxUnavailable;
  const maxSurge = maxSurgePair ? parseIntOrPercent(rawSurge) : defaults.maxSurge;
  return {
    strategyPair,
    strategyType,
    typePair,
    rollingUpdatePair,
    maxUnavailablePair,
    maxSurgePair,
    maxUnavailable: maxUnavailable ?? defaults.maxUnavailable,
    maxSurge: maxSurge ?? defaults.maxSurge,
    maxUnavailableExplicit: maxUnavailablePair !== undefined,
    maxSurgeExplicit: maxSurgePair !== undefined,
    understood: maxUnavailable !== undefined && maxSurge !== undefined,
  };
}

export interface Fenceposts {
  surge: number;
  unavailable: number;
  /** True when both resolved to 0 and the controller forced maxUnavailable to 1. */
  forcedUnavailable: boolean;
}

export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): Fenceposts {
  const surge = resolveAgainst(maxSurge, replicas, true);
  const unavailable = resolveAgainst(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) {
    return { surge, unavailable: 1, forcedUnavailable: true };
  }
  return { surge, unavailable, forcedUnavailable: false };
}

export interface ReplicaCount {
  /** The count the arithmetic uses. */
  replicas: number;
  /** spec.replicas as written, when it is an integer. */
  declared?: number;
  /** Set when an HPA in the same file scales this workload. */
  autoscaler?: AutoscalerFact;
  /** False when spec.replicas is present but not a number (a template placeholder). */
  known: boolean;
}

/** spec.replicas (default 1); when an autoscaler (HPA, KEDA ScaledObject) scales the workload, its largest count is the worst case. */
export function replicaCount(object: K8sObject, project: Project): ReplicaCount {
  const ref: DocRef = object.ref;
  const spec = getMap(object.node, 'spec', ref);
  const replicasPair = getPair(spec, 'replicas', ref);
  const declared = getInt(spec, 'replicas', ref);
  const autoscaler = project.autoscalerOf(object);
  const known = !replicasPair || declared !== undefined;
  const most = autoscaler && maxReplicasOf(autoscaler);
  if (most !== undefined) {
    return { replicas: most, declared, autoscaler, known: true };
  }
  return { replicas: declared ?? 1, declared, autoscaler, known };
}

// Where the scheduler may put a workload's replicas: whether its pod template asks for them to be kept apart.
import { get, getMap, getPair, getSeq, getString, seqItems, type DocRef } from '../model/yamlAccess';

/** Topology keys that put replicas on different failure domains: nodes, zones (and the zone label's old name). */
const SPREAD_KEYS = new Set(['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);

/** Does the pod spec spread its replicas: any topologySpreadConstraints, or pod anti-affinity on a node or zone key? */
export function spreadsReplicas(podSpec: unknown, ref: DocRef): boolean {
  if (getPair(podSpec, 'topologySpreadConstraints', ref)) return true;
  const antiAffinityPair = getPair(getMap(podSpec, 'affinity', ref), 'podAntiAffinity', ref);
  if (!antiAffinityPair) return false;
  const antiAffinity = getMap(getMap(podSpec, 'affinity', ref), 'podAntiAffinity', ref);
  if (!antiAffinity) return true; // written but not readable here (a template): no false alarm
  const required = seqItems(getSeq(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution', ref), ref);
  const preferred = seqItems(getSeq(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution', ref), ref).map((term) =>
    get(term, 'podAffinityTerm', ref),
  );
  return [...required, ...preferred].some((term) => SPREAD_KEYS.has(getString(term, 'topologyKey', ref)?.trim() ?? ''));
}

// Words and numbers shared by the rules about disruption budgets and autoscalers: how a fact from another file
// is pointed at, how the scope of the facts is said, how a PDB's budget is read.
import { parseIntOrPercent } from './rollout';
import { lowestRunningReplicas } from './autoscaling';
import type { Project, Scope } from '../facts/project';
import type { AutoscalerFact, FactOrigin, PdbFact, WorkloadFact } from '../facts/types';
import type { RelatedLocation } from '../types';

/** A related location for a fact from another file (facts of the linted text have no origin: nothing to add). */
export function relatedTo(origin: FactOrigin | undefined, message: string): RelatedLocation[] {
  return origin ? [{ file: origin.file, start: origin.start, end: origin.end, message }] : [];
}

export function describeFact(fact: { kind?: string; name?: string }, kind = fact.kind ?? 'object'): string {
  return fact.name ? `${kind} "${fact.name}"` : kind;
}

/** Where the facts came from, for messages: "this file", "the files checked", "the workspace folder", "the build". */
export function scopePhrase(scope: Scope | undefined): string {
  if (scope?.build) return 'in the build';
  if (scope?.complete) return 'in the folder';
  if (scope?.crossFile) return 'in the files checked';
  return 'in this file';
}

/** Said when only the file itself was seen and an object elsewhere would change the verdict. */
export function fileAloneNote(scope: Scope | undefined, what: string): string {
  return scope?.crossFile
    ? ''
    : ` (only this file was checked: ${what} in other files count when the folder is open as a workspace, or when the CLI is given the other files too)`;
}

/** Int or percent as written in a PDB (`2`, `"50%"`); undefined when not valid (`"2"`, `150%`, `-1`) or not understood. */
export function budgetValue(value: number | string | undefined): { kind: 'int' | 'percent'; value: number } | undefined {
  // As the API server takes it: a whole number, or a whole percentage up to 100% (a quoted number is rejected).
  return parseIntOrPercent(value, 100);
}

/**
 * The pods of a workload a PodDisruptionBudget counts on: when an autoscaler (HPA, KEDA ScaledObject) scales it,
 * its minimum (it may shrink the workload to that; at least one pod when a ScaledObject runs at all); otherwise the
 * replicas a patch of it beside the budget sets (its Kustomize overlay), or spec.replicas (default 1; a Pod is one);
 * undefined when the count is written but cannot be read.
 */
export function protectedPods(
  workload: WorkloadFact,
  project: Project,
): { count: number | undefined; autoscaler?: AutoscalerFact; patch?: WorkloadFact } {
  const autoscaler = project.autoscalerOf(workload);
  if (autoscaler) return { count: autoscaler.minUnknown ? undefined : lowestRunningReplicas(autoscaler), autoscaler };
  if (workload.kind === 'Pod') return { count: 1 };
  const patch = workload.fragment ? undefined : project.replicaPatchesNear(workload)[0];
  if (patch) return { count: patch.replicas ?? 1, patch };
  // Written but not a count (a placeholder, a value the API server rejects): unknown, never the default.
  return { count: workload.replicasUnknown ? undefined : (workload.replicas ?? 1) };
}

/**
 * How many of `pods` the budget lets go at a time, as the disruption controller computes it (percentages of the
 * expected pods, rounded up, for both fields); undefined when the budget's value cannot be read.
 */
export function allowedDisruptions(
  pdb: Pick<PdbFact, 'minAvailable' | 'maxUnavailable'>,
  pods: number,
): { allowed: number; field: 'minAvailable' | 'maxUnavailable'; resolved: number } | undefined {
  const scaled = (value: { kind: 'int' | 'percent'; value: number }) =>
    value.kind === 'percent' ? Math.ceil((value.value * pods) / 100) : value.value;
  if (pdb.maxUnavailable !== undefined) {
    const value = budgetValue(pdb.maxUnavailable);
    if (!value) return undefined;
    const resolved = scaled(value);
    return { allowed: Math.min(resolved, pods), field: 'maxUnavailable', resolved };
  }
  if (pdb.minAvailable !== undefined) {
    const value = budgetValue(pdb.minAvailable);
    if (!value) return undefined;
    const resolved = scaled(value);
    return { allowed: Math.max(0, pods - resolved), field: 'minAvailable', resolved };
  }
  // Neither set: no number to compute from.
  return undefined;
}

// Words and numbers shared by the rules about disruption budgets and autoscalers: how a fact from another file
// is pointed at, how the scope of the facts is said, how a PDB's budget is read.
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

/** Int or percent as written in a PDB (`2`, `"50%"`); undefined when not understood. */
export function budgetValue(value: number | string | undefined): { kind: 'int' | 'percent'; value: number } | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'int', value };
  if (typeof value === 'string') {
    const percent = /^\s*(\d+)%\s*$/.exec(value);
    if (percent) return { kind: 'percent', value: Number(percent[1]) };
    if (/^\s*\d+\s*$/.test(value)) return { kind: 'int', value: Number(value) };
  }
  return undefined;
}

/**
 * The pods of a workload a PodDisruptionBudget counts on: when an autoscaler scales it, its minReplicas (it may
 * shrink the workload to that), otherwise spec.replicas (default 1; a Pod is one).
 */
export function protectedPods(workload: WorkloadFact, project: Project): { count: number; autoscaler?: AutoscalerFact } {
  const autoscaler = project.autoscalerOf(workload);
  if (autoscaler) return { count: autoscaler.minReplicas ?? 1, autoscaler };
  return { count: workload.kind === 'Pod' ? 1 : (workload.replicas ?? 1) };
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

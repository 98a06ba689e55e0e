// Applying suppressions to the findings of one chunk: a finding is silenced when a directive above its object
// or container (or the object's ignore annotation) names its rule or `all`. The findings' objects and containers
// are the very objects the directives were attached to (both come from the chunk's one derivation), so matching
// is by identity. What each directive silenced is returned: the unused-suppression rule judges the rest.
import type { Report } from '../catalog/rule';
import type { Finding } from '../types';
import {
  ALL_RULES,
  UNUSED_SUPPRESSION,
  type ChunkSuppressions,
  type ContainerTarget,
  type Directive,
  type IdRef,
  type ObjectTarget,
} from './directives';

export interface ReportedFinding {
  finding: Finding;
  report: Pick<Report, 'object' | 'container'>;
}

export interface SuppressionOutcome<T extends ReportedFinding> {
  kept: T[];
  suppressedCount: number;
  /** Per directive, the ids (rule ids or `all`) that silenced something. */
  used: Map<Directive, Set<string>>;
}

/** The ids of the directive that name this rule (itself and `all`). */
export function idsNaming(directive: Directive, ruleId: string): IdRef[] {
  return directive.ids.filter((ref) => ref.id === ruleId || ref.id === ALL_RULES);
}

/** Does the directive apply to this object or container? */
export function directiveCovers(directive: Directive, object: ObjectTarget | undefined, container: ContainerTarget | undefined): boolean {
  return (
    (container !== undefined && directive.containers.includes(container)) || (object !== undefined && directive.objects.includes(object))
  );
}

export function applySuppressions<T extends ReportedFinding>(reported: readonly T[], analysis: ChunkSuppressions): SuppressionOutcome<T> {
  const used = new Map<Directive, Set<string>>();
  if (analysis.directives.length === 0) return { kept: [...reported], suppressedCount: 0, used };
  const targets = targetIndex(analysis);
  const kept: T[] = [];
  let suppressedCount = 0;
  for (const item of reported) {
    const { finding, report } = item;
    const object = report.object ? targets.objects.get(report.object) : undefined;
    if (!object || finding.ruleId === UNUSED_SUPPRESSION) {
      kept.push(item);
      continue;
    }
    const container = report.container
      ? targets.containers.get(report.container)
      : object.containers.find((c) => c.container.name === undefined && c.range[0] <= finding.start && finding.start < c.range[1]);
    let silenced = false;
    for (const directive of analysis.directives) {
      if (!directiveCovers(directive, object, container)) continue;
      for (const ref of idsNaming(directive, finding.ruleId)) {
        let ids = used.get(directive);
        if (!ids) {
          ids = new Set();
          used.set(directive, ids);
        }
        ids.add(ref.id);
        silenced = true;
      }
    }
    if (silenced) suppressedCount++;
    else kept.push(item);
  }
  return { kept, suppressedCount, used };
}

function targetIndex(analysis: ChunkSuppressions): { objects: Map<unknown, ObjectTarget>; containers: Map<unknown, ContainerTarget> } {
  const objects = new Map<unknown, ObjectTarget>();
  const containers = new Map<unknown, ContainerTarget>();
  for (const doc of analysis.docs) {
    for (const object of doc?.objects ?? []) {
      objects.set(object.object, object);
      for (const container of object.containers) containers.set(container.container, container);
    }
  }
  return { objects, containers };
}

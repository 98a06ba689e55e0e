// The rule runner: the only place that builds a RuleContext. It runs rules over one YAML document of a chunk and
// hands each report back as a plain finding (offsets relative to the chunk) plus the way to compute its fixes.
// The linter runs every enabled rule through it; suppressions run a turned-off rule through it to learn whether
// a suppression of it is used; a fix asked for after the parse was released runs the finding's rule again.
import type { Rule, RuleContext, Report, SuppressionPhase } from '../catalog/rule';
import type { Project } from '../facts/project';
import type { ChunkDocument } from '../model/yamlChunk';
import { SEVERITY_ORDER, type FixDefaults, type Finding, type Fix, type InternalError, type RuleOptions, type Severity } from '../types';

/** How to compute a finding's fixes later, in the project as it is then (the thunk holds YAML nodes: it lives as long as the parse). */
export type FixesThunk = (project: Project) => Fix[];

export interface RunInputs {
  project: Project;
  fixDefaults: FixDefaults;
  ruleOptions: RuleOptions;
  /** Only for rules of the suppression phase (unused-suppression). */
  suppressions?: SuppressionPhase;
}

export interface RuleRun {
  rule: Rule;
  /** The severity findings get (a report may lower it, never raise it). */
  severity: Severity;
}

export interface Reported {
  finding: Finding;
  /** The report as the rule made it (object and container: what suppressions match). */
  report: Report;
  fixes: FixesThunk;
}

/** Runs the rules over one document; a rule that throws is recorded in `internalErrors`, the others still run. */
export function runRules(
  document: ChunkDocument,
  runs: readonly RuleRun[],
  inputs: RunInputs,
  onReport: (reported: Reported) => void,
  internalErrors: InternalError[],
): void {
  const { objects, workloads } = document;
  if (objects.length === 0 && !inputs.suppressions) return;
  for (const { rule, severity } of runs) {
    const report = (r: Report): void => {
      const fixes = r.fixes;
      onReport({
        finding: {
          ruleId: rule.meta.id,
          severity: r.severity && SEVERITY_ORDER[r.severity] < SEVERITY_ORDER[severity] ? r.severity : severity,
          message: r.message,
          start: r.range[0],
          end: r.range[1],
          docIndex: document.index,
          ...(r.object?.kind !== undefined ? { kind: r.object.kind } : {}),
          ...(r.object?.name !== undefined ? { name: r.object.name } : {}),
          ...(r.object?.namespace !== undefined ? { namespace: r.object.namespace } : {}),
          ...(r.container?.name !== undefined ? { container: r.container.name } : {}),
          ...(r.related?.length ? { related: r.related } : {}),
        },
        report: r,
        fixes: typeof fixes === 'function' ? fixes : () => fixes ?? [],
      });
    };
    const context: RuleContext = {
      objects,
      workloads,
      report,
      project: inputs.project,
      scope: inputs.project.scope,
      fixDefaults: inputs.fixDefaults,
      ruleOptions: inputs.ruleOptions,
      ...(inputs.suppressions ? { suppressions: inputs.suppressions } : {}),
    };
    try {
      rule.check(context);
    } catch (error) {
      // A rule bug must not take the other rules (or the server) down with it; the document is still judged by the rest.
      internalErrors.push({
        ruleId: rule.meta.id,
        docIndex: document.index,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

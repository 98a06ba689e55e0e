// Checking one chunk, in three phases: every enabled rule over each YAML document; the chunk's suppressions
// applied to what they reported; then unused-suppression, the rule of the suppression phase, judging the
// suppressions themselves. Every phase goes through the one rule runner (run/runner.ts). The project is
// recorded: what the chunk's findings depend on outside the chunk comes back as `dependencies`.
import type { Rule, SuppressionPhase } from '../catalog/rule';
import { RecordingProject, type Dependencies, type Project } from '../facts/project';
import type { K8sObject } from '../k8s/objects';
import type { ChunkDocument, YamlChunk } from '../model/yamlChunk';
import { applySuppressions } from '../suppression/apply';
import { hasSuppressionText, suppressionsOf, type Directive } from '../suppression/directives';
import type { Finding, FixDefaults, InternalError, RuleOptions } from '../types';
import { runRules, type FixesThunk, type Reported, type RuleRun, type RunInputs } from './runner';

export interface CheckInputs {
  /** Enabled rules of the first phase. */
  runs: readonly RuleRun[];
  /** unused-suppression with its severity, when it is on. */
  unused?: RuleRun;
  /** Every rule (a suppression of a rule turned off here is judged by running that rule). */
  rule(id: string): Rule | undefined;
  isOff(ruleId: string): boolean;
  suppressible: ReadonlySet<string>;
  fixDefaults: FixDefaults;
  ruleOptions: RuleOptions;
  /** The file is listed as a Kustomize patch: its objects are fragments. */
  patchFile: boolean;
}

export interface ChunkCheck {
  /** Offsets relative to the chunk, document indexes relative to it; suppressions applied; sorted. */
  findings: Finding[];
  internalErrors: InternalError[];
  suppressedCount: number;
  dependencies: Dependencies;
  /** How to compute each finding's fixes, by `findingKey`. */
  fixes: Map<string, FixesThunk>;
}

/** What identifies a finding within its chunk, to find its fixes again later (relative offsets). */
export function findingKey(finding: Pick<Finding, 'ruleId' | 'docIndex' | 'start' | 'end' | 'message'>): string {
  return `${finding.ruleId}|${finding.docIndex}|${finding.start}|${finding.end}|${finding.message}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId);
}

export function checkChunk(chunk: YamlChunk, inputs: CheckInputs, projectView: Project): ChunkCheck {
  const project = new RecordingProject(projectView);
  const internalErrors: InternalError[] = [];
  const fixes = new Map<string, FixesThunk>();
  if (chunk.helm) return { findings: [], internalErrors, suppressedCount: 0, dependencies: project.dependencies(), fixes };
  const run: RunInputs = { project, fixDefaults: inputs.fixDefaults, ruleOptions: inputs.ruleOptions };
  const documents = chunk.documents(inputs.patchFile);
  let reported: Reported[] = [];
  for (const document of documents) runRules(document, inputs.runs, run, (item) => reported.push(item), internalErrors);

  let suppressedCount = 0;
  if (hasSuppressionText(chunk.text)) {
    const analysis = suppressionsOf(chunk, inputs.patchFile);
    const outcome = applySuppressions(reported, analysis);
    reported = outcome.kept;
    suppressedCount = outcome.suppressedCount;
    if (inputs.unused && analysis.directives.length > 0) {
      const judge = new Judge(inputs, run, internalErrors);
      for (const document of documents) {
        const directives = analysis.directives.filter((directive) => directive.docInChunk === document.index);
        if (directives.length === 0) continue;
        const phase: SuppressionPhase = {
          directives,
          firstObject: analysis.docs[document.index]?.objects[0]?.object,
          usedIds: (directive) => outcome.used.get(directive),
          wouldReport: (ruleId, directive) => judge.wouldReport(ruleId, document, directive),
          isOff: inputs.isOff,
          suppressible: inputs.suppressible,
        };
        runRules(document, [inputs.unused], { ...run, suppressions: phase }, (item) => reported.push(item), internalErrors);
      }
    }
  }
  const findings = reported.map((item) => item.finding).sort(compareFindings);
  for (const item of reported) fixes.set(findingKey(item.finding), item.fixes);
  return { findings, internalErrors, suppressedCount, dependencies: project.dependencies(), fixes };
}

/** Runs rules that are turned off, only to learn whether a suppression of them is used. */
class Judge {
  private readonly reports = new Map<string, { object?: K8sObject; container?: unknown }[] | undefined>();

  constructor(
    private readonly inputs: CheckInputs,
    private readonly run: RunInputs,
    private readonly internalErrors: InternalError[],
  ) {}

  wouldReport(ruleId: string, document: ChunkDocument, directive: Directive): boolean | undefined {
    const key = `${document.index}:${ruleId}`;
    if (!this.reports.has(key)) this.reports.set(key, this.judge(ruleId, document));
    const reports = this.reports.get(key);
    if (!reports) return undefined;
    return reports.some(
      (report) =>
        directive.objects.some((o) => o.object === report.object) ||
        (report.container !== undefined && directive.containers.some((c) => c.container === report.container)),
    );
  }

  private judge(ruleId: string, document: ChunkDocument): { object?: K8sObject; container?: unknown }[] | undefined {
    const rule = this.inputs.rule(ruleId);
    if (!rule) return [];
    const reports: { object?: K8sObject; container?: unknown }[] = [];
    const errors: InternalError[] = [];
    runRules(document, [{ rule, severity: rule.meta.severity }], this.run, (item) => reports.push(item.report), errors);
    if (errors.length > 0) {
      this.internalErrors.push(...errors);
      return undefined;
    }
    return reports;
  }
}

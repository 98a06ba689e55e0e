// The shape of a rule: permanent id, metadata the docs are generated from, and a pure check.
import type { Container, K8sObject, Workload } from '../k8s/objects';
import type { OptionSpec } from '../config/options';
import type { Project, Scope } from '../facts/project';
import type { Directive } from '../suppression/directives';
import type { Fix, FixDefaults, RelatedLocation, RuleOptions, Severity } from '../types';

export interface RuleDocs {
  /** Markdown: what goes wrong during a rollout, and why. */
  why: string;
  /** Why the default severity is what it is. */
  severityReason: string;
  /** A manifest excerpt that triggers the rule. */
  bad: string;
  /** The same excerpt, fixed. */
  good: string;
  /** Markdown: how to fix it by hand (the quick fixes are listed from this too). */
  howToFix: string;
  /** What the rule deliberately does not flag. */
  notFlagged?: string;
}

export interface RuleMeta {
  /** Permanent kebab-case id: the diagnostic code, the file name, the fixture folder and the docs page. */
  id: string;
  title: string;
  severity: Severity;
  /** One or two sentences: what will go wrong. */
  rationale: string;
  /** Kinds the rule looks at, for the docs. */
  appliesTo: string;
  docs: RuleDocs;
  /** Options of the rule (config file `options:`, CLI --rule-option), with the VS Code setting each is. */
  options?: Record<string, OptionSpec & { setting: string }>;
}

export interface Report {
  /** The object the finding is about (absent only for a suppression comment outside any object). */
  object?: K8sObject;
  container?: Container;
  range: [number, number];
  message: string;
  /** Objects in other files the finding is about (only facts with an `origin` can be pointed at). */
  related?: RelatedLocation[];
  /** Lower than the rule's severity for findings that are deliberate choices (never raises it). */
  severity?: Severity;
  /**
   * The fixes, or a function computing them: the engine calls it only when a fix is asked for, with the project
   * as it is then (a fix that suggests other objects must take them from it: the check may be older than they are).
   */
  fixes?: Fix[] | ((project: Project) => Fix[]);
}

export interface RuleContext {
  /** Kubernetes objects of the document being checked. */
  objects: K8sObject[];
  /** The workloads among them (kinds with a pod template). */
  workloads: Workload[];
  report(report: Report): void;
  /** The other documents of the file and the other files of the project: asked through lookups the engine records. */
  project: Project;
  /** How much of the project the facts cover (the file alone, several files, a whole folder). */
  scope: Scope;
  /** Values fixes should write (probe paths, periods, preStop wait). */
  fixDefaults: FixDefaults;
  /** Options of individual rules; absent fields keep the rule's default behaviour. */
  ruleOptions: RuleOptions;
  /** Only for the rule of the suppression phase (unused-suppression): the document's suppressions and their use. */
  suppressions?: SuppressionPhase;
}

/** What the suppression phase knows about the suppressions of one document, after every other rule ran. */
export interface SuppressionPhase {
  /** The suppressions (comments and annotations) of the document. */
  directives: readonly Directive[];
  /** The document's first object: what a suppression outside any object is reported on. */
  firstObject?: K8sObject;
  /** The ids of a directive that silenced a finding. */
  usedIds(directive: Directive): ReadonlySet<string> | undefined;
  /** Would the rule, turned off in these settings, report on a target of the directive? undefined: it crashed. */
  wouldReport(ruleId: string, directive: Directive): boolean | undefined;
  isOff(ruleId: string): boolean;
  /** Ids a suppression may name (every rule but unused-suppression). */
  suppressible: ReadonlySet<string>;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

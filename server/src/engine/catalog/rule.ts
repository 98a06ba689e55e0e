// The shape of a rule: permanent id, metadata the docs are generated from, and a pure check.
import type { Container, K8sObject, Workload } from '../k8s/objects';
import type { Fix, FixDefaults, LintOptions, RelatedLocation, RuleOptions, Severity } from '../types';

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
}

/**
 * Facts about the whole file (and, in a workspace, about the other files) that cross-object rules need:
 * Services selecting pods, HPAs scaling workloads, PodDisruptionBudgets protecting them. Small plain data
 * only (no AST nodes): the facts are part of the findings cache key. Every member is a list (facts.ts merges
 * them generically). Facts from other files carry `origin`; facts from the linted text itself do not (their
 * offsets would move with every edit above them).
 */
export interface FileContext {
  services: ServiceFact[];
  autoscalers: AutoscalerFact[];
  pdbs: PdbFact[];
  workloads: WorkloadFact[];
  /** Documents whose objects could not be known (Helm templates, YAML errors): "no object does X" is then unknowable. */
  opaque: OpaqueFact[];
}

/** Where a fact comes from: another file (URI or path) and the offsets of its object's `kind` entry there. */
export interface FactOrigin {
  file: string;
  start: number;
  end: number;
}

export interface ServiceFact {
  name?: string;
  namespace?: string;
  selector: Record<string, string>;
  origin?: FactOrigin;
}

/** A resource an HPA scales on by utilization (percent of the request): every container of the target needs that request. */
export interface UtilizationMetric {
  resource: string;
  /** ContainerResource metrics name one container. */
  container?: string;
  /** Not written down: autoscaling/v1 and metric-less v2 HPAs default to 80% CPU. */
  implicit?: boolean;
}

export interface AutoscalerFact {
  name?: string;
  namespace?: string;
  targetKind?: string;
  targetName?: string;
  minReplicas?: number;
  maxReplicas?: number;
  utilization?: UtilizationMetric[];
  origin?: FactOrigin;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface PdbFact {
  name?: string;
  namespace?: string;
  /** Absent when the PDB has no selector (a patch) or one that cannot be read (a template placeholder). */
  selector?: LabelSelector;
  /** policy/v1beta1 PDBs with an empty selector select nothing; policy/v1 ones select every pod of the namespace. */
  emptySelectsAll: boolean;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  origin?: FactOrigin;
}

export interface WorkloadFact {
  kind: string;
  name?: string;
  namespace?: string;
  podLabels?: Record<string, string>;
  /** spec.replicas when written as an integer. */
  replicas?: number;
  /** A patch or partial object. */
  fragment: boolean;
  origin?: FactOrigin;
}

export interface OpaqueFact {
  reason: 'helm-template' | 'yaml-error';
  origin?: FactOrigin;
}

export interface Report {
  object: K8sObject;
  container?: Container;
  range: [number, number];
  message: string;
  /** Objects in other files the finding is about (only facts with an `origin` can be pointed at). */
  related?: RelatedLocation[];
  /** Lower than the rule's severity for findings that are deliberate choices (never raises it). */
  severity?: Severity;
  /** The fixes, or a function computing them: the engine calls it only when a fix is asked for. */
  fixes?: Fix[] | (() => Fix[]);
}

export interface RuleContext {
  file: FileContext;
  /** Kubernetes objects of the document being checked. */
  objects: K8sObject[];
  /** The workloads among them (kinds with a pod template). */
  workloads: Workload[];
  report(report: Report): void;
  /** Values fixes should write (probe paths, periods, preStop wait). */
  fixDefaults: FixDefaults;
  /** Options of individual rules; absent fields keep the rule's default behaviour. */
  ruleOptions?: RuleOptions;
  /** How much of the world `file` describes; absent: the linted text alone. */
  scope?: Scope;
}

/**
 * What the facts cover: the file alone, or the file plus other files (a workspace folder, the CLI's paths);
 * `complete` when every YAML file of the workspace folder was seen, so absence of an object may be concluded.
 */
export interface Scope {
  crossFile: boolean;
  complete: boolean;
}

/** The context fields that come from the lint options (the Linter spreads these into every RuleContext). */
export function optionContext(options: LintOptions): { ruleOptions: RuleOptions; scope: Scope } {
  return {
    ruleOptions: options.ruleOptions ?? {},
    scope: {
      crossFile: options.externalFacts !== undefined || options.workspaceComplete === true,
      complete: options.workspaceComplete === true,
    },
  };
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

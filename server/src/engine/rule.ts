// The shape of a rule: permanent id, metadata the docs are generated from, and a pure check.
import type { Container, K8sObject, Workload } from './k8s';
import type { Fix, FixDefaults, Severity } from './types';

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

/** Facts about the whole file that cross-object rules need (Services selecting pods, HPAs scaling workloads). */
export interface FileContext {
  services: ServiceFact[];
  autoscalers: AutoscalerFact[];
}

export interface ServiceFact {
  name?: string;
  namespace?: string;
  selector: Record<string, string>;
}

export interface AutoscalerFact {
  name?: string;
  namespace?: string;
  targetKind?: string;
  targetName?: string;
  minReplicas?: number;
  maxReplicas?: number;
}

export interface Report {
  object: K8sObject;
  container?: Container;
  range: [number, number];
  message: string;
  /** Lower than the rule's severity for findings that are deliberate choices (never raises it). */
  severity?: Severity;
  fixes?: Fix[];
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
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

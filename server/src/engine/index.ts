// The engine: text in, findings with offset ranges out. No editor, file system or process APIs here, so the
// language server, the CLI and the tests all run exactly the same analysis. This module is its public face.
//
//   model/       the file model (chunks, parses, incremental updates), origins of rendered text, the project model
//   k8s/         Kubernetes knowledge: objects, workloads, containers, probes, rollouts, autoscalers
//   facts/       cross-object facts, the project index, the recorded project view rules ask
//   run/         the rule runner, the per-chunk check (rules, suppressions, unused suppressions), the linter
//   suppression/ kzd-ignore comments and annotations: directives, application, Ignore fixes
//   fix/         fix builders, minimal YAML edits, fix-all selection
//   catalog/     the rule type, the registry, docs generated from metadata
//   config/      the options table, the project config file
//   rules/       one file per rule
//   simulation/  the rollout simulation and its SVG timeline
import { FileModel } from './model/fileModel';
import { ignoreFixes as ignoreFixesOf } from './suppression/ignore';
import { RULES } from './catalog/registry';
import { UNUSED_SUPPRESSION } from './suppression/directives';
import type { Finding, Fix } from './types';

export * from './types';
export { RULES, getRule, docsUrl, RULE_IDS } from './catalog/registry';
export type { Rule, RuleMeta } from './catalog/rule';
export { Linter, lintText, lintWithFixes, type LintResultWithFixes } from './run/linter';
export { FileModel, DEFAULT_MAX_TEXT_LENGTH, type TextChange, type DocumentSource } from './model/fileModel';
export { OriginMap } from './model/originMap';
export type { OriginSpan, RenderedText, SourceRange, ProjectFiles } from './model/origin';
export { ProjectIndex } from './facts/projectIndex';
export type { Project, Scope } from './facts/project';

/** "Ignore <rule> for this container/object" for a finding of `text` (a model of the text made for the purpose). */
export function ignoreFixes(text: string, finding: Finding): Fix[] {
  const model = new FileModel();
  model.setText(text);
  const placed = model.chunkAt(finding.start);
  const suppressible = new Set(RULES.map((rule) => rule.meta.id).filter((id) => id !== UNUSED_SUPPRESSION));
  return placed ? ignoreFixesOf(placed, finding, false, suppressible) : [];
}
export { explainAt, defaultHints } from './explain';
export type { DefaultHint, Explanation, ExplanationLine, HintMode, Place, TimelineTarget } from './explain';

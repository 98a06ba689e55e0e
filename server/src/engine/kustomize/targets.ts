// The rollout timeline and CodeLenses of a file a Kustomize root builds: its Deployments and StatefulSets as each
// root deploys them (the overlay's replicas and strategy, the build's HPA), placed on the object in the file.
import { rolloutTargetsOf, type RolloutTarget } from '../simulation/targets';
import type { KustomizeJudge } from './judge';
import { placeBuildFinding } from './placement';

export function builtRolloutTargets(judge: KustomizeJudge, file: string): RolloutTarget[] {
  const targets: RolloutTarget[] = [];
  for (const state of judge.rootsReading(file)) {
    const model = state.linter.model;
    if (model.source.kind !== 'rendered') continue;
    for (const target of rolloutTargetsOf(model, state.linter.project())) {
      const anchor = {
        ruleId: '',
        severity: 'info' as const,
        message: '',
        start: target.kindRange[0],
        end: target.kindRange[1],
        docIndex: target.docIndex,
      };
      const placement = placeBuildFinding(anchor, model, model.source.origins, judge.sources);
      if (!placement?.object || placement.at.file !== file || placement.object.file !== file) continue;
      const source = judge.sources.objectAt(file, placement.object.start);
      if (!source) continue;
      const range = source.object.node.range;
      targets.push({
        ...target,
        docIndex: judge.sources.docIndexAt(file, placement.at.start),
        name: source.object.name,
        kindRange: [placement.at.start, placement.at.end],
        range: [source.placed.start + (range?.[0] ?? 0), source.placed.start + (range?.[1] ?? 0)],
        root: state.label,
      });
    }
  }
  return targets;
}

// textDocument/codeLens: one lens above each Deployment and StatefulSet ("Rollout: 4 replicas, at most 1 down,
// +1 surge, 2 failure windows") whose command opens the rollout timeline panel in the client
// (kubeZeroDowntime.showRollout with uri, document index, kind and name). Patches and templated objects
// get none: their rollout cannot be known from the text.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { rolloutSummary, simulateTarget } from '../engine/simulation';
import { offsetsToRange, SHOW_ROLLOUT_COMMAND, type RolloutTargets } from './rolloutTimeline';

export class RolloutCodeLensProvider {
  constructor(private readonly targets: RolloutTargets) {}

  async provide(params: CodeLensParams): Promise<CodeLens[]> {
    const uri = params.textDocument.uri;
    const found = await this.targets.of(uri);
    if (!found) return [];
    const lenses: CodeLens[] = [];
    for (const target of found.targets) {
      if (!target.complete) continue;
      const range = offsetsToRange(found.document, target.kindRange);
      lenses.push({
        range: { start: range.start, end: range.start },
        command: {
          title: rolloutSummary(simulateTarget(target)),
          command: SHOW_ROLLOUT_COMMAND,
          arguments: [uri, target.docIndex, target.kind, target.name ?? null],
        },
      });
    }
    return lenses;
  }
}

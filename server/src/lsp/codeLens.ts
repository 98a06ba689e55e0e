// textDocument/codeLens: one lens above each Deployment and StatefulSet ("Rollout: 4 replicas, at most 1 down,
// +1 surge, 2 failure windows") whose command opens the rollout timeline panel in the client
// (kubeZeroDowntime.showRollout with uri, document index, kind and name). Patches and templated objects get
// none: their rollout cannot be known from the text. Lenses come without a command and are resolved one by
// one (codeLens/resolve), so only the ones on screen are simulated.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { findRolloutTarget } from '../engine/simulation';
import { offsetsToRange, SHOW_ROLLOUT_COMMAND, type RolloutTargets } from './rolloutTimeline';

interface LensData {
  uri: string;
  docIndex: number;
  kind: string;
  name?: string;
  root?: string;
}

export class RolloutCodeLensProvider {
  constructor(private readonly targets: RolloutTargets) {}

  async provide(params: CodeLensParams): Promise<CodeLens[]> {
    const uri = params.textDocument.uri;
    const found = await this.targets.of(uri);
    if (!found) return [];
    const lenses: CodeLens[] = [];
    for (const target of found.targets) {
      if (!target.complete) continue;
      const { start } = offsetsToRange(found.document, target.kindRange);
      const data: LensData = {
        uri,
        docIndex: target.docIndex,
        kind: target.kind,
        name: target.name,
        ...(target.root ? { root: target.root } : {}),
      };
      lenses.push({ range: { start, end: start }, data });
    }
    return lenses;
  }

  async resolve(lens: CodeLens): Promise<CodeLens> {
    const data = lens.data as LensData;
    const found = await this.targets.of(data.uri);
    const target =
      found && findRolloutTarget(data.root === undefined ? found.targets : found.targets.filter((t) => t.root === data.root), data);
    lens.command = target
      ? {
          title: this.targets.summary(target),
          command: SHOW_ROLLOUT_COMMAND,
          arguments: [data.uri, target.docIndex, target.kind, target.name ?? null, ...(target.root ? [target.root] : [])],
        }
      : { title: 'Rollout: the manifest changed, move the cursor to refresh', command: '' };
    return lens;
  }
}

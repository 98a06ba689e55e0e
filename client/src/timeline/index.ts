// The rollout timeline in the editor: the command a CodeLens runs (kubeZeroDowntime.showRollout) and the
// webview panel it opens. The picture and the simulation come from the language server; this side only
// hosts the webview, which only an extension can do.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RolloutTimelines } from './panel';
import type { RenderInfo } from './protocol';

export type { RenderInfo } from './protocol';

export interface RolloutTimelineApi {
  /** Fires each time a timeline panel has been given a new picture (tests wait on it). */
  onDidRenderRolloutTimeline: vscode.Event<RenderInfo>;
}

export function registerRolloutTimeline(context: vscode.ExtensionContext, client: LanguageClient): RolloutTimelineApi {
  const timelines = new RolloutTimelines(client);
  context.subscriptions.push(timelines);
  return { onDidRenderRolloutTimeline: timelines.onDidRender };
}

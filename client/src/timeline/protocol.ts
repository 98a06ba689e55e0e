// What the extension and its webview say to each other, plus the client's names for the shapes it shares with
// the language server (those are declared once, in protocol/src, for the client, the server and the tests).

export {
  ROLLOUT_TIMELINE_REQUEST,
  SHOW_ROLLOUT_COMMAND,
  type AssumptionField,
  type Assumptions,
  type LspRange,
  type TimelineWindow,
  type RolloutTimelineResult as TimelineResult,
} from '../../../protocol/src';
import type { Assumptions, RolloutTimelineResult as TimelineResult } from '../../../protocol/src';

/** Internal (not in the palette): applies the quick fix for a rule on one object; what the panel's fix buttons run. */
export const APPLY_ROLLOUT_FIX_COMMAND = 'kubeZeroDowntime.applyRolloutFix';
export const VIEW_TYPE = 'kubeZeroDowntime.rolloutTimeline';

/** Extension -> webview. */
export type ToWebview =
  | { type: 'render'; result: TimelineResult; assumptions: Assumptions; defaults: Assumptions; fixable: string[] }
  | { type: 'status'; message: string };

/** Webview -> extension. */
export type FromWebview = { type: 'ready' } | { type: 'assumptions'; assumptions: Assumptions } | { type: 'fix'; ruleId: string };

/** What the showRollout command resolves with, and what onDidRender reports (tests, and anyone curious). */
export interface RenderInfo {
  uri: string;
  kind: string;
  name?: string;
  /** The Kustomize root whose build was shown. */
  root?: string;
  found: boolean;
  version?: number;
  summary?: string;
  ruleIds: string[];
  windows: number;
}

// What the client and the language server say to each other about the rollout timeline, and what the
// extension and its webview say to each other. The server side is server/src/lsp/rolloutTimeline.ts; the
// client keeps its own copy of the shapes it reads (the two are separate TypeScript projects).

export const ROLLOUT_TIMELINE_REQUEST = 'kubeZeroDowntime/rolloutTimeline';
export const SHOW_ROLLOUT_COMMAND = 'kubeZeroDowntime.showRollout';
/** Internal (not in the palette): applies the quick fix for a rule on one object; what the panel's fix buttons run. */
export const APPLY_ROLLOUT_FIX_COMMAND = 'kubeZeroDowntime.applyRolloutFix';
export const VIEW_TYPE = 'kubeZeroDowntime.rolloutTimeline';

export type Assumptions = Record<string, number>;

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface TimelineWindow {
  index: number;
  kind: 'errors' | 'outage' | 'reduced-capacity';
  start: number;
  end: number;
  ruleId?: string;
  cause: string;
  pod?: string;
  label: string;
}

export type TimelineResult =
  | {
      found: true;
      uri: string;
      version: number;
      docIndex: number;
      kind: string;
      name?: string;
      summary: string;
      svg: string;
      simulation: { assumptions: Assumptions; notes: string[]; steps: string[]; duration: number; replicas: number };
      windows: TimelineWindow[];
      range: LspRange;
      assumptionFields: { key: string; label: string; help: string; defaultValue: number; max: number }[];
    }
  | { found: false; uri: string; version?: number; message: string };

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
  found: boolean;
  version?: number;
  summary?: string;
  ruleIds: string[];
  windows: number;
}

// What the extension (client) and the language server say to each other beyond standard LSP: the rollout
// timeline request and the command a CodeLens runs. One module for the client, the server and the tests (a small
// composite project all three reference; esbuild inlines it into each bundle), so the shapes cannot drift.

/** The request the timeline panel sends: simulate one Deployment or StatefulSet of an open document. */
export const ROLLOUT_TIMELINE_REQUEST = 'kubeZeroDowntime/rolloutTimeline';
/** The client command a CodeLens runs; arguments (uri, docIndex, kind, name, root). */
export const SHOW_ROLLOUT_COMMAND = 'kubeZeroDowntime.showRollout';

export type Assumptions = Record<string, number>;

export interface RolloutTimelineParams {
  uri: string;
  docIndex?: number;
  kind?: string;
  name?: string;
  /** The Kustomize root whose build of the object to simulate (a base's workload as that root deploys it). */
  root?: string;
  assumptions?: Assumptions;
  /** Without kind and name: the object at this 0-based line (the command palette, at the cursor). */
  line?: number;
  /** The document version the client has; the server waits (briefly) until it has it too. */
  version?: number;
  /** Focusable failure windows (the webview). */
  interactive?: boolean;
  /** Nonce for the SVG's <style>, for a page with a nonce-based CSP. */
  styleNonce?: string;
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A time span in which requests fail or capacity is reduced, and the rule whose fix removes it. */
export interface TimelineWindow {
  index: number;
  kind: 'errors' | 'outage' | 'reduced-capacity';
  start: number;
  end: number;
  ruleId?: string;
  cause: string;
  pod?: string;
  /** Time span, cause and rule id in one line (the SVG's hover text). */
  label: string;
}

/** An assumption a panel can edit: key, label, help, default, maximum. */
export interface AssumptionField {
  key: string;
  label: string;
  help: string;
  defaultValue: number;
  max: number;
}

/** The part of the simulation the client reads (the server sends all of it). */
export interface TimelineSimulation {
  assumptions: Assumptions;
  notes: string[];
  steps: string[];
  duration: number;
  replicas: number;
}

export type RolloutTimelineResult =
  | {
      found: true;
      uri: string;
      version: number;
      docIndex: number;
      kind: string;
      name?: string;
      /** The Kustomize root whose build was simulated. */
      root?: string;
      summary: string;
      svg: string;
      simulation: TimelineSimulation;
      windows: TimelineWindow[];
      /** The object in the document. */
      range: LspRange;
      assumptionFields: AssumptionField[];
    }
  | { found: false; uri: string; version?: number; message: string };

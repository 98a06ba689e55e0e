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

/** The request behind "Show Rendered Manifest": the rendered output of a chart template, with the findings on it. */
export const RENDERED_MANIFEST_REQUEST = 'kubeZeroDowntime/renderedManifest';
/** The client command; argument: the template's uri (default: the active editor's). */
export const SHOW_RENDERED_MANIFEST_COMMAND = 'kubeZeroDowntime.showRenderedManifest';
/** The scheme of the read-only documents showing rendered output. */
export const RENDERED_SCHEME = 'kzd-rendered';

export interface RenderedManifestParams {
  /** A template of a chart. */
  uri: string;
  /** A values set of the chart (its name); default: the first, the chart's own values. */
  valuesSet?: string;
  /** The document version the client has; the server waits (briefly) until it has it too. */
  version?: number;
}

/** A finding on the rendered output, for the client to show as a marker there. */
export interface RenderedDiagnostic {
  range: LspRange;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

export type RenderedManifestResult =
  | {
      found: true;
      uri: string;
      /** Helm's name of the template (`web/templates/deployment.yaml`). */
      template: string;
      valuesSet: string;
      valuesSets: string[];
      text: string;
      diagnostics: RenderedDiagnostic[];
    }
  | { found: false; uri: string; message: string };

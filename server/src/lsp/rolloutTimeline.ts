// The custom request behind the rollout timeline panel: `kubeZeroDowntime/rolloutTimeline` simulates one
// Deployment or StatefulSet of an open document (engine/simulation) under the assumptions the panel sends,
// and answers with the SVG, the simulation data and the object's range (so the client can find the
// object's diagnostics for the "fix" buttons). The targets of a document version are found once and shared
// with the CodeLens provider.
import type { Connection, Range, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ASSUMPTION_INFO,
  ASSUMPTION_KEYS,
  DEFAULT_ASSUMPTIONS,
  describeWindow,
  findRolloutTarget,
  renderTimelineSvg,
  rolloutSummary,
  rolloutTargetsOf,
  simulateTarget,
  type RolloutTarget,
} from '../engine/simulation';
import type { Linter, Project } from '../engine';
import {
  ROLLOUT_TIMELINE_REQUEST,
  SHOW_ROLLOUT_COMMAND,
  type AssumptionField,
  type RolloutTimelineParams,
  type RolloutTimelineResult,
} from '../../../protocol/src';
import type { PublishedResult } from './validation';

export const ASSUMPTION_FIELDS: AssumptionField[] = ASSUMPTION_KEYS.map((key) => ({
  key,
  ...ASSUMPTION_INFO[key],
  defaultValue: DEFAULT_ASSUMPTIONS[key],
}));

/** How long a request waits for a document version the client already sent. */
const VERSION_WAIT_MS = 3000;

/** What the targets need from the validator: the analysis of a document's current text. */
export interface AnalysisSource {
  current(uri: string): Promise<PublishedResult | undefined>;
}

export class RolloutTargets {
  /** Kustomize builds (lsp/kustomize.ts): the workloads of a file a root builds, as each root deploys them. */
  builds?: { rolloutTargets(uri: string): RolloutTarget[] | undefined };
  private readonly states = new Map<string, { version: number; linter: Linter; targets: RolloutTarget[] }>();
  /** CodeLens titles by the object's YAML node: unchanged documents keep their nodes from version to version. */
  private readonly summaries = new WeakMap<object, { project: Project; summary: string }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisSource,
  ) {
    documents.onDidClose((event) => this.states.delete(event.document.uri));
  }

  /**
   * The Deployments and StatefulSets of the document's current text, from the validator's model of it and with
   * the project its diagnostics were judged in (an HPA in another file counts); none when checking is off or
   * the file too large.
   */
  async of(uri: string): Promise<{ document: TextDocument; targets: RolloutTarget[] } | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const analysis = await this.analyses.current(uri);
    const now = this.documents.get(uri);
    if (!now) return undefined;
    // A chart's documents have no linter of their own: their objects are rendered ones.
    if (!analysis?.linter || analysis.version !== now.version) return { document: now, targets: [] };
    const linter = analysis.linter;
    let state = this.states.get(uri);
    if (state?.version !== now.version || state.linter !== linter) {
      state = { version: now.version, linter, targets: rolloutTargetsOf(linter.model, linter.project(), linter.isPatchFile) };
      this.states.set(uri, state);
    }
    return { document: now, targets: this.builds?.rolloutTargets(uri) ?? state.targets };
  }

  /**
   * The CodeLens title of a target: simulated once, and reused for objects whose YAML document did not change as
   * long as the project they are judged in (an HPA, a Service) did not either.
   */
  summary(target: RolloutTarget): string {
    const cached = this.summaries.get(target.object.node);
    if (cached && cached.project === target.project) return cached.summary;
    const summary = rolloutSummary(simulateTarget(target)).replace(/^Rollout\b/, target.root ? `Rollout in ${target.root}` : 'Rollout');
    this.summaries.set(target.object.node, { project: target.project, summary });
    return summary;
  }

  /** Resolves once the server's copy of the document has at least `version` (or after a short wait). */
  waitForVersion(uri: string, version: number | undefined): Promise<void> {
    const has = () => {
      const document = this.documents.get(uri);
      return version === undefined || !document || document.version >= version;
    };
    if (has()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const subscription = this.documents.onDidChangeContent((event) => {
        if (event.document.uri === uri && has()) done();
      });
      const timer = setTimeout(done, VERSION_WAIT_MS);
    });
  }
}

/** The object that contains the line, or the last one that starts above it. */
function atLine(document: TextDocument, targets: RolloutTarget[], line: number): RolloutTarget | undefined {
  let best: RolloutTarget | undefined;
  for (const target of targets) {
    if (document.positionAt(target.range[0]).line <= line) best = target;
  }
  return best ?? targets[0];
}

function toRange(document: TextDocument, [start, end]: [number, number]): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export async function rolloutTimeline(targets: RolloutTargets, params: RolloutTimelineParams): Promise<RolloutTimelineResult> {
  await targets.waitForVersion(params.uri, params.version);
  const found = await targets.of(params.uri);
  if (!found) return { found: false, uri: params.uri, message: 'The document is not open.' };
  const { document } = found;
  const what = `${params.kind ?? 'object'}${params.name ? ` "${params.name}"` : ''}${params.root ? ` in ${params.root}` : ''}`;
  const candidates = params.root === undefined ? found.targets : found.targets.filter((target) => target.root === params.root);
  const target =
    params.line !== undefined && params.kind === undefined && params.name === undefined
      ? atLine(document, candidates, params.line)
      : findRolloutTarget(candidates, params);
  if (!target) {
    return { found: false, uri: params.uri, version: document.version, message: `No ${what} in this document any more.` };
  }
  const simulation = simulateTarget(target, params.assumptions);
  return {
    found: true,
    uri: params.uri,
    version: document.version,
    docIndex: target.docIndex,
    kind: target.kind,
    name: target.name,
    ...(target.root !== undefined ? { root: target.root } : {}),
    summary: rolloutSummary(simulation),
    svg: renderTimelineSvg(simulation, { interactive: params.interactive, styleNonce: params.styleNonce }),
    simulation,
    windows: simulation.windows.map((window, index) => ({ ...window, index, label: describeWindow(window) })),
    range: toRange(document, target.range),
    assumptionFields: ASSUMPTION_FIELDS,
  };
}

/** Registers the request on the connection. */
export function listenForRolloutTimeline(connection: Connection, targets: RolloutTargets): void {
  connection.onRequest(ROLLOUT_TIMELINE_REQUEST, (params: RolloutTimelineParams) =>
    rolloutTimeline(targets, params).catch((error: unknown): RolloutTimelineResult => {
      connection.console.error(
        `Rollout timeline for ${params?.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return { found: false, uri: params?.uri, message: 'The simulation failed (details in the Kubernetes Zero-Downtime output).' };
    }),
  );
}

export { toRange as offsetsToRange, SHOW_ROLLOUT_COMMAND };

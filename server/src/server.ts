// Language server entry: wiring only. The engine (./engine) judges text; ./lsp adapts it to the protocol.
// Transport comes from the command line (--stdio, --node-ipc, --socket=N), so the same bundle serves the
// VS Code client (IPC) and any other LSP client (stdio). Never write to stdout here: use connection.console.
import * as path from 'path';
import { format } from 'util';
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS, CodeActionProvider, codeActionSupport, type CodeActionSupport } from './lsp/codeActions';
import { RolloutCodeLensProvider } from './lsp/codeLens';
import { DocsLinks } from './lsp/diagnostics';
import { ProjectConfigs } from './lsp/projectConfig';
import { listenForRolloutTimeline, RolloutTargets } from './lsp/rolloutTimeline';
import { SettingsStore } from './lsp/settings';
import { Validator } from './lsp/validation';
import { WorkspaceIndex } from './lsp/workspaceIndex';
import { packageVersion } from './version';
import { ChangeTracker } from './lsp/changeTracker';
import { ChartDocuments } from './lsp/charts';
import { RENDERED_MANIFEST_REQUEST, type RenderedManifestParams, type RenderedManifestResult } from '../../protocol/src';
import { KustomizeBuilds } from './lsp/kustomize';
import { ExplainProvider } from './lsp/explain';
import { SkipLog } from './lsp/skipLog';
import { serverTransport } from './lsp/transport';

// Framing guard (stdio) and the shutdown lifecycle sit between the transport and the handlers (lsp/transport.ts).
const transport = serverTransport(process.argv.slice(2), (problem) => connection.console.error(problem));
const connection = transport
  ? createConnection(ProposedFeatures.all, transport.reader, transport.writer)
  : createConnection(ProposedFeatures.all);
transport?.onInputEnd?.(() => process.exit(transport.reader.shutdownReceived ? 0 : 1));
if (process.argv.includes('--stdio')) {
  // Standard output carries the protocol: anything a library prints goes to the client's log instead.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  Object.assign(console, {
    log,
    info: log,
    debug: log,
    warn: log,
    error: (...args: unknown[]) => connection.console.error(format(...args)),
  });
}
// Documents are kept through the change tracker so edits reach the engine as offsets (incremental analysis).
const changeTracker = new ChangeTracker();
const documents = new TextDocuments(changeTracker.configuration);

let hasConfigurationCapability = false;
let hasDynamicConfigurationRegistration = false;

const settings = new SettingsStore(connection, () => hasConfigurationCapability);
// The bundle runs from dist/; the rule docs ship beside it in docs/rules/.
const links = new DocsLinks(path.join(__dirname, '..', 'docs', 'rules'));
const validator = new Validator(connection, documents, settings, links);
validator.changeTracker = changeTracker;
// Cross-file context: the facts of the other YAML files of each workspace folder, indexed in the background.
const workspaceIndex = new WorkspaceIndex(connection, documents, (uris) => {
  uris.forEach((uri) => validator.schedule(uri));
  refreshInlayHints();
});
validator.crossFile = workspaceIndex;
// Helm charts: their documents are judged with their rendered chart (templates, helpers, values files).
const charts = new ChartDocuments(connection, documents, settings, links);
validator.charts = charts;
// Kustomize: root kustomizations built and judged; files they build show the findings placed in them.
const builds = new KustomizeBuilds(
  documents,
  (uris) => uris.forEach((uri) => validator.schedule(uri)),
  (message) => connection.console.info(message),
);
validator.builds = builds;
// One readable line in the Output channel per file not checked or not indexed, and why.
const skipLog = new SkipLog(connection);
validator.skipLog = skipLog;
workspaceIndex.skipLog = skipLog;
let actionSupport: CodeActionSupport = { documentChanges: false };
const codeActions = new CodeActionProvider(documents, validator, () => actionSupport);
const projectConfig = new ProjectConfigs(connection, documents, settings, validator);
const rolloutTargets = new RolloutTargets(documents, validator);
rolloutTargets.builds = builds;
const codeLenses = new RolloutCodeLensProvider(rolloutTargets);
// Hovers and inlay hints: the numbers behind the manifest (lsp/explain.ts).
const explain = new ExplainProvider(documents, validator, settings, links, (file, start, end) => workspaceIndex.locate(file, start, end));
let inlayHintRefresh = false;

/** Hints depend on settings and on other files (an autoscaler's maxReplicas): ask the client to fetch them again. */
function refreshInlayHints(): void {
  if (!inlayHintRefresh) return;
  connection.languages.inlayHint
    .refresh()
    .catch((error: unknown) => connection.console.error(`Inlay hint refresh failed: ${String(error)}`));
}

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  actionSupport = codeActionSupport(params.capabilities);
  workspaceIndex.initialize(params);
  charts.initialize(params);
  builds.initialize(params);
  skipLog.initialize(params);
  projectConfig.initialize(params);
  inlayHintRefresh = workspace?.inlayHint?.refreshSupport === true;
  hasConfigurationCapability = workspace?.configuration === true;
  hasDynamicConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      codeLensProvider: { resolveProvider: true },
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'kube-zero-downtime', version: packageVersion() },
  };
});

connection.onInitialized(() => {
  workspaceIndex.initialized();
  charts.register();
  void workspaceIndex.ready.then(() => builds.start());
  projectConfig.register();
  if (hasDynamicConfigurationRegistration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeZeroDowntime' }).catch((error: unknown) => {
      connection.console.error(`Could not register for configuration changes: ${String(error)}`);
    });
  }
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  validator.scheduleAll();
  refreshInlayHints();
});

connection.onDidChangeWatchedFiles((params) => {
  projectConfig.filesChanged(params);
  workspaceIndex.filesChanged(params);
  charts.filesChanged(params);
  builds.filesChanged(params);
});

connection.onCodeAction((params) =>
  codeActions.provide(params).catch((error: unknown) => {
    connection.console.error(
      `Code actions for ${params.textDocument.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return [];
  }),
);

// The rollout timeline: a CodeLens per Deployment/StatefulSet and the panel's request (lsp/rolloutTimeline.ts).
connection.onCodeLens((params) =>
  codeLenses.provide(params).catch((error: unknown) => {
    connection.console.error(
      `Code lenses for ${params.textDocument.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return [];
  }),
);
connection.onCodeLensResolve((lens) => codeLenses.resolve(lens).catch(() => lens));
listenForRolloutTimeline(connection, rolloutTargets);
// "Show Rendered Manifest": a chart template's rendered output with the findings on it.
connection.onRequest(RENDERED_MANIFEST_REQUEST, async (params: RenderedManifestParams): Promise<RenderedManifestResult> => {
  await rolloutTargets.waitForVersion(params.uri, params.version);
  try {
    return await charts.rendered(params);
  } catch (error) {
    connection.console.error(
      `Rendered manifest of ${params.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return {
      found: false,
      uri: params.uri,
      message: 'Internal error rendering the chart (details in the Kubernetes Zero-Downtime output).',
    };
  }
});

connection.onHover((params) =>
  explain.hover(params).catch((error: unknown) => {
    connection.console.error(
      `Hover for ${params.textDocument.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return null;
  }),
);
connection.languages.inlayHint.on((params) =>
  explain.inlayHints(params).catch((error: unknown) => {
    connection.console.error(
      `Inlay hints for ${params.textDocument.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return [];
  }),
);

// A document opened again (even without a close, even with a lower version) starts afresh.
documents.onDidOpen((event) => validator.opened(event.document.uri));
documents.onDidChangeContent((event) => validator.schedule(event.document.uri));
documents.onDidClose((event) => {
  validator.close(event.document.uri);
  builds.closed(event.document.uri);
});

documents.listen(connection);
connection.listen();

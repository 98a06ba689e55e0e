// Language server entry: wiring only. The engine (./engine) judges text; ./lsp adapts it to the protocol.
// Transport comes from the command line (--stdio, --node-ipc, --socket=N), so the same bundle serves the
// VS Code client (IPC) and any other LSP client (stdio). Never write to stdout here: use connection.console.
import * as path from 'path';
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
import { KustomizeBuilds } from './lsp/kustomize';

const connection = createConnection(ProposedFeatures.all);
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
const workspaceIndex = new WorkspaceIndex(connection, documents, (uris) => uris.forEach((uri) => validator.schedule(uri)));
validator.crossFile = workspaceIndex;
// Kustomize: root kustomizations built and judged; files they build show the findings placed in them.
const builds = new KustomizeBuilds(
  documents,
  (uris) => uris.forEach((uri) => validator.schedule(uri)),
  (message) => connection.console.info(message),
);
validator.builds = builds;
let actionSupport: CodeActionSupport = { documentChanges: false };
const codeActions = new CodeActionProvider(documents, validator, () => actionSupport);
const projectConfig = new ProjectConfigs(connection, documents, settings, validator);
const rolloutTargets = new RolloutTargets(documents, validator);
rolloutTargets.builds = builds;
const codeLenses = new RolloutCodeLensProvider(rolloutTargets);

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  actionSupport = codeActionSupport(params.capabilities);
  workspaceIndex.initialize(params);
  builds.initialize(params);
  projectConfig.initialize(params);
  hasConfigurationCapability = workspace?.configuration === true;
  hasDynamicConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      codeLensProvider: { resolveProvider: true },
    },
    serverInfo: { name: 'kube-zero-downtime', version: packageVersion() },
  };
});

connection.onInitialized(() => {
  workspaceIndex.initialized();
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
});

connection.onDidChangeWatchedFiles((params) => {
  projectConfig.filesChanged(params);
  workspaceIndex.filesChanged(params);
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

documents.onDidChangeContent((event) => validator.schedule(event.document.uri));
documents.onDidClose((event) => {
  validator.close(event.document.uri);
  builds.closed(event.document.uri);
});

documents.listen(connection);
connection.listen();

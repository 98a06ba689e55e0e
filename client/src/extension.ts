// The client starts the language server for YAML documents; every analysis lives in the server. It also hosts
// the rollout timeline panel (./timeline), because only an extension can open a webview; the server computes
// what the panel shows.
import * as path from 'path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SHOW_ROLLOUT_COMMAND } from '../../protocol/src';
import { registerRolloutTimeline, type RolloutTimelineApi } from './timeline';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<RolloutTimelineApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    // In Restricted Mode the server does not read the project config file (package.json capabilities); a
    // function, so that the restart below sends the new value.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted }),
    // Hovers link to the rollout timeline: that one command may run from the server's Markdown, no other.
    markdown: { isTrusted: { enabledCommands: [SHOW_ROLLOUT_COMMAND] } },
  };
  client = new LanguageClient('kubeZeroDowntime', 'Kubernetes Zero-Downtime', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  return registerRolloutTimeline(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

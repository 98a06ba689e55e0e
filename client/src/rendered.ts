// "Kubernetes Zero-Downtime: Show Rendered Manifest": the rendered output of the chart template in the active
// editor, in a read-only document beside it, with the findings on it as markers. The language server renders
// (kubeZeroDowntime/renderedManifest); this side only shows the text and the markers, and asks again when a
// file changes while the rendered document is open.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  RENDERED_MANIFEST_REQUEST,
  RENDERED_SCHEME,
  SHOW_RENDERED_MANIFEST_COMMAND,
  type RenderedManifestParams,
  type RenderedManifestResult,
} from '../../protocol/src';

const SOURCE = 'kube-zero-downtime';
/** Edits arrive per keystroke; one render per pause is enough. */
const EDIT_DEBOUNCE_MS = 150;

export interface RenderedManifestInfo {
  /** The template's uri. */
  source: string;
  /** The read-only document showing its output. */
  rendered: vscode.Uri;
  template: string;
  valuesSet: string;
  /** The rule ids of the markers on it. */
  ruleIds: string[];
}

export interface RenderedManifestApi {
  /** Fires each time a rendered document was given new text and markers (tests wait on it). */
  onDidRenderManifest: vscode.Event<RenderedManifestInfo>;
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

class RenderedManifests implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  /** Open rendered documents: their uri -> the template and values set they show. */
  private readonly views = new Map<string, { source: string; valuesSet?: string }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly rendered = new vscode.EventEmitter<RenderedManifestInfo>();
  private readonly markers = vscode.languages.createDiagnosticCollection('kube-zero-downtime-rendered');
  private readonly subscriptions: vscode.Disposable[] = [];
  private refresh: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.changed.event;
  readonly onDidRender = this.rendered.event;

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, this),
      vscode.commands.registerCommand(SHOW_RENDERED_MANIFEST_COMMAND, (uri?: unknown, valuesSet?: unknown) =>
        this.show(
          uri instanceof vscode.Uri
            ? uri.toString()
            : typeof uri === 'string'
              ? uri
              : vscode.window.activeTextEditor?.document.uri.toString(),
          typeof valuesSet === 'string' ? valuesSet : undefined,
        ),
      ),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.scheme === 'file' && this.views.size > 0) this.refreshSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme !== RENDERED_SCHEME) return;
        this.views.delete(document.uri.toString());
        this.markers.delete(document.uri);
      }),
      this.markers,
      this.changed,
      this.rendered,
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  private refreshSoon(): void {
    if (this.refresh) clearTimeout(this.refresh);
    this.refresh = setTimeout(() => {
      this.refresh = undefined;
      for (const [uri, view] of this.views) void this.update(vscode.Uri.parse(uri), view.source, view.valuesSet);
    }, EDIT_DEBOUNCE_MS);
  }

  private async show(source: string | undefined, valuesSet: string | undefined): Promise<void> {
    if (!source) {
      void vscode.window.showInformationMessage('Open a template of a Helm chart to see what it renders.');
      return;
    }
    const result = await this.request(source, valuesSet);
    if (!result.found) {
      void vscode.window.showInformationMessage(result.message);
      return;
    }
    const uri = vscode.Uri.from({
      scheme: RENDERED_SCHEME,
      path: `/${result.template}`,
      query: new URLSearchParams({ source, set: result.valuesSet }).toString(),
    });
    this.views.set(uri.toString(), { source, valuesSet: result.valuesSet });
    this.apply(uri, result);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  }

  private async update(uri: vscode.Uri, source: string, valuesSet: string | undefined): Promise<void> {
    const result = await this.request(source, valuesSet);
    if (result.found && this.views.has(uri.toString())) this.apply(uri, result);
  }

  private request(source: string, valuesSet: string | undefined): Promise<RenderedManifestResult> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source);
    const params: RenderedManifestParams = {
      uri: source,
      ...(valuesSet ? { valuesSet } : {}),
      ...(document ? { version: document.version } : {}),
    };
    return this.client.sendRequest<RenderedManifestResult>(RENDERED_MANIFEST_REQUEST, params);
  }

  private apply(uri: vscode.Uri, result: Extract<RenderedManifestResult, { found: true }>): void {
    this.texts.set(uri.toString(), result.text);
    this.changed.fire(uri);
    this.markers.set(
      uri,
      result.diagnostics.map((d) => {
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
          d.message,
          SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = SOURCE;
        diagnostic.code = d.code;
        return diagnostic;
      }),
    );
    this.rendered.fire({
      source: result.uri,
      rendered: uri,
      template: result.template,
      valuesSet: result.valuesSet,
      ruleIds: [...new Set(result.diagnostics.map((d) => d.code))].sort(),
    });
  }

  dispose(): void {
    if (this.refresh) clearTimeout(this.refresh);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export function registerRenderedManifests(context: vscode.ExtensionContext, client: LanguageClient): RenderedManifestApi {
  const manifests = new RenderedManifests(client);
  context.subscriptions.push(manifests);
  return { onDidRenderManifest: manifests.onDidRender };
}

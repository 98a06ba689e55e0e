// The rollout timeline panel: one webview per Deployment/StatefulSet, fed by the language server's
// kubeZeroDowntime/rolloutTimeline request, redrawn when the manifest changes or the assumptions are edited,
// and able to apply a rule's quick fix for the object it shows (the same code action the light bulb offers).
import * as vscode from 'vscode';
import { CodeActionRequest, type CodeAction, type Command, type LanguageClient } from 'vscode-languageclient/node';
import { newNonce, timelineHtml } from './html';
import {
  APPLY_ROLLOUT_FIX_COMMAND,
  ROLLOUT_TIMELINE_REQUEST,
  SHOW_ROLLOUT_COMMAND,
  VIEW_TYPE,
  type Assumptions,
  type FromWebview,
  type LspRange,
  type RenderInfo,
  type TimelineResult,
  type ToWebview,
} from './protocol';

const SOURCE = 'kube-zero-downtime';
/** Edits arrive per keystroke; one simulation per pause is enough. */
const EDIT_DEBOUNCE_MS = 150;

interface Target {
  uri: string;
  docIndex?: number;
  kind?: string;
  name?: string;
  /** The Kustomize root whose build is shown (a base's workload as that root deploys it). */
  root?: string;
  /** Only to find a target: the 0-based line of the cursor. */
  line?: number;
}

function keyOf(target: Target): string {
  return `${target.uri}#${target.kind ?? ''}/${target.name ?? ''}@${target.root ?? ''}`;
}

function info(target: Target, result: TimelineResult | undefined): RenderInfo {
  if (!result?.found) {
    return { uri: target.uri, kind: target.kind ?? '', name: target.name, found: false, version: result?.version, ruleIds: [], windows: 0 };
  }
  return {
    uri: target.uri,
    kind: result.kind,
    name: result.name,
    ...(result.root !== undefined ? { root: result.root } : {}),
    found: true,
    version: result.version,
    summary: result.summary,
    ruleIds: [...new Set(result.windows.map((w) => w.ruleId).filter((id): id is string => id !== undefined))].sort(),
    windows: result.windows.length,
  };
}

function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return code === undefined ? undefined : typeof code === 'object' ? String(code.value) : String(code);
}

function isCodeAction(item: Command | CodeAction): item is CodeAction {
  return typeof (item as Command).command !== 'string';
}

export class RolloutTimelines implements vscode.Disposable {
  private readonly panels = new Map<string, TimelinePanel>();
  private readonly rendered = new vscode.EventEmitter<RenderInfo>();
  /** Fires each time a panel has been given a new picture. */
  readonly onDidRender = this.rendered.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      vscode.commands.registerCommand(
        SHOW_ROLLOUT_COMMAND,
        (uri?: unknown, docIndex?: unknown, kind?: unknown, name?: unknown, root?: unknown) =>
          this.show(
            typeof uri === 'string'
              ? {
                  uri,
                  docIndex: typeof docIndex === 'number' ? docIndex : undefined,
                  kind: typeof kind === 'string' ? kind : undefined,
                  name: typeof name === 'string' ? name : undefined,
                  ...(typeof root === 'string' ? { root } : {}),
                }
              : undefined,
          ),
      ),
      vscode.commands.registerCommand(APPLY_ROLLOUT_FIX_COMMAND, (uri: string, kind: string, name: string | undefined, ruleId: string) =>
        this.applyFix({ uri, kind, name }, ruleId),
      ),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        const uri = event.document.uri.toString();
        for (const panel of this.panels.values()) if (panel.target.uri === uri) panel.documentChanged();
      }),
      // The fix buttons follow the diagnostics, which arrive after the edit that changed them.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const uris = new Set(event.uris.map((u) => u.toString()));
        for (const panel of this.panels.values()) if (uris.has(panel.target.uri)) panel.diagnosticsChanged();
      }),
      this.rendered,
    );
  }

  /** Opens (or reveals) the panel for a target; without one, for the workload at the active editor's cursor. */
  async show(target: Target | undefined): Promise<RenderInfo | undefined> {
    target ??= await this.targetAtCursor();
    if (!target) {
      void vscode.window.showInformationMessage(
        'Put the cursor in a Deployment or StatefulSet in a YAML file to see its rollout timeline.',
      );
      return undefined;
    }
    const existing = this.panels.get(keyOf(target));
    if (existing) {
      existing.panel.reveal();
      return existing.refresh();
    }
    const panel = new TimelinePanel(this, target);
    this.panels.set(keyOf(target), panel);
    panel.panel.onDidDispose(() => this.panels.delete(keyOf(target)));
    return panel.refresh();
  }

  /** The workload at the active editor's cursor, as the server finds it. */
  private async targetAtCursor(): Promise<Target | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'yaml') return undefined;
    const uri = editor.document.uri.toString();
    const result = await this.request({ uri, line: editor.selection.active.line }, {}, '');
    return result.found ? { uri, docIndex: result.docIndex, kind: result.kind, name: result.name } : undefined;
  }

  request(target: Target, assumptions: Assumptions, nonce: string): Promise<TimelineResult> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri);
    return this.client.sendRequest<TimelineResult>(ROLLOUT_TIMELINE_REQUEST, {
      ...target,
      assumptions,
      version: document?.version,
      interactive: true,
      styleNonce: nonce,
    });
  }

  didRender(info: RenderInfo): void {
    this.rendered.fire(info);
  }

  /**
   * Applies the preferred quick fix of the first `ruleId` diagnostic inside the object, asking the server for
   * that diagnostic's code actions exactly as the light bulb does. Resolves with what happened, in words.
   */
  async applyFix(target: Target, ruleId: string, range?: vscode.Range): Promise<{ applied: boolean; message: string }> {
    const uri = vscode.Uri.parse(target.uri);
    if (!range) {
      const result = await this.request(target, {}, '');
      if (!result.found) return { applied: false, message: result.message };
      range = toRange(result.range);
    }
    const within = range;
    const what = `${target.kind ?? 'object'}${target.name ? ` ${target.name}` : ''}`;
    const diagnostic = (this.client.diagnostics?.get(uri) ?? []).find(
      (d) => d.source === SOURCE && ruleOf(d) === ruleId && within.contains(d.range),
    );
    if (!diagnostic) return { applied: false, message: `No ${ruleId} finding on ${what} right now, so there is no quick fix to apply.` };
    const converter = this.client.code2ProtocolConverter;
    const actions =
      (await this.client.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: target.uri },
        range: converter.asRange(diagnostic.range),
        context: { diagnostics: [converter.asDiagnostic(diagnostic)], only: [vscode.CodeActionKind.QuickFix.value] },
      })) ?? [];
    const fixes = actions.filter(isCodeAction).filter((a) => a.edit !== undefined);
    const chosen = fixes.find((a) => a.isPreferred) ?? fixes.find((a) => !/^(Ignore|Fix all)\b/.test(a.title));
    if (!chosen?.edit) return { applied: false, message: `${ruleId} has no quick fix here (the document may have changed; try again).` };
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(chosen.edit);
    const applied = await vscode.workspace.applyEdit(edit);
    return { applied, message: applied ? `Applied: ${chosen.title}.` : `Could not apply "${chosen.title}".` };
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

class TimelinePanel {
  readonly panel: vscode.WebviewPanel;
  private readonly nonce = newNonce();
  private assumptions: Assumptions = {};
  private last: TimelineResult | undefined;
  private html = false;
  private ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly owner: RolloutTimelines,
    readonly target: Target,
  ) {
    const title = `Rollout: ${target.kind ?? ''} ${target.name ?? ''}${target.root ? ` (${target.root})` : ''}`.replace(/\s+/g, ' ').trim();
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      {
        enableScripts: true,
        // Nothing to load: the page is self-contained.
        localResourceRoots: [],
        enableCommandUris: false,
      },
    );
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.panel.webview.onDidReceiveMessage((message: FromWebview) => this.received(message));
    this.panel.onDidDispose(() => clearTimeout(this.timer));
  }

  documentChanged(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), EDIT_DEBOUNCE_MS);
  }

  diagnosticsChanged(): void {
    if (this.html) void this.post();
  }

  /** Asks the server for the current picture and shows it; resolves once the webview has been sent it. */
  async refresh(): Promise<RenderInfo> {
    const sequence = ++this.sequence;
    let result: TimelineResult;
    try {
      result = await this.owner.request(
        { ...this.target, docIndex: this.last?.found ? this.last.docIndex : this.target.docIndex },
        this.assumptions,
        this.nonce,
      );
    } catch (error) {
      result = {
        found: false,
        uri: this.target.uri,
        message: `The language server did not answer: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (sequence !== this.sequence) return info(this.target, this.last); // a newer request is on its way
    this.last = result;
    if (!this.html) {
      const fields = result.found ? result.assumptionFields.map(({ key, label, help, max }) => ({ key, label, help, max })) : [];
      this.panel.webview.html = timelineHtml({
        nonce: this.nonce,
        cspSource: this.panel.webview.cspSource,
        title: this.panel.title,
        fields,
      });
      this.html = true;
    }
    await this.ready;
    await this.post();
    const rendered = info(this.target, result);
    this.owner.didRender(rendered);
    return rendered;
  }

  private async post(): Promise<void> {
    if (!this.last) return;
    const defaults: Assumptions = {};
    if (this.last.found) for (const field of this.last.assumptionFields) defaults[field.key] = field.defaultValue;
    const fixable = this.fixableRules();
    const message: ToWebview = {
      type: 'render',
      result: this.last,
      assumptions: this.last.found ? this.last.simulation.assumptions : this.assumptions,
      defaults,
      fixable,
    };
    await this.panel.webview.postMessage(message);
  }

  /** Rules with a diagnostic inside the object: those a fix button can act on. */
  private fixableRules(): string[] {
    if (!this.last?.found) return [];
    const range = toRange(this.last.range);
    const ids = new Set<string>();
    for (const d of vscode.languages.getDiagnostics(vscode.Uri.parse(this.target.uri))) {
      const id = ruleOf(d);
      if (d.source === SOURCE && id && range.contains(d.range)) ids.add(id);
    }
    return [...ids].sort();
  }

  private received(message: FromWebview): void {
    if (message.type === 'ready') {
      this.markReady();
      // A webview hidden and shown again starts over: give it the picture again.
      void this.post();
    } else if (message.type === 'assumptions') {
      this.assumptions = message.assumptions;
      void this.refresh();
    } else if (message.type === 'fix') {
      const range = this.last?.found ? toRange(this.last.range) : undefined;
      void this.owner.applyFix(this.target, message.ruleId, range).then(
        (outcome) => this.panel.webview.postMessage({ type: 'status', message: outcome.message } satisfies ToWebview),
        (error: unknown) =>
          this.panel.webview.postMessage({ type: 'status', message: `The quick fix failed: ${String(error)}` } satisfies ToWebview),
      );
    }
  }
}

// The rollout timeline in a real VS Code: the CodeLens above a Deployment (through VS Code's own CodeLens
// command), the command it runs opening the webview panel (a webview tab in the tab groups), the panel
// redrawing when the manifest changes, and the panel's quick-fix path applying a fix.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SHOW_ROLLOUT_COMMAND } from '../../../protocol/out';
import { codeOf, createAndOpen, extension, waitForCode, waitForDiagnostics, DIAGNOSTICS_TIMEOUT_MS } from './helpers';

interface RenderInfo {
  uri: string;
  kind: string;
  name?: string;
  found: boolean;
  version?: number;
  summary?: string;
  ruleIds: string[];
  windows: number;
}

interface TimelineApi {
  onDidRenderRolloutTimeline: vscode.Event<RenderInfo>;
}

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

/** Resolves with the first render of uri that satisfies predicate (subscribe before acting). */
function nextRender(uri: vscode.Uri, predicate: (info: RenderInfo) => boolean, what: string): Promise<RenderInfo> {
  const api = extension().exports as TimelineApi;
  assert.ok(api?.onDidRenderRolloutTimeline, 'the extension exports onDidRenderRolloutTimeline');
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for a timeline render with ${what}; renders: ${seen.join(' | ') || '(none)'}`));
    }, DIAGNOSTICS_TIMEOUT_MS);
    const sub = api.onDidRenderRolloutTimeline((info) => {
      if (info.uri !== uri.toString()) return;
      seen.push(`v${info.version} ${info.summary ?? 'not found'} [${info.ruleIds.join(',')}]`);
      if (!predicate(info)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(info);
    });
  });
}

function timelineTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('kubeZeroDowntime.rolloutTimeline'));
}

describe('rollout timeline', () => {
  let doc: vscode.TextDocument;
  let lens: vscode.CodeLens | undefined;

  before(async () => {
    doc = await createAndOpen('timeline-web.yaml', TEXT);
    // The server is up and has this text once its diagnostics are in.
    await waitForCode(doc.uri, 'readiness-probe-missing');
  });

  after(async () => {
    for (const tab of timelineTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('shows a CodeLens with the rollout summary above the Deployment', async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
    const ours = lenses.filter((l) => l.command?.command === SHOW_ROLLOUT_COMMAND);
    assert.strictEqual(
      ours.length,
      1,
      `lenses: ${lenses.map((l) => `${l.range.start.line}: ${l.command?.title} (${l.command?.command})`).join(', ') || '(none)'}`,
    );
    lens = ours[0];
    assert.strictEqual(lens.range.start.line, 1, 'on the kind line');
    assert.match(lens.command!.title, /^Rollout: 4 replicas, at most 1 down, \+1 surge, \d+ failure windows$/);
    assert.deepStrictEqual(lens.command!.arguments, [doc.uri.toString(), 0, 'Deployment', 'web']);
  });

  it('its command opens the timeline panel, which redraws when the manifest changes', async () => {
    assert.ok(lens?.command, 'the CodeLens test ran first');
    const info = await vscode.commands.executeCommand<RenderInfo>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.ok(info?.found, `rendered: ${JSON.stringify(info)}`);
    assert.strictEqual(info.summary, lens.command.title);
    assert.deepStrictEqual(info.ruleIds, ['prestop-hook-missing', 'readiness-probe-missing', 'rolling-update-unavailable']);
    const tabs = timelineTabs();
    assert.strictEqual(
      tabs.length,
      1,
      `tabs: ${vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.label)
        .join(', ')}`,
    );
    assert.strictEqual(tabs[0].label, 'Rollout: Deployment web');

    // Running the command again reveals the same panel.
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    assert.strictEqual(timelineTabs().length, 1);

    // maxUnavailable: 0 -> the capacity window goes away, live.
    const redrawn = nextRender(
      doc.uri,
      (i) => (i.version ?? 0) > (info.version ?? 0) && !i.ruleIds.includes('rolling-update-unavailable'),
      'no rolling-update-unavailable',
    );
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(6, 0), '  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    const after = await redrawn;
    assert.match(after.summary ?? '', /^Rollout: 4 replicas, none down, \+1 surge/);
  });

  it('from the command palette it opens the workload at the cursor (the same panel)', async () => {
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(12, 4, 12, 4);
    const info = await vscode.commands.executeCommand<RenderInfo>(SHOW_ROLLOUT_COMMAND);
    assert.ok(info?.found, JSON.stringify(info));
    assert.strictEqual(info.name, 'web');
    assert.strictEqual(timelineTabs().length, 1);
  });

  it("the panel's quick-fix path applies the rule's preferred fix, and the window disappears", async () => {
    // The diagnostics of the edited text (the quick fix is looked up for the version they were made for).
    await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => codeOf(d) === 'prestop-hook-missing') && !ds.some((d) => codeOf(d) === 'rolling-update-unavailable'),
      'prestop-hook-missing on the edited text',
    );
    const fixed = nextRender(doc.uri, (i) => i.found && !i.ruleIds.includes('prestop-hook-missing'), 'no prestop-hook-missing');
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; message: string }>(
      'kubeZeroDowntime.applyRolloutFix',
      doc.uri.toString(),
      'Deployment',
      'web',
      'prestop-hook-missing',
    );
    assert.ok(outcome?.applied, outcome?.message);
    assert.match(doc.getText(), /preStop:/);
    await fixed;
  });
});

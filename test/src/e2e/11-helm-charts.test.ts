// Helm charts in a real VS Code: a template of the workspace's chart shows its findings at its own lines, with
// the values entry that decided them; the quick fix sets the value in values.yaml (a file that was not open)
// and the template's finding goes; "Show Rendered Manifest" opens the rendered output beside the template with
// the findings as markers. Waits on events (diagnostics, the extension's render event), never on time.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SHOW_RENDERED_MANIFEST_COMMAND } from '../../../protocol/out';
import { codeOf, DIAGNOSTICS_TIMEOUT_MS, extension, fixture, lineOf, openFixture, waitForCode, waitForDiagnostics } from './helpers';

interface RenderedManifestInfo {
  source: string;
  rendered: vscode.Uri;
  template: string;
  valuesSet: string;
  ruleIds: string[];
}

interface RenderedApi {
  onDidRenderManifest: vscode.Event<RenderedManifestInfo>;
}

const TEMPLATE = 'helm-chart/templates/deployment.yaml';

function isCodeAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  return !('command' in a && typeof a.command === 'string');
}

describe('Helm charts', () => {
  it('a template shows its findings at its lines; the quick fix sets the value in values.yaml and the finding goes', async () => {
    const doc = await openFixture(TEMPLATE);
    const ds = await waitForCode(doc.uri, 'readiness-probe-missing');
    const readiness = ds.find((d) => codeOf(d) === 'readiness-probe-missing')!;
    assert.strictEqual(readiness.range.start.line, lineOf(doc, '- name: {{ .Chart.Name }}'));
    const related = readiness.relatedInformation?.[0];
    assert.ok(related, 'the values entry is related information');
    assert.strictEqual(related.location.uri.toString(), fixture('helm-chart/values.yaml').toString());
    assert.match(related.message, /values\.yaml's `readinessProbe: \{\}`/);
    assert.ok(!ds.some((d) => codeOf(d) === 'not-checked'), 'no "not checked" notice on a chart template');

    const actions = (
      (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        readiness.range,
        vscode.CodeActionKind.QuickFix.value,
        1000,
      )) ?? []
    ).filter(isCodeAction);
    const fix = actions.find((a) => a.title === 'Set readinessProbe in values.yaml (httpGet /readyz on port http)');
    assert.ok(fix?.edit, `no values fix; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
    const values = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixture('helm-chart/values.yaml').toString());
    assert.ok(values, 'values.yaml was edited');
    assert.match(values.getText(), /^readinessProbe:\n {2}httpGet:\n {4}path: \/readyz\n {4}port: http\n/m);
    await waitForDiagnostics(
      doc.uri,
      (all) => !all.some((d) => codeOf(d) === 'readiness-probe-missing') && all.some((d) => codeOf(d) === 'rolling-update-unavailable'),
      'readiness-probe-missing gone from the template, the rest still there',
    );
  });

  it('"Show Rendered Manifest" opens the output beside the template, with the findings as markers', async () => {
    const doc = await openFixture(TEMPLATE);
    await waitForCode(doc.uri, 'rolling-update-unavailable');
    const api = extension().exports as RenderedApi;
    assert.ok(api?.onDidRenderManifest, 'the extension exports onDidRenderManifest');
    const rendered = new Promise<RenderedManifestInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no rendered manifest')), DIAGNOSTICS_TIMEOUT_MS);
      const sub = api.onDidRenderManifest((info) => {
        clearTimeout(timer);
        sub.dispose();
        resolve(info);
      });
    });
    await vscode.commands.executeCommand(SHOW_RENDERED_MANIFEST_COMMAND, doc.uri);
    const info = await rendered;
    assert.strictEqual(info.template, 'storefront/templates/deployment.yaml');
    assert.strictEqual(info.valuesSet, 'default values');
    assert.ok(info.ruleIds.includes('rolling-update-unavailable'), info.ruleIds.join(', '));
    const shown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === info.rendered.toString());
    assert.ok(shown, 'the rendered document is open');
    assert.match(shown.getText(), /^ {2}name: release-name-storefront$/m);
    const markers = vscode.languages.getDiagnostics(info.rendered);
    const marker = markers.find((d) => codeOf(d) === 'rolling-update-unavailable');
    assert.ok(marker, 'the finding is a marker on the rendered output');
    assert.match(shown.lineAt(marker.range.start.line).text, /maxUnavailable: 1/);
  });
});

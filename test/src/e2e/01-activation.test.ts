// Activation: the extension starts when a YAML file is opened (onLanguage:yaml), or at startup in a workspace that
// holds a Helm chart (workspaceContains:**/Chart.yaml: a chart's templates are not YAML to VS Code), and its language
// server then reports findings.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, openFixture, waitForCode } from './helpers';

describe('activation', () => {
  it('declares exactly those two events (no "*": nothing starts in a workspace without YAML)', async () => {
    // This workspace holds the example chart, so VS Code may activate the extension at startup, before any YAML file
    // is opened: the declared events are what the extension controls.
    assert.deepStrictEqual(extension().packageJSON.activationEvents, ['onLanguage:yaml', 'workspaceContains:**/Chart.yaml']);
    const charts = await vscode.workspace.findFiles('**/Chart.yaml', undefined, 1);
    assert.strictEqual(charts.length, 1, 'the test workspace holds the example chart');
  });

  it('activates on a YAML file and its server reports findings', async () => {
    const doc = await openFixture('deployment.yaml');
    assert.strictEqual(doc.languageId, 'yaml');
    await waitForCode(doc.uri, 'readiness-probe-missing');
    assert.strictEqual(extension().isActive, true);
  });
});

// Settings take effect live: a rule turned off disappears from the open file, a severity override shows,
// and resetting the setting brings the default back. Settings are always reset, even when a test fails.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, openFixture, waitForDiagnostics } from './helpers';

const section = () => vscode.workspace.getConfiguration('kubeZeroDowntime');

async function setRule(id: string, value: string | undefined): Promise<void> {
  await section().update(`rules.${id}`, value, vscode.ConfigurationTarget.Global);
}

describe('settings', () => {
  let doc: vscode.TextDocument;
  const has = (ds: vscode.Diagnostic[], id: string) => ds.some((d) => codeOf(d) === id);

  before(async () => {
    doc = await openFixture('settings-change.yaml');
    await waitForDiagnostics(
      doc.uri,
      (ds) => has(ds, 'readiness-probe-missing') && has(ds, 'liveness-probe-missing'),
      'the default findings',
    );
  });

  afterEach(async () => {
    await setRule('readiness-probe-missing', undefined);
    await setRule('liveness-probe-missing', undefined);
  });

  it('turning readiness-probe-missing off removes its findings live, and resetting brings them back', async () => {
    await setRule('readiness-probe-missing', 'off');
    const off = await waitForDiagnostics(
      doc.uri,
      (ds) => !has(ds, 'readiness-probe-missing') && has(ds, 'liveness-probe-missing'),
      'readiness-probe-missing gone, the other findings still there',
    );
    assert.ok(has(off, 'prestop-hook-missing'), describeDiagnostics(off));
    await setRule('readiness-probe-missing', undefined);
    await waitForDiagnostics(doc.uri, (ds) => has(ds, 'readiness-probe-missing'), 'readiness-probe-missing back after the reset');
  });

  it('a severity override changes the severity shown', async () => {
    await setRule('liveness-probe-missing', 'error');
    const ds = await waitForDiagnostics(
      doc.uri,
      (all) => all.some((d) => codeOf(d) === 'liveness-probe-missing' && d.severity === vscode.DiagnosticSeverity.Error),
      'liveness-probe-missing as an error',
    );
    const readiness = ds.find((d) => codeOf(d) === 'readiness-probe-missing');
    assert.strictEqual(readiness?.severity, vscode.DiagnosticSeverity.Warning, describeDiagnostics(ds));
  });
});

// Quick fixes and fix-all, through VS Code's own commands: the actions listed for a finding, applied with
// workspace.applyEdit, then the text and the diagnostics afterwards.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { codeOf, createAndOpen, describeDiagnostics, fixture, waitForCode, waitForDiagnostics } from './helpers';

async function deploymentCopy(name: string): Promise<vscode.TextDocument> {
  const text = Buffer.from(await vscode.workspace.fs.readFile(fixture('deployment.yaml'))).toString('utf8');
  return createAndOpen(name, text);
}

function isCodeAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  return !('command' in a && typeof a.command === 'string');
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  // The last argument asks VS Code to resolve (codeAction/resolve) the actions, as it does before applying one.
  const all = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
    1000,
  );
  return (all ?? []).filter(isCodeAction);
}

function assertValidYaml(text: string): void {
  for (const d of parseAllDocuments(text)) {
    assert.deepStrictEqual(
      d.errors.map((e) => e.message),
      [],
      'the fix produced invalid YAML',
    );
  }
}

describe('code actions', () => {
  it('offers a quick fix for readiness-probe-missing; applying it adds a readinessProbe and clears the finding', async () => {
    const doc = await deploymentCopy('quick-fix-readiness.yaml');
    const ds = await waitForCode(doc.uri, 'readiness-probe-missing');
    const finding = ds.find((d) => codeOf(d) === 'readiness-probe-missing')!;
    const actions = await codeActions(doc.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    // vscode.executeCodeActionProvider does not pass CodeAction.diagnostics through to the caller, so the
    // fix is found by what it says it does (and then judged by what it does).
    const candidates = actions.filter((a) => /readinessProbe/.test(a.title) && !/ignore/i.test(a.title) && a.edit);
    const fix = candidates.find((a) => a.isPreferred) ?? candidates[0];
    const show = (a: vscode.CodeAction) =>
      `${a.title} [${a.kind?.value}${a.isPreferred ? ', preferred' : ''}; ${a.edit ? 'edit' : 'no edit'}]`;
    assert.ok(fix, `no quick fix for readiness-probe-missing; got:\n      ${actions.map(show).join('\n      ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit failed');
    assert.match(doc.getText(), /^\s+readinessProbe:\s*$/m);
    assertValidYaml(doc.getText());
    const after = await waitForDiagnostics(
      doc.uri,
      (all) => !all.some((d) => codeOf(d) === 'readiness-probe-missing') && all.some((d) => codeOf(d) === 'liveness-probe-missing'),
      'readiness-probe-missing fixed, the rest still reported',
    );
    assert.ok(after.length < ds.length, describeDiagnostics(after));
  });

  it('an Ignore quick fix silences only that finding', async () => {
    const doc = await deploymentCopy('quick-fix-ignore.yaml');
    const ds = await waitForCode(doc.uri, 'readiness-probe-missing');
    const finding = ds.find((d) => codeOf(d) === 'readiness-probe-missing')!;
    const actions = await codeActions(doc.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => /ignore/i.test(a.title) && a.title.includes('readiness-probe-missing') && a.edit);
    assert.ok(ignore, `no Ignore quick fix for readiness-probe-missing; got: ${actions.map((a) => a.title).join(', ')}`);
    const textBefore = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!), 'applyEdit failed');
    assert.notStrictEqual(doc.getText(), textBefore);
    assertValidYaml(doc.getText());
    const after = await waitForDiagnostics(
      doc.uri,
      (all) => !all.some((d) => codeOf(d) === 'readiness-probe-missing') && all.some((d) => codeOf(d) === 'liveness-probe-missing'),
      'readiness-probe-missing silenced, the rest still reported',
    );
    assert.ok(
      after.some((d) => codeOf(d) === 'prestop-hook-missing'),
      describeDiagnostics(after),
    );
  });

  it('source.fixAll fixes what can be fixed in one edit', async () => {
    const doc = await deploymentCopy('fix-all.yaml');
    const before = await waitForDiagnostics(
      doc.uri,
      (all) =>
        ['readiness-probe-missing', 'liveness-probe-missing', 'prestop-hook-missing'].every((id) => all.some((d) => codeOf(d) === id)),
      'the default findings',
    );
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(doc.uri, whole, vscode.CodeActionKind.SourceFixAll.value);
    const fixAll = actions.find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind) && a.edit);
    assert.ok(fixAll, `no source.fixAll action; got: ${actions.map((a) => `${a.title} (${a.kind?.value})`).join(', ')}`);
    const textBefore = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!), 'applyEdit failed');
    assert.notStrictEqual(doc.getText(), textBefore);
    assertValidYaml(doc.getText());
    const beforeIds = new Set(before.map(codeOf));
    const after = await waitForDiagnostics(
      doc.uri,
      (all) => !all.some((d) => codeOf(d) === 'readiness-probe-missing'),
      'readiness-probe-missing fixed',
    );
    assert.ok(after.length < before.length, describeDiagnostics(after));
    for (const d of after) assert.ok(beforeIds.has(codeOf(d)), `fix-all introduced ${codeOf(d)}`);
  });
});

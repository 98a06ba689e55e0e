// Diagnostics for a plain Deployment, as VS Code shows them: rule id as code with a docs link, range,
// severity and source.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SOURCE, codeOf, describeDiagnostics, extension, lineOf, openFixture, waitForDiagnostics } from './helpers';

/** Every rule has a severity setting `kubeZeroDowntime.rules.<id>` in the manifest of the extension under test. */
function ruleIds(): string[] {
  const props = (extension().packageJSON.contributes?.configuration?.properties ?? {}) as Record<string, unknown>;
  return Object.keys(props)
    .filter((k) => k.startsWith('kubeZeroDowntime.rules.'))
    .map((k) => k.slice('kubeZeroDowntime.rules.'.length));
}

describe('diagnostics for a Deployment', () => {
  const expected = ['readiness-probe-missing', 'liveness-probe-missing', 'prestop-hook-missing', 'rolling-update-unavailable'];
  let doc: vscode.TextDocument;
  let ds: vscode.Diagnostic[];

  before(async () => {
    doc = await openFixture('deployment.yaml');
    ds = await waitForDiagnostics(doc.uri, (all) => expected.every((id) => all.some((d) => codeOf(d) === id)), expected.join(', '));
  });

  const one = (id: string): vscode.Diagnostic => {
    const found = ds.filter((d) => codeOf(d) === id);
    assert.strictEqual(found.length, 1, `expected one ${id}, got:\n    ${describeDiagnostics(ds)}`);
    return found[0];
  };

  it('uses rule ids as codes, with a link to the rule docs, source kube-zero-downtime', () => {
    const RULE_IDS = ruleIds();
    assert.ok(RULE_IDS.includes('readiness-probe-missing'), `rule settings: ${RULE_IDS.join(', ')}`);
    for (const d of ds) {
      assert.strictEqual(d.source, SOURCE);
      const id = codeOf(d);
      assert.ok(id && RULE_IDS.includes(id), `unknown code ${id}`);
      assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri, `${id} has no docs link`);
      assert.ok(d.code.target.toString().includes(id), `${id} links to ${d.code.target.toString()}`);
      assert.ok(d.message.trim().length > 0, `${id} has an empty message`);
    }
  });

  it('reports readiness-probe-missing as a warning on the container name', () => {
    const d = one('readiness-probe-missing');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    const line = lineOf(doc, '- name: web');
    assert.strictEqual(d.range.start.line, line, describeDiagnostics([d]));
    assert.strictEqual(d.range.end.line, line, describeDiagnostics([d]));
    assert.ok(d.range.start.character >= doc.lineAt(line).text.indexOf('name'), describeDiagnostics([d]));
    assert.ok(!d.range.isEmpty, 'empty range');
    assert.ok(doc.getText(d.range).length > 0);
  });

  it('reports liveness-probe-missing and prestop-hook-missing on the same container', () => {
    const line = lineOf(doc, '- name: web');
    for (const id of ['liveness-probe-missing', 'prestop-hook-missing']) {
      const d = one(id);
      assert.strictEqual(d.range.start.line, line, describeDiagnostics([d]));
    }
  });

  it('reports rolling-update-unavailable on kind: Deployment when there is no strategy', () => {
    const d = one('rolling-update-unavailable');
    assert.strictEqual(d.range.start.line, lineOf(doc, 'kind: Deployment'), describeDiagnostics([d]));
  });

  it('reports no finding that does not apply to this manifest', () => {
    const codes = ds.map(codeOf);
    for (const id of [
      'probes-identical',
      'recreate-strategy',
      'rolling-update-invalid',
      'grace-period-too-short',
      'envoy-retry-missing',
      'append-headers-removed',
    ]) {
      assert.ok(!codes.includes(id), `unexpected ${id}:\n    ${describeDiagnostics(ds)}`);
    }
  });
});

// A file with a YAML syntax error in one document: that document gets an Information diagnostic saying it
// was not checked; the other documents are still checked.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, documentLines, lineOf, openFixture, waitForDiagnostics } from './helpers';

describe('a file with a YAML syntax error', () => {
  it('marks the broken document as not checked and still checks the others', async () => {
    const doc = await openFixture('broken.yaml');
    const parts = documentLines(doc);
    assert.strictEqual(parts.length, 3);
    const inPart = (d: vscode.Diagnostic, i: number) => d.range.start.line >= parts[i].start && d.range.start.line < parts[i].end;
    const ds = await waitForDiagnostics(
      doc.uri,
      (all) =>
        all.some((d) => inPart(d, 1) && d.severity === vscode.DiagnosticSeverity.Information) &&
        all.some((d) => inPart(d, 0) && codeOf(d) === 'readiness-probe-missing') &&
        all.some((d) => inPart(d, 2) && codeOf(d) === 'readiness-probe-missing'),
      'an Information diagnostic in the broken document and findings in the others',
    );
    const notice = ds.filter((d) => inPart(d, 1) && d.severity === vscode.DiagnosticSeverity.Information);
    assert.strictEqual(notice.length, 1, describeDiagnostics(ds));
    assert.match(notice[0].message, /check|skip|syntax|pars/i);
    const rules = ds.filter((d) => inPart(d, 1) && d.severity !== vscode.DiagnosticSeverity.Information);
    assert.deepStrictEqual(rules, [], `the broken document was checked anyway:\n    ${describeDiagnostics(rules)}`);
    const readiness = ds
      .filter((d) => codeOf(d) === 'readiness-probe-missing')
      .map((d) => d.range.start.line)
      .sort((a, b) => a - b);
    assert.deepStrictEqual(readiness, [lineOf(doc, '- name: before'), lineOf(doc, '- name: after')], describeDiagnostics(ds));
  });
});

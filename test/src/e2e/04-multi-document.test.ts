// A file with several YAML documents: each is checked on its own, findings land in the right document.
import * as assert from 'assert';
import { codeOf, describeDiagnostics, documentLines, lineOf, openFixture, waitForDiagnostics } from './helpers';

describe('a multi-document file', () => {
  it('reports findings in each Deployment and none in the Service between them', async () => {
    const doc = await openFixture('multi.yaml');
    const ds = await waitForDiagnostics(
      doc.uri,
      (all) => all.filter((d) => codeOf(d) === 'readiness-probe-missing').length === 2,
      'two readiness-probe-missing findings',
    );
    const parts = documentLines(doc);
    assert.strictEqual(parts.length, 3);
    const readiness = ds
      .filter((d) => codeOf(d) === 'readiness-probe-missing')
      .map((d) => d.range.start.line)
      .sort((a, b) => a - b);
    assert.deepStrictEqual(readiness, [lineOf(doc, '- name: api'), lineOf(doc, '- name: worker')], describeDiagnostics(ds));
    const rolling = ds
      .filter((d) => codeOf(d) === 'rolling-update-unavailable')
      .map((d) => d.range.start.line)
      .sort((a, b) => a - b);
    assert.deepStrictEqual(
      rolling,
      [lineOf(doc, 'kind: Deployment'), lineOf(doc, 'kind: Deployment', parts[2].start)],
      describeDiagnostics(ds),
    );
    const inService = ds.filter((d) => d.range.start.line >= parts[1].start && d.range.start.line < parts[1].end);
    assert.deepStrictEqual(inService, [], `findings in the Service:\n    ${describeDiagnostics(inService)}`);
  });
});

// Issue 15, item 9: values the API server rejects are said (invalid-field-value, an error), and no other rule
// computes with them; CR-only line endings and an image written as !!binary no longer silence a file.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintText, lintWithFixes } from '../../../server/out/engine';
import { lineStarts, positionIn } from '../../../server/out/engine/text';

function deployment(strategy: string, replicas = '4'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    `  replicas: ${replicas}`,
    '  strategy:',
    '    rollingUpdate:',
    `      ${strategy}`,
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: example/web:1',
    '          ports: [{containerPort: 80}]',
    '',
  ].join('\n');
}

const rules = (text: string) => lintText(text).findings.map((f) => f.ruleId);

describe('invalid values are said, never computed with', () => {
  for (const value of ['-5', 'true', '"abc%"', '150%', '"1"', '1.5', '.inf']) {
    test(`maxUnavailable: ${value}: an error on the value, and no rollout arithmetic`, () => {
      const result = lintText(deployment(`maxUnavailable: ${value}`));
      const invalid = result.findings.filter((f) => f.ruleId === 'invalid-field-value');
      assert.equal(invalid.length, 1, JSON.stringify(result.findings.map((f) => f.message)));
      assert.equal(invalid[0].severity, 'error');
      assert.match(invalid[0].message, /spec\.strategy\.rollingUpdate\.maxUnavailable is .*The API server rejects Deployment "web"/);
      assert.ok(!result.findings.some((f) => f.ruleId === 'rolling-update-unavailable'), 'no arithmetic on an invalid value');
      assert.ok(!result.findings.some((f) => /of the 4 replicas/.test(f.message)));
    });
  }

  test('a quoted replica count is invalid: no rule counts it as 3', () => {
    const result = lintText(deployment('maxUnavailable: 0', '"3"'));
    assert.ok(result.findings.some((f) => f.ruleId === 'invalid-field-value' && /spec\.replicas is "3"/.test(f.message)));
    for (const id of ['pdb-missing', 'replicas-not-spread', 'single-replica']) {
      assert.ok(!rules(deployment('maxUnavailable: 0', '"3"')).includes(id), id);
    }
  });

  test('containers: 5 is said, not silence', () => {
    const text = deployment('maxUnavailable: 0').replace(/ {6}containers:[\s\S]*$/, '      containers: 5\n');
    const invalid = lintText(text).findings.filter((f) => f.ruleId === 'invalid-field-value');
    assert.equal(invalid.length, 1);
    assert.match(invalid[0].message, /containers is 5: 5, not a list/);
  });

  test('image: !!binary is said, and the Deployment is still judged as a whole', () => {
    const text = deployment('maxUnavailable: 0').replace('image: example/web:1', 'image: !!binary aGVsbG8=');
    const found = rules(text);
    assert.ok(found.includes('invalid-field-value'), found.join(', '));
    assert.ok(found.includes('readiness-probe-missing'), `the container is not taken for a patch: ${found.join(', ')}`);
  });

  test('CR-only line endings are lines: the same findings as the LF text, at the same lines, fixes written with CR', () => {
    const lf = deployment('maxUnavailable: 1');
    const cr = lf.replace(/\n/g, '\r');
    const ofLf = lintWithFixes(lf).findings;
    const ofCr = lintWithFixes(cr).findings;
    assert.ok(ofLf.length > 3);
    assert.deepEqual(
      ofCr.map((f) => [f.ruleId, f.start, f.end]),
      ofLf.map((f) => [f.ruleId, f.start, f.end]),
    );
    assert.equal(lintText(cr).notices.length, 0);
    const at = (text: string, offset: number) => positionIn(lineStarts(text), offset);
    assert.deepEqual(at(cr, ofCr[0].start), at(lf, ofLf[0].start), 'line and column as the editor counts them');
    const edits = ofCr.flatMap((f) => f.fixes.flatMap((fix) => fix.edits));
    assert.ok(edits.length > 0);
    for (const edit of edits) assert.doesNotMatch(edit.newText, /\n/, `a fix of a CR-only file writes CR: ${JSON.stringify(edit.newText)}`);
    assert.ok(edits.some((edit) => edit.newText.includes('\r')));
  });
});

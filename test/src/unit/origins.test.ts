// The origin seam (issue 11): a document of the model may be a rendered text with an origin map. Here a trivial
// renderer assembles one text from two files; findings on it are placed in the file each came from, fixes edit
// that file, and applying them there and rendering again clears the finding (and a second time changes nothing).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileModel, Linter, lintWithFixes, OriginMap, type Finding, type OriginSpan, type RenderedText } from '../../../server/out/engine';
import { applyEdits } from '../../../server/out/engine/fix/fixAll';

const FILES: Record<string, string> = {
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: web:1.0
          ports:
            - containerPort: 8080
`,
  'overlay/pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 0
  selector:
    matchLabels: {app: web}
`,
};

/** Joins the files with document markers; each file's text is copied verbatim, the markers come from nowhere. */
function render(files: Record<string, string>): RenderedText {
  let text = '';
  const origins: OriginSpan[] = [];
  for (const [file, content] of Object.entries(files)) {
    if (text !== '') text += '---\n';
    origins.push({ start: text.length, end: text.length + content.length, kind: 'copy', source: { file, start: 0, end: content.length } });
    text += content;
  }
  return { text, origins };
}

function lintRendered(files: Record<string, string>): { linter: Linter; findings: Finding[] } {
  const rendered = render(files);
  const linter = new Linter(new FileModel({ kind: 'rendered', origins: OriginMap.of(rendered) }));
  return {
    linter,
    findings: linter.lint(rendered.text, { rules: { 'liveness-probe-missing': 'off', 'resources-missing': 'off' } }).findings,
  };
}

describe('rendered documents: findings and fixes at their origin', () => {
  it('a finding is placed in the file it came from, at the range a lint of that file alone gives', () => {
    const { findings } = lintRendered(FILES);
    const readiness = findings.find((f) => f.ruleId === 'readiness-probe-missing');
    assert.ok(readiness?.origin, JSON.stringify(findings));
    const alone = lintWithFixes(FILES['base/deployment.yaml']).findings.find((f) => f.ruleId === 'readiness-probe-missing');
    assert.deepEqual(readiness.origin, { file: 'base/deployment.yaml', start: alone?.start, end: alone?.end });
    // The PDB allows no eviction: that finding is in the other file.
    const blocks = findings.find((f) => f.ruleId === 'pdb-blocks-eviction');
    assert.equal(blocks?.origin?.file, 'overlay/pdb.yaml');
    assert.equal(FILES['overlay/pdb.yaml'].slice(blocks.origin.start, blocks.origin.end), 'maxUnavailable: 0');
  });

  it('fixes edit the source file; applied there and rendered again, the finding is gone, and a second time nothing changes', () => {
    const { linter, findings } = lintRendered(FILES);
    const readiness = findings.find((f) => f.ruleId === 'readiness-probe-missing')!;
    const [fix] = linter.fixesFor(readiness);
    assert.ok(fix, 'a fix is offered');
    assert.ok(
      fix.edits.every((edit) => edit.file === 'base/deployment.yaml'),
      JSON.stringify(fix.edits),
    );
    const fixed = { ...FILES, 'base/deployment.yaml': applyEdits(FILES['base/deployment.yaml'], fix.edits) };
    const again = lintRendered(fixed);
    assert.deepEqual(
      again.findings.filter((f) => f.ruleId === 'readiness-probe-missing'),
      [],
    );
    const second = again.findings.find((f) => f.ruleId === 'readiness-probe-missing');
    assert.equal(second, undefined, 'idempotent: nothing left to fix');
    // The other file was not touched, and still has its own finding.
    assert.ok(again.findings.some((f) => f.ruleId === 'pdb-blocks-eviction' && f.origin?.file === 'overlay/pdb.yaml'));
  });

  it('an edit of text that no source holds verbatim is not offered (no guesses)', () => {
    const rendered = render(FILES);
    const map = OriginMap.of(rendered);
    const separator = rendered.text.indexOf('---\n');
    assert.equal(map.mapEdit({ offset: separator + 1, length: 1, newText: 'x' }), undefined);
    assert.deepEqual(map.mapEdit({ offset: 2, length: 1, newText: 'x' }), {
      file: 'base/deployment.yaml',
      offset: 2,
      length: 1,
      newText: 'x',
    });
  });
});

// A file with thousands of findings: at most 1,000 diagnostics are published (VS Code shows no more per file),
// the most severe first as VS Code would keep them, and a last one says how many are not shown (issue 15).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { lintText } from '../../../server/out/engine';
import { TestServer, uriFor } from './harness';

/** A Deployment with a few warnings and infos, and (every 5th) an error: a rolling update that cannot progress. */
function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: 3
${i % 5 === 0 ? '  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 0\n' : ''}  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: app
          image: app:1
          ports:
            - containerPort: 8080
`;
}

describe('LSP: a file with more findings than an editor shows', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });

  it('publishes 1,000 diagnostics: the most severe first, then one that says how many more there are', async () => {
    const text = Array.from({ length: 180 }, (_, i) => deployment(i)).join('---\n');
    const { findings } = lintText(text);
    assert.ok(findings.length > 1200, `${findings.length} findings`);
    const published = await server.open(uriFor('many.yaml'), text);
    assert.equal(published.diagnostics.length, 1000);
    const last = published.diagnostics[999];
    assert.equal(last.code, 'not-shown');
    assert.equal(last.severity, DiagnosticSeverity.Information);
    assert.match(
      String(last.message),
      new RegExp(`^Not showing ${(findings.length - 999).toLocaleString('en-US')} further findings of this file`),
    );
    const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
    const shown = (severity: DiagnosticSeverity): number =>
      published.diagnostics.slice(0, 999).filter((d) => d.severity === severity).length;
    assert.ok(count('error') > 0 && count('error') + count('warning') < 999, 'errors and warnings fit, some infos do not');
    assert.equal(shown(DiagnosticSeverity.Error), count('error'), 'every error is shown');
    assert.equal(shown(DiagnosticSeverity.Warning), count('warning'), 'every warning is shown');
    assert.equal(shown(DiagnosticSeverity.Information), 999 - count('error') - count('warning'));
    // In the file's order, as without the cap.
    const lines = published.diagnostics.slice(0, 999).map((d) => d.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  it('publishes every diagnostic of a file with fewer than 1,000', async () => {
    const text = Array.from({ length: 20 }, (_, i) => deployment(i)).join('---\n');
    const published = await server.open(uriFor('some.yaml'), text);
    assert.equal(published.diagnostics.length, lintText(text).findings.length);
    assert.ok(!published.diagnostics.some((d) => d.code === 'not-shown'));
  });
});

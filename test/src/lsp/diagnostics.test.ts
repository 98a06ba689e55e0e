// Published diagnostics: shape, ranges, versions, bursts of edits, close.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { docsUrl } from '../../../server/out/engine';
import { DEPLOYMENT, rangeOf, ROOT, TestServer, uriFor } from './harness';

function byCode(params: PublishDiagnosticsParams, code: string): Diagnostic[] {
  return params.diagnostics.filter((d) => d.code === code);
}

function expectedHref(ruleId: string): string {
  const shipped = path.join(ROOT, 'docs', 'rules', `${ruleId}.md`);
  return fs.existsSync(shipped) ? pathToFileURL(shipped).href : docsUrl(ruleId);
}

describe('LSP diagnostics (stdio)', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0, 'server exits cleanly after shutdown/exit');
    } finally {
      server.kill();
    }
  });

  it('declares incremental sync and its name', () => {
    const result = server.initializeResult!;
    const sync = result.capabilities.textDocumentSync;
    assert.equal(typeof sync, 'object');
    assert.equal((sync as { change?: number }).change, 2, 'TextDocumentSyncKind.Incremental');
    assert.equal((sync as { openClose?: boolean }).openClose, true);
    assert.equal(result.serverInfo?.name, 'kube-zero-downtime');
  });

  it('registers for configuration changes dynamically', async () => {
    // The registration is sent after `initialized`; a publish round-trip orders us after it.
    await server.open(uriFor('registration.yaml'), 'a: 1\n');
    assert.ok(server.registrations.includes('workspace/didChangeConfiguration'), `registrations: ${server.registrations.join(', ')}`);
  });

  it('publishes findings for a Deployment on open, with code, source, range, severity, docs link and version', async () => {
    const uri = uriFor('deployment.yaml');
    const published = await server.open(uri, DEPLOYMENT, 7);
    assert.equal(published.version, 7);
    const nameRange = rangeOf(DEPLOYMENT, 'name: web\n          image').start;
    const containerName = { start: nameRange, end: { line: nameRange.line, character: nameRange.character + 'name: web'.length } };
    const kindRange = rangeOf(DEPLOYMENT, 'kind: Deployment');

    const readiness = byCode(published, 'readiness-probe-missing');
    assert.equal(readiness.length, 1, JSON.stringify(published.diagnostics));
    assert.deepEqual(readiness[0].range, containerName);
    assert.equal(readiness[0].severity, DiagnosticSeverity.Warning);
    assert.equal(readiness[0].source, 'kube-zero-downtime');
    assert.equal(readiness[0].codeDescription?.href, expectedHref('readiness-probe-missing'));
    assert.ok(typeof readiness[0].message === 'string' && readiness[0].message.length > 0);
    assert.deepEqual(
      { ruleId: (readiness[0].data as { ruleId: string }).ruleId, docIndex: (readiness[0].data as { docIndex: number }).docIndex },
      { ruleId: 'readiness-probe-missing', docIndex: 0 },
    );

    for (const code of ['liveness-probe-missing', 'prestop-hook-missing']) {
      const found = byCode(published, code);
      assert.equal(found.length, 1, `${code}: ${JSON.stringify(published.diagnostics)}`);
      assert.deepEqual(found[0].range, containerName, code);
      assert.equal(found[0].codeDescription?.href, expectedHref(code));
    }
    const rollout = byCode(published, 'rolling-update-unavailable');
    assert.equal(rollout.length, 1, JSON.stringify(published.diagnostics));
    assert.deepEqual(rollout[0].range, kindRange);

    for (const diagnostic of published.diagnostics) {
      assert.equal(diagnostic.source, 'kube-zero-downtime');
      assert.ok(
        [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint].includes(
          diagnostic.severity!,
        ),
      );
      assert.ok(/^(https|file):\/\//.test(diagnostic.codeDescription?.href ?? ''), `docs link of ${String(diagnostic.code)}`);
    }
  });

  it('re-publishes on an incremental change (adding a readinessProbe removes that finding)', async () => {
    const uri = uriFor('incremental.yaml');
    await server.open(uri, DEPLOYMENT, 1);
    const at = rangeOf(DEPLOYMENT, '          ports:').start;
    const probe = '          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: 80\n';
    const published = server.waitFor(uri, (p) => p.version === 2);
    await server.change(uri, 2, [{ range: { start: at, end: at }, text: probe }]);
    const after = await published;
    assert.equal(byCode(after, 'readiness-probe-missing').length, 0, JSON.stringify(after.diagnostics));
    assert.equal(byCode(after, 'prestop-hook-missing').length, 1);
  });

  it('analyses a burst of changes once and publishes only the latest version', async () => {
    const uri = uriFor('burst.yaml');
    await server.open(uri, DEPLOYMENT, 1);
    const countBefore = server.published.length;
    const replicas = rangeOf(DEPLOYMENT, '3');
    const last = 11;
    const published = server.waitFor(uri, (p) => p.version === last);
    // Versions 2..11 type "1" .. "10" over the replica count, all in one write (as fast typing arrives).
    const notifications = [];
    let current = replicas;
    for (let version = 2; version <= last; version++) {
      const text = String(version - 1);
      notifications.push({
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version }, contentChanges: [{ range: current, text }] },
      });
      current = { start: replicas.start, end: { line: replicas.start.line, character: replicas.start.character + text.length } };
    }
    server.writeBurst(notifications);
    const final = await published;
    assert.equal(final.version, last);
    // Round-trip once more so any late (stale) publish for this burst would have arrived before we look.
    await server.open(uriFor('burst-barrier.yaml'), 'a: 1\n');
    const forBurst = server.published.slice(countBefore).filter((p) => p.uri === uri);
    assert.deepEqual(
      forBurst.map((p) => p.version),
      [last],
      'one analysis for the whole burst, for its last version',
    );
  });

  it('never publishes an older version after a newer one while edits stream in', async () => {
    const uri = uriFor('stream.yaml');
    await server.open(uri, DEPLOYMENT, 1);
    const replicas = rangeOf(DEPLOYMENT, '3');
    const last = 30;
    const published = server.waitFor(uri, (p) => p.version === last);
    for (let version = 2; version <= last; version++) {
      // One character replaced per change: "3" -> "4" -> ... keeps the text valid.
      await server.change(uri, version, [{ range: { start: replicas.start, end: replicas.end }, text: String(version % 10) }]);
    }
    await published;
    await server.open(uriFor('stream-barrier.yaml'), 'a: 1\n');
    const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    for (let i = 1; i < versions.length; i++) {
      assert.ok(versions[i] >= versions[i - 1], `publish order ${versions.join(',')}`);
    }
    assert.equal(versions[versions.length - 1], last);
  });

  it('clears diagnostics on close', async () => {
    const uri = uriFor('closing.yaml');
    const opened = await server.open(uri, DEPLOYMENT, 1);
    assert.ok(opened.diagnostics.length > 0);
    const cleared = await server.close(uri);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('reopening a closed document starts afresh (version 1 is published again)', async () => {
    const uri = uriFor('reopen.yaml');
    await server.open(uri, DEPLOYMENT, 5);
    await server.close(uri);
    const reopened = await server.open(uri, DEPLOYMENT, 1);
    assert.equal(reopened.version, 1);
    assert.ok(reopened.diagnostics.length > 0);
  });

  it('gives non-Kubernetes YAML nothing: a compose file and a GitHub workflow', async () => {
    const compose = `services:
  web:
    image: nginx
    ports:
      - "80:80"
    deploy:
      replicas: 3
`;
    const workflow = `name: CI
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;
    assert.deepEqual((await server.open(uriFor('compose.yaml'), compose)).diagnostics, []);
    assert.deepEqual((await server.open(uriFor('.github/workflows/ci.yml'), workflow)).diagnostics, []);
  });

  it('stays alive', () => {
    assert.ok(server.isAlive(), server.stderr);
  });
});

describe('LSP over IPC (--node-ipc, what the VS Code client uses)', () => {
  it('initializes, publishes diagnostics and shuts down', async () => {
    const server = await TestServer.start({ transport: 'ipc' });
    try {
      const published = await server.open(uriFor('ipc.yaml'), DEPLOYMENT, 3);
      assert.equal(published.version, 3);
      assert.equal(byCode(published, 'readiness-probe-missing').length, 1);
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });
});

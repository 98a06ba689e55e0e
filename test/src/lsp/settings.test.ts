// Settings read through workspace/configuration, per document, applied live.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DEPLOYMENT, TestServer, uriFor } from './harness';

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();

describe('LSP settings (workspace/configuration)', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start({ settings: { enable: true, rules: {} } });
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });

  it('asks for the kubeZeroDowntime section scoped to the document', async () => {
    const uri = uriFor('scoped.yaml');
    await server.open(uri, DEPLOYMENT);
    const items = server.configurationRequests.flatMap((r) => (r as { items: { scopeUri?: string; section?: string }[] }).items);
    assert.ok(
      items.some((item) => item.scopeUri === uri && item.section === 'kubeZeroDowntime'),
      JSON.stringify(items),
    );
  });

  it('turns a rule off and changes a severity live on didChangeConfiguration', async () => {
    const uri = uriFor('live.yaml');
    const first = await server.open(uri, DEPLOYMENT);
    assert.ok(codes(first).includes('readiness-probe-missing'));
    assert.ok(codes(first).includes('prestop-hook-missing'));

    server.settings = { enable: true, rules: { 'readiness-probe-missing': 'off', 'prestop-hook-missing': 'information' } };
    const republished = server.waitFor(uri, (p) => !codes(p).includes('readiness-probe-missing'), {
      label: 'without readiness-probe-missing',
    });
    await server.configurationChanged();
    const second = await republished;
    assert.equal(second.version, 1, 'same document version, new settings');
    const prestop = second.diagnostics.find((d) => d.code === 'prestop-hook-missing');
    assert.equal(prestop?.severity, DiagnosticSeverity.Information, "'information' maps to LSP Information");
    assert.ok(codes(second).includes('liveness-probe-missing'), 'other rules unaffected');

    server.settings = { enable: true, rules: {} };
    const restored = server.waitFor(uri, (p) => codes(p).includes('readiness-probe-missing'), {
      label: 'with readiness-probe-missing again',
    });
    await server.configurationChanged();
    await restored;
  });

  it('the master switch publishes nothing, and back on publishes again', async () => {
    const uri = uriFor('switch.yaml');
    const first = await server.open(uri, DEPLOYMENT);
    assert.ok(first.diagnostics.length > 0);

    server.settings = { enable: false };
    const off = server.waitFor(uri, (p) => p.diagnostics.length === 0, { label: 'empty (disabled)' });
    await server.configurationChanged();
    await off;
    // While disabled, edits publish empty diagnostics too.
    const edited = server.waitFor(uri, (p) => p.version === 2);
    await server.change(uri, 2, [{ text: DEPLOYMENT.replace('replicas: 3', 'replicas: 4') }]);
    assert.deepEqual((await edited).diagnostics, []);

    server.settings = { enable: true };
    const on = server.waitFor(uri, (p) => p.diagnostics.length > 0, { label: 'findings (enabled)' });
    await server.configurationChanged();
    assert.equal((await on).version, 2);
  });

  it('maxFileSizeMB applies (a tiny limit marks the file not checked)', async () => {
    const uri = uriFor('limit.yaml');
    server.settings = { enable: true, maxFileSizeMB: 0.0001 };
    await server.configurationChanged();
    const published = await server.open(uri, DEPLOYMENT);
    assert.deepEqual(codes(published), ['not-checked'], JSON.stringify(published.diagnostics));
    assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Information);
    server.settings = {};
  });

  it('junk settings fall back to defaults', async () => {
    server.settings = { enable: 'yes', maxFileSizeMB: -3, rules: { 'readiness-probe-missing': 'loud', 'no-such-rule': 'off' } };
    await server.configurationChanged();
    const published = await server.open(uriFor('junk-settings.yaml'), DEPLOYMENT);
    assert.ok(codes(published).includes('readiness-probe-missing'), JSON.stringify(published.diagnostics));
    server.settings = {};
  });
});

describe('LSP settings without workspace/configuration support', () => {
  it('uses the defaults and never asks', async () => {
    const server = await TestServer.start({ configuration: false });
    try {
      const published = await server.open(uriFor('no-config.yaml'), DEPLOYMENT);
      assert.ok(published.diagnostics.some((d) => d.code === 'readiness-probe-missing'));
      assert.equal(server.configurationRequests.length, 0);
      assert.equal(server.registrations.length, 0);
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });
});

// Restricted Mode (an untrusted workspace): the VS Code client starts the server with
// initializationOptions.workspaceTrusted = false, and the project config file is then not read: its rule
// severities and ignore globs do not apply, and an open config file says so instead of being validated.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DEPLOYMENT, TestServer } from './harness';

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();

describe('LSP in Restricted Mode (workspaceTrusted: false)', () => {
  let server: TestServer;
  let workspace: string;
  const uriOf = (rel: string): string => pathToFileURL(path.join(workspace, rel)).href;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-lsp-restricted-'));
    fs.mkdirSync(path.join(workspace, '.git'));
    // Would turn a rule off and ignore a folder, if it were read.
    fs.writeFileSync(path.join(workspace, '.kube-zero-downtime.yaml'), 'rules:\n  readiness-probe-missing: off\nignore:\n  - legacy/\n');
    server = await TestServer.start({
      settings: { enable: true, rules: {} },
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
      initializationOptions: { workspaceTrusted: false },
    });
    await server.waitForLog(/^Workspace index: .*YAML files indexed/);
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('says in the log that config files are not read', () => {
    assert.ok(
      server.logs.some((log) => /^Restricted Mode: \.kube-zero-downtime\.yaml files are not read/.test(log.message)),
      JSON.stringify(server.logs.map((l) => l.message)),
    );
  });

  it('checks files with the settings alone: the config neither turns rules off nor ignores files', async () => {
    const published = await server.open(uriOf('apps/web/deploy.yaml'), DEPLOYMENT);
    assert.ok(codes(published).includes('readiness-probe-missing'), JSON.stringify(codes(published)));
    const ignoredIfTrusted = await server.open(uriOf('legacy/old.yaml'), DEPLOYMENT);
    assert.ok(ignoredIfTrusted.diagnostics.length > 0, 'legacy/ is checked');
  });

  it('an open config file gets one notice instead of its problems', async () => {
    const published = await server.open(uriOf('.kube-zero-downtime.yaml'), 'rules:\n  recreate-strategy: sometimes\n');
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message]),
      [
        [
          'config-not-applied',
          DiagnosticSeverity.Information,
          0,
          'Not applied: this workspace is in Restricted Mode. Trust the workspace to apply this config file.',
        ],
      ],
    );
  });
});

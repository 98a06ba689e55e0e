// The project config file in the language server: applied with precedence over VS Code settings, watched
// (re-lint on change), and its own problems shown on the config file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { DEPLOYMENT, TestServer } from './harness';

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();
const severityOf = (p: PublishDiagnosticsParams, code: string): number | undefined => p.diagnostics.find((d) => d.code === code)?.severity;

describe('LSP project config (.kube-zero-downtime.yaml)', () => {
  let server: TestServer;
  let workspace: string;
  let configFile: string;
  let configUri: string;
  const uriOf = (rel: string): string => pathToFileURL(path.join(workspace, rel)).href;

  /** Writes the config on disk and tells the server, as the client's file watcher would. */
  async function writeConfig(text: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    fs.writeFileSync(configFile, text);
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type }] });
  }

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-lsp-config-'));
    fs.mkdirSync(path.join(workspace, '.git'));
    configFile = path.join(workspace, '.kube-zero-downtime.yaml');
    configUri = pathToFileURL(configFile).href;
    fs.writeFileSync(configFile, 'rules:\n  readiness-probe-missing: off\n  prestop-hook-missing: error\nignore:\n  - legacy/\n');
    server = await TestServer.start({
      settings: { enable: true, rules: {} },
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
      },
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    });
    // The workspace index (cross-file context) re-lints open documents once its first scan is done: let it finish
    // first, so every publish awaited below answers the change the test makes.
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

  it('applies the config: a rule off, another raised to error; registers a watcher for config files', async () => {
    const published = await server.open(uriOf('apps/web/deploy.yaml'), DEPLOYMENT);
    assert.ok(!codes(published).includes('readiness-probe-missing'), JSON.stringify(codes(published)));
    assert.equal(severityOf(published, 'prestop-hook-missing'), DiagnosticSeverity.Error);
    assert.ok(codes(published).includes('liveness-probe-missing'), 'rules the config does not mention keep their default');
    // The registration request was sent on `initialized`, before any diagnostics.
    assert.ok(server.registrations.includes('workspace/didChangeWatchedFiles'), JSON.stringify(server.registrations));
  });

  it('files matched by ignore get no diagnostics', async () => {
    const published = await server.open(uriOf('legacy/old.yaml'), DEPLOYMENT);
    assert.deepEqual(published.diagnostics, []);
  });

  it('user settings cannot loosen the config (and the server says why), unless overrideProjectConfig', async () => {
    const uri = uriOf('apps/web/deploy.yaml');
    server.settings = {
      enable: true,
      rules: { 'prestop-hook-missing': 'hint', 'readiness-probe-missing': 'warning', 'recreate-strategy': 'off' },
    };
    // Other publishes may come first (the workspace index re-lints open documents when another one's facts change).
    let next = server.waitFor(uri, (p) => severityOf(p, 'readiness-probe-missing') === DiagnosticSeverity.Warning, {
      label: 'after the settings change',
    });
    await server.configurationChanged();
    let published = await next;
    assert.equal(severityOf(published, 'prestop-hook-missing'), DiagnosticSeverity.Error, 'loosening ignored');
    assert.equal(severityOf(published, 'readiness-probe-missing'), DiagnosticSeverity.Warning, 'a user may turn a rule back on');
    assert.ok(
      server.logs.some(
        (log) =>
          log.message.includes('kubeZeroDowntime.rules.prestop-hook-missing = hint is ignored') &&
          log.message.includes('overrideProjectConfig'),
      ),
      JSON.stringify(server.logs.map((l) => l.message)),
    );

    server.settings = { ...server.settings, overrideProjectConfig: true };
    next = server.waitFor(uri, (p) => severityOf(p, 'prestop-hook-missing') === DiagnosticSeverity.Hint, {
      label: 'prestop at hint (override)',
    });
    await server.configurationChanged();
    published = await next;
    assert.equal(severityOf(published, 'readiness-probe-missing'), DiagnosticSeverity.Warning);

    server.settings = { enable: true, rules: {} };
    next = server.waitFor(
      uri,
      (p) => severityOf(p, 'prestop-hook-missing') === DiagnosticSeverity.Error && !codes(p).includes('readiness-probe-missing'),
      { label: 'config again' },
    );
    await server.configurationChanged();
    await next;
  });

  it('a config change on disk re-lints open documents', async () => {
    const uri = uriOf('apps/web/deploy.yaml');
    const relinted = server.waitFor(
      uri,
      (p) => codes(p).includes('readiness-probe-missing') && severityOf(p, 'prestop-hook-missing') === DiagnosticSeverity.Warning,
      {
        label: 'defaults after the config change',
      },
    );
    const ignoredToo = server.waitFor(uriOf('legacy/old.yaml'), (p) => p.diagnostics.length > 0, { label: 'legacy no longer ignored' });
    await writeConfig('rules:\n  liveness-probe-missing: off\n');
    const published = await relinted;
    assert.ok(!codes(published).includes('liveness-probe-missing'));
    await ignoredToo;
  });

  it('config problems are diagnostics on the config file (from disk; live text while open; disk again after close)', async () => {
    const onDisk = server.waitFor(configUri, (p) => p.diagnostics.length > 0, { label: 'config problems from disk' });
    await writeConfig('rules:\n  readiness-probe-misssing: off\n  liveness-probe-missing: loud\n');
    const disk = await onDisk;
    assert.deepEqual(
      disk.diagnostics.map((d) => [d.code, d.source, d.severity, d.range.start.line, d.range.start.character, d.message]),
      [
        [
          'config-error',
          'kube-zero-downtime',
          DiagnosticSeverity.Error,
          1,
          2,
          'unknown rule id "readiness-probe-misssing" (did you mean "readiness-probe-missing"?)',
        ],
        [
          'config-error',
          'kube-zero-downtime',
          DiagnosticSeverity.Error,
          2,
          26,
          'bad severity "loud" for rule "liveness-probe-missing": use error, warning, information, hint, off or default',
        ],
      ],
    );
    // The valid rest applies (nothing here), and documents are still checked.
    const open = server.published.filter((p) => p.uri === uriOf('apps/web/deploy.yaml')).at(-1);
    assert.ok(open && codes(open).includes('readiness-probe-missing'));

    const live = await server.open(configUri, 'rules:\n  recreate-strategy: sometimes\n');
    assert.deepEqual(
      live.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]),
      [[1, 21, 30, 'bad severity "sometimes" for rule "recreate-strategy": use error, warning, information, hint, off or default']],
    );
    const edited = server.waitFor(configUri, (p) => p.version === 2);
    await server.change(configUri, 2, [{ text: 'rules:\n  recreate-strategy: off\n' }]);
    assert.deepEqual((await edited).diagnostics, [], 'a valid config has no diagnostics (and is never linted as a manifest)');

    const backToDisk = server.waitFor(configUri, (p) => p.diagnostics.length === 2, { label: 'disk problems after close' });
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: configUri } });
    await backToDisk;

    const fixed = server.waitFor(configUri, (p) => p.diagnostics.length === 0, { label: 'cleared when fixed on disk' });
    await writeConfig('rules: {}\n');
    await fixed;
  });

  it('a config created later is found; one deleted stops applying', async () => {
    const uri = uriOf('apps/web/deploy.yaml');
    const nested = path.join(workspace, 'apps', '.kube-zero-downtime.yml');
    fs.mkdirSync(path.dirname(nested), { recursive: true });
    let next = server.waitFor(uri, (p) => !codes(p).includes('prestop-hook-missing'), { label: 'nested config applies' });
    fs.writeFileSync(nested, 'rules:\n  prestop-hook-missing: off\n');
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(nested).href, type: FileChangeType.Created }],
    });
    await next;

    next = server.waitFor(uri, (p) => codes(p).includes('prestop-hook-missing'), { label: 'nested config gone' });
    fs.rmSync(nested);
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(nested).href, type: FileChangeType.Deleted }],
    });
    await next;
    assert.ok(server.isAlive());
  });
});

// The language server's reads of files on disk are bounded (issue 15, item 5): a project config file linked to
// /dev/zero made the server read forever once the client reported it changed; FIFOs and links to devices in
// the workspace must not stop the index. Every wait here fails after a deadline instead of hanging.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import { DEPLOYMENT, TestServer } from './harness';

describe('LSP: bounded reads of files on disk', { skip: process.platform === 'win32' && 'FIFOs and /dev/zero are POSIX' }, () => {
  let server: TestServer;
  let workspace: string;
  let configUri: string;
  const uriOf = (rel: string): string => pathToFileURL(path.join(workspace, rel)).href;

  before(async () => {
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-lsp-reads-')));
    fs.mkdirSync(path.join(workspace, '.git'));
    fs.mkdirSync(path.join(workspace, 'apps'));
    fs.writeFileSync(path.join(workspace, 'apps', 'deploy.yaml'), DEPLOYMENT);
    assert.equal(spawnSync('mkfifo', [path.join(workspace, 'apps', 'fifo.yaml')]).status, 0);
    fs.symlinkSync('/dev/zero', path.join(workspace, 'apps', 'zero.yaml'));
    const configFile = path.join(workspace, '.kube-zero-downtime.yaml');
    fs.symlinkSync('/dev/zero', configFile);
    configUri = pathToFileURL(configFile).href;
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
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('the workspace index finishes its scan past a FIFO and a link to /dev/zero', async () => {
    const log = await server.waitForLog(/^Workspace index: .*YAML files indexed/);
    assert.match(log.message, / 1 YAML files indexed/);
  });

  it('a config file linked to /dev/zero is reported as not read, and documents under it are still checked', async () => {
    const problems = server.waitFor(configUri, (p) => p.diagnostics.length > 0);
    const published = await server.open(uriOf('apps/deploy.yaml'), DEPLOYMENT);
    assert.ok(published.diagnostics.length > 0);
    assert.deepEqual(
      (await problems).diagnostics.map((d) => d.message),
      ['config file not read: not a regular file (a character device)'],
    );
  });

  it('the client reporting the config changed does not make the server read it', async () => {
    const problems = server.waitFor(configUri, (p) => p.diagnostics.length > 0);
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: configUri, type: FileChangeType.Changed }],
    });
    assert.deepEqual(
      (await problems).diagnostics.map((d) => d.message),
      ['config file not read: not a regular file (a character device)'],
    );
    // Still answering: a new document gets its diagnostics.
    const other = await server.open(uriOf('apps/other.yaml'), DEPLOYMENT);
    assert.ok(other.diagnostics.length > 0);
  });
});

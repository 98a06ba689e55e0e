// What the server says in VS Code's Output channel and status bar: one readable line per file it does not check
// or does not index, and why (paths relative to the workspace folder, said again only when the reason changes);
// while the workspace index reads a large folder, work-done progress with the count of files, ended when done.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'url';
import { DEPLOYMENT, rangeOf, TestServer } from './harness';

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
spec:
  replicas: {{ .Values.replicaCount }}
`;
const BROKEN = `${DEPLOYMENT}---
apiVersion: v1
kind: ConfigMap
data:
  key: [unclosed, list
`;
const APPS = 250;

function makeFolder(withApps: boolean): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-output-')));
  // Over the index's 2 MiB limit: a comment line repeated.
  fs.writeFileSync(path.join(dir, 'big.yaml'), `${DEPLOYMENT}${'# padding padding padding padding padding padding\n'.repeat(45_000)}`);
  fs.writeFileSync(path.join(dir, 'broken.yaml'), BROKEN);
  fs.mkdirSync(path.join(dir, 'chart', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'chart', 'templates', 'deployment.yaml'), HELM);
  if (withApps) {
    fs.mkdirSync(path.join(dir, 'apps'));
    for (let i = 0; i < APPS; i++) {
      fs.writeFileSync(path.join(dir, 'apps', `app-${i}.yaml`), DEPLOYMENT.replace('name: web', `name: app-${i}`));
    }
  }
  return dir;
}

describe('LSP: the Output channel and the indexing progress', () => {
  let server: TestServer;
  let dir: string;
  const lines = (prefix: string) => server.logs.map((log) => log.message).filter((message) => message.startsWith(prefix));

  before(async () => {
    dir = makeFolder(true);
    server = await TestServer.start({
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'output' }],
      capabilities: { window: { workDoneProgress: true } },
    });
    await server.waitForLog(/^Workspace index: .*YAML files indexed/);
  });
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('one line per file the index skips, with the reason, relative to the folder', () => {
    assert.deepEqual(lines('Not indexed: ').sort(), [
      'Not indexed: big.yaml: the file is 2.1 MB, over the 2.0 MB limit of the workspace index: cross-file rules do not see its objects.',
      'Not indexed: broken.yaml: a document does not parse (line 24): cross-file rules do not see its objects there.',
      'Not indexed: chart/templates/deployment.yaml: Helm template syntax, not YAML until rendered: cross-file rules do not see its objects.',
    ]);
    assert.ok(
      lines('Workspace index: ').some((line) =>
        line.endsWith(`: ${APPS + 2} YAML files indexed, 1 not read (too large or unreadable: listed above).`),
      ),
      JSON.stringify(lines('Workspace index: ')),
    );
  });

  it('progress while the index reads a large folder: begun, counted in files, ended', async () => {
    await server.until(() => server.progress.some((p) => p.value.kind === 'end'), 'the end of the indexing progress');
    assert.equal(server.progressTokens.length, 1);
    const values = server.progress.filter((p) => p.token === server.progressTokens[0]).map((p) => p.value);
    const [begin, ...rest] = values;
    assert.equal(begin.kind, 'begin');
    assert.equal(begin.kind === 'begin' && begin.title, 'Indexing YAML files');
    assert.equal(rest[rest.length - 1].kind, 'end');
    const messages = values.map((value) => (value.kind === 'end' ? undefined : value.message)).filter((m) => m !== undefined);
    for (const message of messages) assert.match(message, /^\d+ of \d+ files$/);
    // Reported every 50 files read; how many were found by then depends on the order directories are listed in.
    const last = /^(\d+) of (\d+) files$/.exec(messages[messages.length - 1])!;
    assert.equal(last[1], '250');
    assert.ok(Number(last[2]) >= 250 && Number(last[2]) <= APPS + 3, messages[messages.length - 1]);
    assert.equal(values.filter((value) => value.kind === 'end').length, 1);
  });

  it('an open document not checked: one line, not repeated while the reason stays', async () => {
    const uri = pathToFileURL(path.join(dir, 'broken.yaml')).href;
    await server.open(uri, BROKEN);
    const expected =
      'Not checked: broken.yaml: document 2 (line 24) does not parse: Flow sequence in block collection must be sufficiently indented and end with a ]; the other documents are checked';
    assert.deepEqual(lines('Not checked: broken.yaml'), [expected]);
    const published = server.waitFor(uri, (p) => p.version === 2);
    await server.change(uri, 2, [{ range: rangeOf(BROKEN, 'key:'), text: 'other:' }]);
    await published;
    assert.deepEqual(lines('Not checked: broken.yaml'), [expected]);
  });
});

describe('LSP: no indexing progress for a small folder', () => {
  it('reads a few files without showing progress', async () => {
    const dir = makeFolder(false);
    const server = await TestServer.start({
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'small' }],
      capabilities: { window: { workDoneProgress: true } },
    });
    try {
      await server.waitForLog(/^Workspace index: .*YAML files indexed/);
      assert.deepEqual(server.progressTokens, []);
    } finally {
      await server.stop().catch(() => server.kill());
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

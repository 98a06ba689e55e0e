// --fix writes exactly what the editor's "Fix all" (source.fixAll.kube-zero-downtime from the real language
// server, applied save after save until it offers nothing) makes of every rule fixture; --fix-dry-run prints
// the same change as a unified diff that `git apply` turns into the --fix result, and writes nothing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeTextDocumentNotification, type CodeAction, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_TIMEOUT_MS, TestServer, withTimeout } from '../lsp/harness';
import { lintWithFixes } from '../../../server/out/engine';
import { applicableFixes, applyEdits } from '../../../server/out/engine/fix/fixAll';
import { cli, removeTrees, ROOT, tree } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

/** Both preStop fixes raise the same grace period: fix-all applies one per pass, so this takes two passes. */
const TWO_PASSES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      terminationGracePeriodSeconds: 5
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
        - name: api
          image: example/api:1.0
          ports:
            - containerPort: 8080
`;

function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const rule of fs.readdirSync(FIXTURES).sort()) {
    for (const name of fs.readdirSync(path.join(FIXTURES, rule)).sort()) {
      if (/\.ya?ml$/.test(name)) files[`${rule}/${name}`] = fs.readFileSync(path.join(FIXTURES, rule, name), 'utf8');
    }
  }
  files['multi-pass/two-containers.yaml'] = TWO_PASSES;
  return files;
}

/** What an editor with codeActionsOnSave: source.fixAll ends up with after saving until nothing changes. */
async function editorFixAll(server: TestServer, uri: string, text: string): Promise<string> {
  const document = TextDocument.create(uri, 'yaml', 1, text);
  await server.open(uri, text, 1);
  let current = document;
  for (let pass = 0; pass < 10; pass++) {
    const lines = current.getText().split('\n');
    const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
    const actions = (await withTimeout(
      server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics: [], only: ['source.fixAll'] },
      }),
      DEFAULT_TIMEOUT_MS,
      'source.fixAll',
    )) as CodeAction[] | null;
    const edits: TextEdit[] = actions?.[0]?.edit?.changes?.[uri] ?? [];
    if (edits.length === 0) break;
    const fixed = TextDocument.applyEdits(current, edits);
    if (fixed === current.getText()) break;
    current = TextDocument.create(uri, 'yaml', current.version + 1, fixed);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: current.version },
      contentChanges: [{ text: fixed }],
    });
  }
  await server.close(uri);
  return current.getText();
}

describe('CLI --fix and --fix-dry-run', () => {
  const files = fixtureFiles();
  const editor = new Map<string, string>();
  let server: TestServer;

  before(async () => {
    // The CLI judges the files it is given together (cross-file context); so does the editor with the same files
    // in its workspace folder, once the folder is indexed.
    const workspace = tree({ '.git/HEAD': '', ...files }, 'kzd-editor-');
    server = await TestServer.start({ settings: {}, workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'fixtures' }] });
    await server.waitForLog(/^Workspace index: .*YAML files indexed/);
    for (const [name, text] of Object.entries(files)) {
      editor.set(name, await editorFixAll(server, pathToFileURL(path.join(workspace, name)).href, text));
    }
  });

  after(async () => {
    removeTrees();
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });

  it("--fix on every rule fixture gives what the editor's fix-all gives, and reports it per file", () => {
    const dir = tree({ '.git/HEAD': '', ...files });
    const run = cli(['--fix', '--no-config', '.'], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    let changed = 0;
    for (const [name, text] of Object.entries(files)) {
      const got = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.equal(got, editor.get(name), `${name}: --fix differs from the editor's fix-all`);
      const reported = run.stdout.split('\n').some((line) => line.startsWith(`Fixed ${name.split('/').join(path.sep)}: `));
      assert.equal(reported, got !== text, `${name}: reported as fixed iff it changed`);
      if (got !== text) changed++;
    }
    assert.ok(changed >= 10, `fixtures actually fixed: ${changed}`);
    const onePass = applyEdits(TWO_PASSES, applicableFixes(lintWithFixes(TWO_PASSES).findings, { safeOnly: true }));
    assert.notEqual(onePass, editor.get('multi-pass/two-containers.yaml'), 'one case needs more than one pass');
    assert.match(run.stdout, /^Fixed \S+: \d+ fix(es)? \([a-z-]+ ×\d+(, [a-z-]+ ×\d+)*\)$/m);
    // A second run finds nothing more to fix.
    const again = cli(['--fix', '--no-config', '.'], { cwd: dir });
    assert.doesNotMatch(again.stdout, /^Fixed /m);
  });

  it('--fix-dry-run prints a unified diff that git apply turns into the --fix result, and writes nothing', () => {
    const dir = tree({ ...files });
    const run = cli(['--fix-dry-run', '--no-config', '.'], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    for (const [name, text] of Object.entries(files)) {
      assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text, `${name} untouched`);
    }
    assert.match(run.stdout, /^--- a\/\S+\n\+\+\+ b\/\S+\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    assert.match(run.stderr, /^Would fix /m);
    fs.writeFileSync(path.join(dir, 'fixes.diff'), run.stdout);
    const applied = spawnSync('git', ['apply', '--whitespace=nowarn', 'fixes.diff'], { cwd: dir, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    for (const [name] of Object.entries(files)) {
      assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), editor.get(name), `${name}: the diff applied equals the fix-all result`);
    }
  });

  it('--fix keeps the file encoding (UTF-16 with BOM, UTF-8 with BOM) and CRLF line ends', () => {
    const name = Object.keys(files).find((n) => n.startsWith('readiness-probe-missing/invalid-'))!;
    const text = files[name];
    const crlf = text.replace(/\r?\n/g, '\r\n');
    const dir = tree({
      'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'bom8.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      'plain.yaml': text,
      'crlf.yaml': crlf,
    });
    const run = cli(['--fix', '--no-config', '.'], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const plain = fs.readFileSync(path.join(dir, 'plain.yaml'), 'utf8');
    assert.notEqual(plain, text);
    const utf16 = fs.readFileSync(path.join(dir, 'utf16.yaml'));
    assert.deepEqual([...utf16.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(utf16.subarray(2).toString('utf16le'), plain);
    const bom8 = fs.readFileSync(path.join(dir, 'bom8.yaml'));
    assert.deepEqual([...bom8.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bom8.subarray(3).toString('utf8'), plain);
    const fixedCrlf = fs.readFileSync(path.join(dir, 'crlf.yaml'), 'utf8');
    assert.notEqual(fixedCrlf, crlf);
    assert.doesNotMatch(fixedCrlf, /[^\r]\n/, 'every line break stays CRLF');
  });
});

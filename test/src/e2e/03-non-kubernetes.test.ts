// YAML that is not Kubernetes gets nothing. "Nothing" is proven without sleeping: the non-Kubernetes files
// are opened first, then a Kubernetes file; once that file's findings have arrived, the server has already
// been through the files opened before it.
// VS Code (1.90+) opens compose files as language `dockercompose`, which the extension does not even look
// at; the test switches such a file to `yaml` so that the server really is asked about it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { createAndOpen, describeDiagnostics, fixture, openFixture, ours, waitForCode } from './helpers';

describe('YAML that is not Kubernetes', () => {
  it('gets no findings (docker-compose file, GitHub workflow)', async () => {
    const files = ['docker-compose.yml', '.github/workflows/ci.yml'];
    const docs: vscode.TextDocument[] = [];
    for (const f of files) {
      let doc = await openFixture(f);
      if (doc.languageId !== 'yaml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      assert.strictEqual(doc.languageId, 'yaml', `${f} is not opened as YAML, so the test would prove nothing`);
      docs.push(doc);
    }
    const deployment = await vscode.workspace.fs.readFile(fixture('deployment.yaml'));
    const sentinel = await createAndOpen('sentinel-non-kubernetes.yaml', Buffer.from(deployment).toString('utf8'));
    await waitForCode(sentinel.uri, 'readiness-probe-missing');
    for (const doc of docs) {
      assert.deepStrictEqual(ours(doc.uri), [], `${vscode.workspace.asRelativePath(doc.uri)}:\n    ${describeDiagnostics(ours(doc.uri))}`);
    }
  });
});

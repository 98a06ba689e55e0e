// Snippets contributed in package.json: offered by completion in a YAML file, and a manifest inserted from a
// snippet gets no findings.
//
// TODO(snippets): pending until snippets/kubernetes-zero-downtime.code-snippets exists; runs as soon as it does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { codeOf, createAndOpen, describeDiagnostics, extension, fixture, lineOf, waitForDiagnostics } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

function snippetsFile(): string | undefined {
  const ext = vscode.extensions.getExtension('kube-zero-downtime.kube-zero-downtime');
  if (!ext) return undefined;
  const contributed = (ext.packageJSON.contributes?.snippets ?? []) as Array<{ language: string; path: string }>;
  const yaml = contributed.find((s) => s.language === 'yaml');
  const file = yaml && path.join(ext.extensionPath, yaml.path);
  return file && fs.existsSync(file) ? file : undefined;
}

function readSnippets(file: string): Map<string, Snippet> {
  // .code-snippets files are JSON with comments.
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return new Map(Object.entries(JSON.parse(text) as Record<string, Snippet>));
}

const MARK = '--- # e2e sentinel';
const file = snippetsFile();
const pendingUnlessSnippets = file ? it : it.skip;

describe('snippets', () => {
  pendingUnlessSnippets('are offered by completion in a YAML file', async () => {
    const snippets = readSnippets(file!);
    assert.ok(snippets.size > 0);
    const doc = await createAndOpen('snippet-completion.yaml', '');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 0),
    );
    const offered = new Set(
      list.items
        .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
    );
    for (const [name, s] of snippets) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(
        prefixes.some((p) => offered.has(p)),
        `snippet "${name}" (${prefixes.join(', ')}) not offered; offered: ${[...offered].join(', ')}`,
      );
    }
  });

  pendingUnlessSnippets('each manifest snippet, inserted, produces no findings', async () => {
    assert.ok(extension());
    const snippets = readSnippets(file!);
    const sentinel = Buffer.from(await vscode.workspace.fs.readFile(fixture('deployment.yaml'))).toString('utf8');
    let i = 0;
    for (const [name, s] of snippets) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      // The file starts with a separator and a Deployment known to have a finding; the snippet goes on top.
      const doc = await createAndOpen(`snippet-${i++}.yaml`, `\n${MARK}\n${sentinel}`);
      const editor = await vscode.window.showTextDocument(doc);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(body), new vscode.Position(0, 0)), `could not insert ${name}`);
      const inserted = doc.getText(new vscode.Range(0, 0, lineOf(doc, MARK), 0));
      const parsed = parseAllDocuments(inserted);
      assert.deepStrictEqual(
        parsed.flatMap((d) => d.errors.map((e) => e.message)),
        [],
        `snippet "${name}" is not valid YAML`,
      );
      // Waiting for the sentinel's finding on its *new* line proves the server has checked the edited text.
      const sentinelLine = lineOf(doc, '- name: web', lineOf(doc, MARK));
      const ds = await waitForDiagnostics(
        doc.uri,
        (all) => all.some((d) => codeOf(d) === 'readiness-probe-missing' && d.range.start.line === sentinelLine),
        `the sentinel finding on line ${sentinelLine + 1} after inserting "${name}"`,
      );
      const inSnippet = ds.filter((d) => d.range.start.line < lineOf(doc, MARK));
      assert.deepStrictEqual(inSnippet, [], `snippet "${name}" has findings:\n    ${describeDiagnostics(inSnippet)}`);
    }
  });
});

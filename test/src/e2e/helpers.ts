// Shared helpers for the integration tests: open fixture files and wait (on events, with a timeout, never
// a sleep) until VS Code shows the expected diagnostics.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kube-zero-downtime.kube-zero-downtime';
export const SOURCE = 'kube-zero-downtime';
/** How long to wait for the language server; its first start in a cold extension host takes a few seconds. */
export const DIAGNOSTICS_TIMEOUT_MS = 15_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the e2e workspace folder open (test/e2e-workspace)');
  return folder.uri;
}

export function fixture(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

export async function openFixture(relPath: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixture(relPath));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Writes a new file into the workspace (unique name per test) and opens it. */
export async function createAndOpen(relPath: string, text: string, show = true): Promise<vscode.TextDocument> {
  const uri = fixture(relPath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The rule id of a diagnostic (`code` is `{ value, target }` when the server sends a docs link). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function withCode(uri: vscode.Uri, id: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => codeOf(d) === id);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds
    .map(
      (d) =>
        `${d.source}/${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
    )
    .join('\n    ');
}

/**
 * Resolves with the extension's diagnostics for uri as soon as predicate holds for them: checked now, then
 * on every vscode.languages.onDidChangeDiagnostics event for uri. Rejects after timeoutMs, listing what was
 * there, so a failure says what VS Code showed instead.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!predicate(ds)) return false;
      done();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `timed out after ${timeoutMs}ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; diagnostics:\n    ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Waits until the extension reported at least one finding with rule id `id` for uri. */
export function waitForCode(uri: vscode.Uri, id: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === id), `a ${id} finding`, timeoutMs);
}

/** Resolves on the first onDidChangeDiagnostics event that mentions uri (registered before the caller acts). */
export function nextDiagnosticsEvent(uri: vscode.Uri): { promise: Promise<void>; seen: () => boolean; dispose: () => void } {
  let seen = false;
  let resolveFn: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (resolveFn = resolve));
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) {
      seen = true;
      resolveFn();
    }
  });
  return { promise, seen: () => seen, dispose: () => sub.dispose() };
}

/** 0-based line of the first line of doc containing text at or after fromLine; fails the test if none. */
export function lineOf(doc: vscode.TextDocument, text: string, fromLine = 0): number {
  for (let i = fromLine; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  assert.fail(`"${text}" not found in ${vscode.workspace.asRelativePath(doc.uri)} after line ${fromLine}`);
}

/** The 0-based line ranges [start, end) of the YAML documents in doc, split on `---` lines. */
export function documentLines(doc: vscode.TextDocument): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i < doc.lineCount; i++) {
    if (/^---\s*(#.*)?$/.test(doc.lineAt(i).text)) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (doc.lineCount > start) out.push({ start, end: doc.lineCount });
  return out;
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// Not a test: the extension-host half of scripts/screenshots.mjs. It puts the workbench in the state a
// screenshot should show (a manifest with its findings, the Problems panel, the Quick Fix menu, the inlay hints,
// the hover on replicas, the rollout timeline panel), then tells
// the launcher, which takes the picture, and waits for it before the next step. The two halves talk through
// files in $KZD_SHOT_DIR: `<step>.ready` from here, `<step>.done` from the launcher (watched, never polled
// with sleeps).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SHOW_ROLLOUT_COMMAND } from '../../../protocol/out';
import { codeOf, fixture, waitForDiagnostics } from './helpers';

const STEP_TIMEOUT_MS = 60_000;

function waitForFile(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => check());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`timed out waiting for ${file}`));
    }, STEP_TIMEOUT_MS);
    const check = () => {
      if (!fs.existsSync(file)) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
    check();
  });
}

async function step(name: string, info: Record<string, unknown> = {}): Promise<void> {
  const dir = process.env.KZD_SHOT_DIR;
  if (!dir) throw new Error('KZD_SHOT_DIR not set');
  fs.writeFileSync(path.join(dir, `${name}.ready`), JSON.stringify(info));
  await waitForFile(path.join(dir, `${name}.done`));
}

export async function run(): Promise<void> {
  const file = process.env.KZD_SHOT_FILE ?? 'web-deployment.yaml';
  const finding = process.env.KZD_SHOT_FINDING ?? 'readiness-probe-missing';
  const doc = await vscode.workspace.openTextDocument(fixture(file));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const ds = await waitForDiagnostics(doc.uri, (all) => all.some((d) => codeOf(d) === finding), `a ${finding} finding`);
  const target = ds.find((d) => codeOf(d) === finding)!;

  // More room for the messages in the Problems panel; the explorer adds nothing to these pictures.
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  // Show the first finding and the one the Quick Fix menu opens on; the caret at the start of a line highlights nothing.
  const first = Math.min(...ds.map((d) => d.range.start.line));
  editor.selection = new vscode.Selection(target.range.start.line, 0, target.range.start.line, 0);
  await vscode.commands.executeCommand('revealLine', { lineNumber: Math.floor((first + target.range.start.line) / 2), at: 'center' });
  await step('diagnostics', { findings: ds.length });

  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    target.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  if (!actions?.length) {
    await step('quick-fix', { skip: 'no code actions' });
    return;
  }
  editor.selection = new vscode.Selection(target.range.start, target.range.start);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await step('quick-fix', { actions: actions.length });

  // The inlay hints of the manifest, then the hover on its replicas (the launcher closed the Quick Fix menu).
  await vscode.commands.executeCommand('workbench.action.closePanel');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await vscode.commands.executeCommand('revealLine', { lineNumber: 0, at: 'top' });
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
    'vscode.executeInlayHintProvider',
    doc.uri,
    new vscode.Range(0, 0, doc.lineCount, 0),
  );
  const firstHint = hints?.[0];
  const label = firstHint && (typeof firstHint.label === 'string' ? firstHint.label : firstHint.label.map((part) => part.value).join(''));
  await step('inlay-hints', label ? { label } : { skip: 'no inlay hints' });

  const replicas = doc
    .getText()
    .split('\n')
    .findIndex((line) => /^\s*replicas:/.test(line));
  if (replicas < 0) {
    await step('hover', { skip: 'no replicas line' });
  } else {
    editor.selection = new vscode.Selection(replicas, 4, replicas, 4);
    await vscode.commands.executeCommand('editor.action.showHover');
    await step('hover', { line: replicas });
  }

  // The rollout timeline panel, opened the way its CodeLens opens it, alone in the window.
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
  const lens = lenses.find((l) => l.command?.command === SHOW_ROLLOUT_COMMAND);
  if (!lens?.command) {
    await step('rollout-timeline', { skip: 'no rollout CodeLens' });
    return;
  }
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const rendered = await vscode.commands.executeCommand<{ windows: number }>(lens.command.command, ...(lens.command.arguments ?? []));
  await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
  await step('rollout-timeline', { windows: rendered?.windows });
}

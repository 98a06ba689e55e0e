// The numbers in a real VS Code: our hover on the entries where a number matters (through VS Code's own hover
// command, next to any other extension's), its rollout timeline link running the timeline command, and the
// inlay hints with the defaults of the fields left out, switched off and on by the setting.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SHOW_ROLLOUT_COMMAND } from '../../../protocol/out';
import { codeOf, lineOf, openFixture, waitForCode, waitForDiagnostics } from './helpers';

const section = () => vscode.workspace.getConfiguration('kubeZeroDowntime');

function text(content: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof content === 'string' ? content : content.value;
}

/** Our hover at the position: the one whose text starts with the title, with its Markdown. */
async function ourHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.MarkdownString | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  for (const hover of hovers) {
    for (const content of hover.contents) {
      if (typeof content !== 'string' && 'value' in content && content.value.startsWith('**')) return content as vscode.MarkdownString;
    }
  }
  return undefined;
}

function label(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

describe('hovers and inlay hints', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openFixture('numbers.yaml');
    // The server has analysed the file once its findings are shown.
    await waitForCode(doc.uri, 'rolling-update-unavailable');
  });

  after(async () => {
    await section().update('inlayHints', undefined, vscode.ConfigurationTarget.Global);
    await section().update('rules.rolling-update-unavailable', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hovering replicas shows maxUnavailable and maxSurge resolved, and links to the docs and the timeline', async () => {
    const line = lineOf(doc, 'replicas: 4');
    const hover = await ourHover(doc, new vscode.Position(line, 4));
    assert.ok(hover, 'no hover of ours on replicas');
    const value = text(hover);
    assert.ok(value.startsWith('**Rolling update of Deployment "numbers": 4 replicas**'), value);
    assert.ok(
      value.includes('`maxUnavailable` is not set: 25% (the default) of 4 = 1 pod, rounded down: at least 3 of 4 stay available.'),
      value,
    );
    assert.ok(value.includes('New pods start in 2 waves of 2.'), value);
    assert.match(value, /\[rolling-update-unavailable\]\((file|https):[^)]+rolling-update-unavailable[^)]*\)/);

    // The timeline link: a command link VS Code runs (trusted for that command only) whose arguments open the
    // panel of this Deployment.
    assert.deepStrictEqual(hover.isTrusted, { enabledCommands: [SHOW_ROLLOUT_COMMAND] });
    const match = new RegExp(`\\(command:${SHOW_ROLLOUT_COMMAND.replace('.', '\\.')}\\?([^)]*)\\)`).exec(value);
    assert.ok(match, `no timeline link in ${value}`);
    const args = JSON.parse(decodeURIComponent(match[1])) as unknown[];
    assert.deepStrictEqual(args, [doc.uri.toString(), 0, 'Deployment', 'numbers']);
    const info = await vscode.commands.executeCommand<{ found: boolean; name?: string }>(SHOW_ROLLOUT_COMMAND, ...args);
    assert.ok(info?.found && info.name === 'numbers', `the timeline command rendered ${JSON.stringify(info)}`);
  });

  it('hovering a probe shows when the pod is Ready and how long a failing pod stays in rotation; the image gets nothing', async () => {
    const value = text((await ourHover(doc, new vscode.Position(lineOf(doc, 'readinessProbe:'), 12)))!);
    assert.ok(value.startsWith('**`readinessProbe` of container "numbers"**'), value);
    assert.ok(value.includes('Checks every 10s (`periodSeconds` 10, the default)'), value);
    assert.ok(value.includes('A pod that stops answering stays in rotation for up to 30s'), value);
    assert.strictEqual(await ourHover(doc, new vscode.Position(lineOf(doc, 'image: nginx'), 12)), undefined);
  });

  it('inlay hints show the defaults where fields are left out, and the setting turns them off', async () => {
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    // The hints of one place (one value each) read one after the other, as the editor shows them.
    const hints = async () => {
      const places = new Map<string, string[]>();
      for (const hint of (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)) ??
        []) {
        const at = `${hint.position.line}:${hint.position.character}`;
        places.set(at, [...(places.get(at) ?? []), label(hint)]);
      }
      return [...places].map(([at, labels]) => `${at} ${labels.join(' ')}`);
    };
    const end = (needle: string) => {
      const line = lineOf(doc, needle);
      return `${line}:${doc.lineAt(line).text.length}`;
    };
    assert.deepStrictEqual(await hints(), [
      `${end('spec:')} maxUnavailable 25% = 1, maxSurge 25% = 1`,
      `${end('    spec:')} grace 30s`,
      `${end('readinessProbe:')} every 10s, timeout 1s, failureThreshold 3`,
    ]);

    // A rule turned off with the hints is the sign the server has read the new settings: its finding goes.
    await section().update('inlayHints', 'off', vscode.ConfigurationTarget.Global);
    await section().update('rules.rolling-update-unavailable', 'off', vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'rolling-update-unavailable'), 'the settings applied');
    assert.deepStrictEqual(await hints(), []);

    await section().update('inlayHints', undefined, vscode.ConfigurationTarget.Global);
    await section().update('rules.rolling-update-unavailable', undefined, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'rolling-update-unavailable'), 'the settings reset');
    assert.strictEqual((await hints()).length, 3);
  });
});

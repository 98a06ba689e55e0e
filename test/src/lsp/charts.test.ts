// Helm charts in the language server: a template, a helper or a values file of a chart shows the findings placed
// in it; editing any of them judges the chart again (unsaved texts included); a finding's fix may edit the values
// file; the rendered output of a template comes with its findings; what Helm refuses is a notice where it says.
// Each test works on a fresh copy of test/fixtures/charts; everything waits on messages, never on time.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
} from 'vscode-languageserver/node';
import { RENDERED_MANIFEST_REQUEST, type RenderedManifestResult } from '../../../protocol/out';
import { DEFAULT_TIMEOUT_MS, rangeOf, ROOT, type TestServer, withTimeout } from './harness';
import { readIn as read, uriOf, workspaceSessions } from './workspaceSessions';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'charts');
const withCode = (params: PublishDiagnosticsParams, code: string): Diagnostic[] => params.diagnostics.filter((d) => d.code === code);
const has =
  (code: string) =>
  (params: PublishDiagnosticsParams): boolean =>
    withCode(params, code).length > 0;

/** Opens a chart file with its text on disk, in the language an editor gives it. */
async function open(server: TestServer, dir: string, name: string, languageId = 'yaml'): Promise<PublishDiagnosticsParams> {
  const uri = uriOf(dir, name);
  const published = server.waitFor(uri, (p) => p.version === 1, { label: name });
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId, version: 1, text: read(dir, name) },
  });
  return published;
}

describe('LSP: Helm charts', () => {
  const sessions = workspaceSessions();
  const copyCharts = (): string => sessions.folder('kzd-charts-', FIXTURES);
  const start = (folder: string, settings: Record<string, unknown> = {}): Promise<TestServer> =>
    sessions.start(folder, { settings, documentChanges: true });

  it('a template shows its findings at its lines, with the values entry as related information', async () => {
    const dir = copyCharts();
    const server = await start(dir);
    const published = await open(server, dir, 'web/templates/deployment.yaml');
    const text = read(dir, 'web/templates/deployment.yaml');
    const [single] = withCode(published, 'single-replica');
    assert.deepEqual(single?.range, rangeOf(text, 'replicas: {{ .Values.replicaCount }}'));
    assert.deepEqual(
      single.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [[uriOf(dir, 'web/values.yaml'), 1, "with values.yaml's `replicaCount: 1`"]],
    );
    const readiness = withCode(published, 'readiness-probe-missing');
    assert.deepEqual(
      readiness.map((d) => d.range),
      [rangeOf(text, 'name: {{ .Chart.Name }}')],
    );
    assert.ok(!published.diagnostics.some((d) => d.code === 'not-checked'), JSON.stringify(published.diagnostics));
  });

  it('a helper (.tpl, not YAML to the editor) shows the findings of the containers it renders', async () => {
    const dir = copyCharts();
    const server = await start(dir);
    const published = await open(server, dir, 'web/templates/_helpers.tpl', 'helm');
    const text = read(dir, 'web/templates/_helpers.tpl');
    assert.deepEqual(
      withCode(published, 'readiness-probe-missing').map((d) => d.range),
      [rangeOf(text, 'name: log-shipper')],
    );
  });

  it('editing values.yaml judges the chart again: the open template follows, unsaved', async () => {
    const dir = copyCharts();
    const server = await start(dir);
    const template = uriOf(dir, 'web/templates/deployment.yaml');
    await open(server, dir, 'web/templates/deployment.yaml');
    await open(server, dir, 'web/values.yaml');
    const values = read(dir, 'web/values.yaml');
    const updated = server.waitFor(template, (p) => !has('single-replica')(p) && has('readiness-probe-missing')(p), {
      label: 'after the values edit',
    });
    await server.change(uriOf(dir, 'web/values.yaml'), 2, [{ range: rangeOf(values, 'replicaCount: 1'), text: 'replicaCount: 3' }]);
    await updated;
    // And back: the template's single-replica finding returns, from the editor's text again.
    const back = server.waitFor(template, has('single-replica'), { label: 'after the values edit is undone' });
    await server.change(uriOf(dir, 'web/values.yaml'), 3, [{ range: rangeOf(values, 'replicaCount: 1'), text: 'replicaCount: 1' }]);
    await back;
  });

  it("a template's quick fix sets the value in values.yaml (a workspace edit of that file)", async () => {
    const dir = copyCharts();
    const server = await start(dir);
    const uri = uriOf(dir, 'web/templates/deployment.yaml');
    const published = await open(server, dir, 'web/templates/deployment.yaml');
    const readiness = withCode(published, 'readiness-probe-missing')[0];
    const actions = (await withTimeout(
      server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: readiness.range,
        context: { diagnostics: [readiness], only: ['quickfix'] },
      }),
      DEFAULT_TIMEOUT_MS,
      'code actions',
    )) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Set readinessProbe in values.yaml (httpGet /readyz on port http)');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const [change] = fix.edit?.documentChanges as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri: uriOf(dir, 'web/values.yaml'), version: null });
    const values = read(dir, 'web/values.yaml');
    assert.deepEqual(change.edits[0].range.start, rangeOf(values, ': {}').start);
    assert.match((change.edits[0] as { newText: string }).newText, /^:\n {2}httpGet:\n {4}path: \/readyz\n/);
  });

  it('the rendered output of a template, with its findings as markers', async () => {
    const dir = copyCharts();
    const server = await start(dir);
    const uri = uriOf(dir, 'web/templates/deployment.yaml');
    await open(server, dir, 'web/templates/deployment.yaml');
    const result = await withTimeout(
      server.connection.sendRequest<RenderedManifestResult>(RENDERED_MANIFEST_REQUEST, { uri, version: 1 }),
      DEFAULT_TIMEOUT_MS,
      'rendered manifest',
    );
    assert.ok(result.found, JSON.stringify(result));
    assert.equal(result.template, 'web/templates/deployment.yaml');
    assert.deepEqual(result.valuesSets, ['default values']);
    assert.match(result.text, /^ {2}name: release-name-web$/m);
    const readiness = result.diagnostics.find((d) => d.code === 'readiness-probe-missing' && d.message.includes('"web"'));
    const item = rangeOf(result.text, '- name: web');
    assert.deepEqual(readiness?.range, { start: { ...item.start, character: item.start.character + 2 }, end: item.end });
    const helper = await server.connection.sendRequest<RenderedManifestResult>(RENDERED_MANIFEST_REQUEST, {
      uri: uriOf(dir, 'web/templates/_helpers.tpl'),
    });
    assert.equal(helper.found, false);
  });

  it("what Helm refuses is a notice at the template's line; the chart's other templates are judged", async () => {
    const dir = copyCharts();
    const server = await start(dir);
    const required = await open(server, dir, 'broken/templates/required.yaml');
    const text = read(dir, 'broken/templates/required.yaml');
    const [notice] = withCode(required, 'not-checked');
    assert.deepEqual(notice?.range, rangeOf(text, '{{ required "image.repository is required" .Values.image.repository }}'));
    assert.match(String(notice.message), /image\.repository is required$/);
    const deployment = await open(server, dir, 'broken/templates/deployment.yaml');
    assert.ok(has('readiness-probe-missing')(deployment));
  });

  it('with helm.enable off, a chart template gets nothing (as before charts were rendered)', async () => {
    const dir = copyCharts();
    const server = await start(dir, { helm: { enable: false } });
    const published = await open(server, dir, 'web/templates/deployment.yaml');
    assert.deepEqual(published.diagnostics, []);
  });
});

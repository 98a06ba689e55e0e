// Kustomize in the language server (issue 13): a workspace with bases and overlays (copies of
// test/fixtures/kustomize-judge projects). Opening a base, a patch or a kustomization shows the findings whose
// origin is in it, with the roots named and related information; editing an overlay's patch re-lints the open
// base; quick fixes edit (and create) the files where the nodes belong; CodeLenses and the rollout timeline show
// built workloads per root. Everything waits on messages, never on time.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  CodeLensResolveRequest,
  type CodeAction,
  type CodeLens,
  type CreateFile,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
} from 'vscode-languageserver/node';
import { ROLLOUT_TIMELINE_REQUEST, type RolloutTimelineResult } from '../../../protocol/out';
import { DEFAULT_TIMEOUT_MS, ROOT, type TestServer, withTimeout } from './harness';
import { readIn as read, uriOf, workspaceSessions } from './workspaceSessions';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'kustomize-judge');
const text = (message: Diagnostic['message']): string => (typeof message === 'string' ? message : message.value);
const newText = (edit: TextDocumentEdit): string => (edit.edits[0] as { newText: string }).newText;
const codes = (params: PublishDiagnosticsParams, code: string): Diagnostic[] => params.diagnostics.filter((d) => d.code === code);

/** Opens a file and waits until its diagnostics show the builds (the scan done, the roots judged). */
async function openJudged(
  server: TestServer,
  dir: string,
  name: string,
  judged: (p: PublishDiagnosticsParams) => boolean,
): Promise<PublishDiagnosticsParams> {
  const uri = uriOf(dir, name);
  const published = server.waitFor(uri, judged, { label: `${name} judged through its builds` });
  await server.open(uri, read(dir, name));
  return published;
}

function actionsFor(server: TestServer, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return withTimeout(
    server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    }) as Promise<CodeAction[]>,
    DEFAULT_TIMEOUT_MS,
    'codeAction',
  );
}

describe('LSP: Kustomize builds', () => {
  const sessions = workspaceSessions();
  const copyProject = (name: string): string => sessions.folder(`kzd-lsp-${name}-`, path.join(FIXTURES, name));
  const start = (folder: string, settings?: Record<string, unknown>): Promise<TestServer> =>
    sessions.start(folder, { ...(settings ? { settings } : {}), documentChanges: true });

  it('a base its overlays complete is silent; the patch at fault gets the finding with the root named', async () => {
    const dir = copyProject('shop');
    const server = await start(dir);
    await server.waitForLog(/Kustomize: .*: 2 root kustomization\(s\) of 3/);
    const base = await openJudged(server, dir, 'base/deployment.yaml', (p) => p.diagnostics.length === 0);
    assert.deepEqual(base.diagnostics, []);
    const patch = await openJudged(
      server,
      dir,
      'overlays/staging/rollout.yaml',
      (p) => codes(p, 'rolling-update-unavailable').length === 1,
    );
    const [finding] = codes(patch, 'rolling-update-unavailable');
    assert.match(text(finding.message), /^In overlays\/staging: maxUnavailable: 50% lets 2 of the 4 replicas/);
    const line = read(dir, 'overlays/staging/rollout.yaml').split('\n').indexOf('      maxUnavailable: 50%');
    assert.equal(finding.range.start.line, line);
    assert.equal(finding.relatedInformation?.[0]?.location.uri, uriOf(dir, 'overlays/staging/kustomization.yaml'));
    assert.match(
      text(finding.relatedInformation?.[0]?.message ?? ''),
      /^overlays\/staging renders maxUnavailable: "50%" from overlays\/staging\/rollout\.yaml:9$/,
    );
  });

  it('editing an overlay patch re-lints the open base; the quick fix extends that patch', async () => {
    const dir = copyProject('shop');
    const server = await start(dir);
    const baseUri = uriOf(dir, 'base/deployment.yaml');
    await openJudged(server, dir, 'base/deployment.yaml', (p) => p.diagnostics.length === 0);
    const patchUri = uriOf(dir, 'overlays/staging/rollout.yaml');
    const patchText = read(dir, 'overlays/staging/rollout.yaml');
    await openJudged(server, dir, 'overlays/staging/rollout.yaml', (p) => codes(p, 'rolling-update-unavailable').length === 1);
    // Staging drops its readinessProbe: the base (where the container is defined) now has the finding, for staging.
    const probe = patchText.slice(patchText.indexOf('          readinessProbe:'), patchText.indexOf('          lifecycle:'));
    const edited = patchText.replace(probe, '');
    const relinted = server.waitFor(baseUri, (p) => codes(p, 'readiness-probe-missing').length === 1, { label: 'base re-linted' });
    await server.change(patchUri, 2, [{ text: edited }]);
    const base = await relinted;
    const [finding] = codes(base, 'readiness-probe-missing');
    assert.match(text(finding.message), /^In overlays\/staging: Container "web" has no readinessProbe/);
    const actions = await actionsFor(server, baseUri, finding);
    const fix = actions.find((action) =>
      action.title.startsWith('Add readinessProbe (httpGet /readyz on port http) in overlays/staging (patch rollout.yaml)'),
    );
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    const [change] = fix.edit?.documentChanges ?? [];
    assert.equal((change as TextDocumentEdit).textDocument.uri, patchUri, 'the edit is in the open patch');
    assert.equal((change as TextDocumentEdit).textDocument.version, 2, 'at the version the client has');
    assert.match(newText(change as TextDocumentEdit), /readinessProbe:/);
  });

  it('a fix that needs a new patch creates it and lists it in the overlay', async () => {
    const dir = copyProject('missing-in-one');
    const server = await start(dir);
    const fromBuild = (p: PublishDiagnosticsParams): boolean =>
      codes(p, 'readiness-probe-missing').some((d) => text(d.message).startsWith('In '));
    const base = await openJudged(server, dir, 'base/deployment.yaml', fromBuild);
    const [finding] = codes(base, 'readiness-probe-missing');
    assert.match(text(finding.message), /^In overlays\/staging: /);
    const actions = await actionsFor(server, uriOf(dir, 'base/deployment.yaml'), finding);
    const fix = actions.find((action) => action.title.includes('(new patch api-zero-downtime-patch.yaml)'));
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    const changes = fix.edit?.documentChanges ?? [];
    const create = changes.find((c): c is CreateFile => 'kind' in c && c.kind === 'create');
    assert.equal(create?.uri, uriOf(dir, 'overlays/staging/api-zero-downtime-patch.yaml'));
    const kustomization = changes.find(
      (c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uriOf(dir, 'overlays/staging/kustomization.yaml'),
    );
    assert.equal(kustomization?.textDocument.version, null, 'a closed file: edited as it is on disk');
    assert.match(kustomization ? newText(kustomization) : '', /patches:\n {2}- path: api-zero-downtime-patch\.yaml/);
  });

  it('CodeLenses on a base workload, one per root, and the timeline of each root', async () => {
    const dir = copyProject('shop');
    const server = await start(dir);
    const uri = uriOf(dir, 'base/deployment.yaml');
    await openJudged(server, dir, 'base/deployment.yaml', (p) => p.diagnostics.length === 0);
    const lenses = (await withTimeout(
      server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
      DEFAULT_TIMEOUT_MS,
      'codeLens',
    )) as CodeLens[];
    assert.equal(lenses.length, 2);
    const kindLine = read(dir, 'base/deployment.yaml').split('\n').indexOf('kind: Deployment');
    const titles: string[] = [];
    for (const lens of lenses) {
      assert.equal(lens.range.start.line, kindLine);
      const resolved = await withTimeout<CodeLens>(
        server.connection.sendRequest(CodeLensResolveRequest.type, lens),
        DEFAULT_TIMEOUT_MS,
        'resolve',
      );
      titles.push(resolved.command?.title ?? '');
    }
    assert.deepEqual(
      titles.map((title) => title.replace(/:.*/, '')),
      ['Rollout in overlays/prod', 'Rollout in overlays/staging'],
    );
    const timeline = await withTimeout(
      server.connection.sendRequest<RolloutTimelineResult>(ROLLOUT_TIMELINE_REQUEST, {
        uri,
        kind: 'Deployment',
        name: 'web',
        root: 'overlays/staging',
      }),
      DEFAULT_TIMEOUT_MS,
      'rolloutTimeline',
    );
    assert.ok(timeline.found, JSON.stringify(timeline));
    assert.equal(timeline.root, 'overlays/staging');
    assert.equal(timeline.simulation.replicas, 4);
    assert.ok(
      timeline.windows.some((window) => window.kind === 'reduced-capacity'),
      `staging takes half the pods down: ${timeline.summary}`,
    );
  });

  it('kubeZeroDowntime.kustomize.enable off: every file judged alone, no lenses per root', async () => {
    const dir = copyProject('shop');
    const server = await start(dir, { enable: true, kustomize: { enable: false } });
    await server.waitForLog(/Kustomize: .*: 2 root kustomization\(s\) of 3/);
    const alone = (p: PublishDiagnosticsParams): boolean =>
      codes(p, 'readiness-probe-missing').length === 1 && !text(codes(p, 'readiness-probe-missing')[0].message).startsWith('In ');
    await openJudged(server, dir, 'base/deployment.yaml', alone);
    const uri = uriOf(dir, 'base/deployment.yaml');
    const lenses = await withTimeout<CodeLens[] | null>(
      server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
      DEFAULT_TIMEOUT_MS,
      'codeLens',
    );
    assert.equal(lenses?.length, 1, 'the file alone: one lens, no root');
  });

  it('a root that cannot be built: a notice on its kustomization; its files judged alone', async () => {
    const dir = copyProject('unbuildable');
    const server = await start(dir);
    const notice = await openJudged(server, dir, 'remote/kustomization.yaml', (p) => codes(p, 'not-checked').length === 1);
    assert.match(text(codes(notice, 'not-checked')[0].message), /^Kustomize root remote was not built, so its files are judged alone: /);
    const alone = await openJudged(server, dir, 'remote/deployment.yaml', (p) => codes(p, 'readiness-probe-missing').length === 1);
    assert.doesNotMatch(text(codes(alone, 'readiness-probe-missing')[0].message), /^In /);
  });
});

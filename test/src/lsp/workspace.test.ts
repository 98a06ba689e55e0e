// Cross-file context in the language server (issue 6): a workspace folder is indexed in the background, and
// rules judging one file see the Services, PDBs and HPAs of the others. The fixture test/fixtures/workspace/
// holds deployment.yaml + service.yaml + pdb.yaml + hpa.yaml + a kustomization with a patch; each test works on
// a fresh copy (some change files on disk). Everything waits on published diagnostics, never on time.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { ROLLOUT_TIMELINE_REQUEST, type RolloutTimelineResult } from '../../../protocol/out';
import { DEFAULT_TIMEOUT_MS, ROOT, type TestServer, withTimeout } from './harness';
import { readIn as read, uriOf, workspaceSessions } from './workspaceSessions';

import { HPA, HPA_DEPLOYMENT } from '../manifests';
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspace');

const text = (message: Diagnostic['message']): string => (typeof message === 'string' ? message : message.value);
const codes = (params: PublishDiagnosticsParams, code: string): Diagnostic[] => params.diagnostics.filter((d) => d.code === code);
const has =
  (code: string, count = 1) =>
  (params: PublishDiagnosticsParams): boolean =>
    codes(params, code).length === count;
const lacks =
  (code: string) =>
  (params: PublishDiagnosticsParams): boolean =>
    codes(params, code).length === 0;
/** One readiness-probe-missing diagnostic whose message matches: what a Service in another file changes. */
const readinessSays =
  (pattern: RegExp) =>
  (params: PublishDiagnosticsParams): boolean =>
    codes(params, 'readiness-probe-missing').length === 1 && pattern.test(text(codes(params, 'readiness-probe-missing')[0].message));
const VIA_SERVICE = /Service "web" sends its port 80 to this container's port "http"/;
const both =
  (...predicates: ((p: PublishDiagnosticsParams) => boolean)[]) =>
  (params: PublishDiagnosticsParams): boolean =>
    predicates.every((p) => p(params));

/** Opens a workspace file with its text on disk and waits for a publish showing the indexed workspace. */
async function openIndexed(
  server: TestServer,
  dir: string,
  name: string,
  indexed: (p: PublishDiagnosticsParams) => boolean,
): Promise<PublishDiagnosticsParams> {
  const uri = uriOf(dir, name);
  const published = server.waitFor(uri, indexed, { label: `${name} with the workspace indexed` });
  await server.open(uri, read(dir, name));
  return published;
}

describe('LSP: cross-file context of a workspace folder', () => {
  const sessions = workspaceSessions();
  const copyWorkspace = (): string => sessions.folder('kzd-workspace-', FIXTURE);
  const start = (folder: string | undefined, related = true): Promise<TestServer> =>
    sessions.start(folder, { relatedInformation: related });

  it('readiness-probe-missing names the Service port in another file; pdb-missing cleared by a PDB in another file', async () => {
    const dir = copyWorkspace();
    const server = await start(dir);
    const published = await openIndexed(server, dir, 'deployment.yaml', readinessSays(VIA_SERVICE));
    assert.equal(
      codes(published, 'readiness-probe-missing')[0].range.start.line,
      read(dir, 'deployment.yaml').split('\n').indexOf('        - name: app'),
    );
    assert.deepEqual(codes(published, 'pdb-missing'), [], 'the PDB in pdb.yaml selects the pods');
    assert.ok(server.registrations.includes('workspace/didChangeWatchedFiles'), server.registrations.join(', '));
  });

  it('relatedInformation points at the object in the other file', async () => {
    const dir = copyWorkspace();
    const server = await start(dir);
    const published = await openIndexed(server, dir, 'deployment.yaml', has('hpa-target-missing-requests'));
    const [finding] = codes(published, 'hpa-target-missing-requests');
    assert.match(text(finding.message), /HorizontalPodAutoscaler "web" scales Deployment "web" on cpu utilization/);
    // The folder is a Kustomize root: the HPA is related as its build deploys it, then the root that deploys it.
    assert.equal(finding.relatedInformation?.length, 2, JSON.stringify(finding));
    const related = finding.relatedInformation[0];
    assert.equal(finding.relatedInformation[1].location.uri, uriOf(dir, 'kustomization.yaml'));
    assert.match(
      text(finding.relatedInformation[1].message),
      /deploys Deployment "web", container "app" this way \(defined at deployment\.yaml:\d+\)/,
    );
    assert.equal(related.location.uri, uriOf(dir, 'hpa.yaml'));
    const kindLine = read(dir, 'hpa.yaml').split('\n').indexOf('kind: HorizontalPodAutoscaler');
    assert.deepEqual(related.location.range, {
      start: { line: kindLine, character: 0 },
      end: { line: kindLine, character: 'kind: HorizontalPodAutoscaler'.length },
    });
    assert.match(text(related.message), /scales Deployment "web"/);
  });

  it('no relatedInformation for a client that cannot show it', async () => {
    const dir = copyWorkspace();
    const server = await start(dir, false);
    const published = await openIndexed(server, dir, 'deployment.yaml', has('hpa-target-missing-requests'));
    assert.equal(codes(published, 'hpa-target-missing-requests')[0].relatedInformation, undefined);
  });

  it('pdb-selects-nothing only once the whole folder is indexed, and the message says so', async () => {
    const dir = copyWorkspace();
    const server = await start(dir);
    const published = await openIndexed(server, dir, 'pdb.yaml', has('pdb-selects-nothing'));
    const [finding] = codes(published, 'pdb-selects-nothing');
    // The folder is a Kustomize root: what its build deploys is all there is.
    assert.match(text(finding.message), /Every object the build deploys was checked/);
    assert.equal(
      finding.range.start.line,
      read(dir, 'pdb.yaml').split('\n').indexOf('  name: orphan') + 3,
      'on the orphan PDB, not the one for web',
    );
  });

  it('a patch listed in kustomization.yaml is judged as a patch', async () => {
    const dir = copyWorkspace();
    const server = await start(dir);
    // Before the index knows the kustomization the patch looks complete and gets findings; afterwards none.
    await openIndexed(server, dir, 'patch.yaml', (p) => p.diagnostics.length === 0);
  });

  it('diagnostics and the rollout timeline agree: a 1-replica Deployment whose HPA is in another file', async () => {
    const dir = sessions.folder('kzd-hpa-');
    fs.writeFileSync(path.join(dir, 'deployment.yaml'), HPA_DEPLOYMENT);
    fs.writeFileSync(path.join(dir, 'hpa.yaml'), HPA);
    const server = await start(dir);
    const uri = uriOf(dir, 'deployment.yaml');
    // The HPA decides: no single-replica, and pdb-missing counts the HPA's minimum (2).
    const published = await openIndexed(server, dir, 'deployment.yaml', has('pdb-missing'));
    assert.deepEqual(codes(published, 'single-replica'), []);
    const timeline = await withTimeout(
      server.connection.sendRequest<RolloutTimelineResult>(ROLLOUT_TIMELINE_REQUEST, { uri, kind: 'Deployment', name: 'api' }),
      DEFAULT_TIMEOUT_MS,
      'rolloutTimeline',
    );
    assert.ok(timeline.found, JSON.stringify(timeline));
    assert.equal(
      timeline.simulation.replicas,
      6,
      `the timeline simulates the HPA's maxReplicas, as the diagnostics count it: ${timeline.summary}`,
    );
  });

  it('without a workspace folder every file is judged alone, and messages say so', async () => {
    const server = await start(undefined);
    const dir = FIXTURE;
    const deployment = await server.open(uriOf(dir, 'deployment.yaml'), read(dir, 'deployment.yaml'));
    assert.ok(readinessSays(/it declares containerPort 8080/)(deployment), 'no Service seen: the declared port is the reason');
    const [pdbMissing] = codes(deployment, 'pdb-missing');
    assert.ok(pdbMissing, JSON.stringify(deployment.diagnostics.map((d) => d.code)));
    assert.match(text(pdbMissing.message), /only this file was checked/);
    const pdb = await server.open(uriOf(dir, 'pdb.yaml'), read(dir, 'pdb.yaml'));
    assert.deepEqual(codes(pdb, 'pdb-selects-nothing'), []);
    const patch = await server.open(uriOf(dir, 'patch.yaml'), read(dir, 'patch.yaml'));
    assert.ok(patch.diagnostics.length > 0, 'no kustomization seen: the patch is judged as an object');
  });

  it('keeps current through didChangeWatchedFiles: a PDB deleted on disk brings pdb-missing back', async () => {
    const dir = copyWorkspace();
    const server = await start(dir);
    const uri = uriOf(dir, 'deployment.yaml');
    await openIndexed(server, dir, 'deployment.yaml', both(readinessSays(VIA_SERVICE), lacks('pdb-missing')));
    const back = server.waitFor(uri, has('pdb-missing'), { label: 'pdb-missing after pdb.yaml is deleted' });
    fs.rmSync(path.join(dir, 'pdb.yaml'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(dir, 'pdb.yaml'), type: FileChangeType.Deleted }],
    });
    const published = await back;
    assert.match(text(codes(published, 'pdb-missing')[0].message), /no PodDisruptionBudget in the folder selects its pods/);
    const gone = server.waitFor(uri, lacks('pdb-missing'), { label: 'pdb-missing gone after pdb.yaml is created again' });
    fs.copyFileSync(path.join(FIXTURE, 'pdb.yaml'), path.join(dir, 'pdb.yaml'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(dir, 'pdb.yaml'), type: FileChangeType.Created }],
    });
    await gone;
  });

  it('a symbolic link to a file outside the folder is not read: its PDB does not hide pdb-missing', async () => {
    const dir = copyWorkspace();
    const outside = sessions.folder('kzd-outside-');
    fs.renameSync(path.join(dir, 'pdb.yaml'), path.join(outside, 'pdb.yaml'));
    fs.symlinkSync(path.join(outside, 'pdb.yaml'), path.join(dir, 'pdb.yaml'));
    const server = await start(dir);
    const indexed = server.waitForLog(/^Workspace index: .*YAML files indexed/);
    const published = await openIndexed(server, dir, 'deployment.yaml', readinessSays(VIA_SERVICE));
    assert.equal(codes(published, 'pdb-missing').length, 1, 'the PDB behind the link is outside the folder');
    assert.match((await indexed).message, / 5 YAML files indexed\.$/, 'the link is not counted (nor unknown)');
    // A link to a file inside the folder is followed.
    const inside = path.join(dir, 'budgets');
    fs.mkdirSync(inside);
    fs.copyFileSync(path.join(outside, 'pdb.yaml'), path.join(inside, 'real.yaml'));
    fs.rmSync(path.join(dir, 'pdb.yaml'));
    fs.symlinkSync(path.join(inside, 'real.yaml'), path.join(dir, 'pdb.yaml'));
    const uri = uriOf(dir, 'deployment.yaml');
    const gone = server.waitFor(uri, lacks('pdb-missing'), { label: 'pdb-missing gone: the link now points inside the folder' });
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(dir, 'pdb.yaml'), type: FileChangeType.Changed }],
    });
    await gone;
  });

  it('keeps current through open documents: editing the Service in service.yaml re-lints deployment.yaml', async () => {
    const dir = copyWorkspace();
    const server = await start(dir);
    const deploymentUri = uriOf(dir, 'deployment.yaml');
    await openIndexed(server, dir, 'deployment.yaml', readinessSays(VIA_SERVICE));
    const serviceUri = uriOf(dir, 'service.yaml');
    const service = read(dir, 'service.yaml');
    await server.open(serviceUri, service);
    const relinted = server.waitFor(deploymentUri, readinessSays(/it declares containerPort 8080/), {
      label: 'after the Service stops selecting web',
    });
    const at = service.indexOf('app: web');
    const from = { line: service.slice(0, at).split('\n').length - 1, character: at - service.lastIndexOf('\n', at) - 1 };
    await server.change(serviceUri, 2, [
      { range: { start: from, end: { line: from.line, character: from.character + 'app: web'.length } }, text: 'app: other' },
    ]);
    await relinted;
    // Closing the unsaved Service brings back what is on disk.
    const restored = server.waitFor(deploymentUri, readinessSays(VIA_SERVICE), { label: 'after service.yaml is closed unsaved' });
    await server.close(serviceUri);
    await restored;
  });
});

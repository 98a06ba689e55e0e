// The rollout timeline over the protocol, against the built server: a CodeLens above each Deployment and
// StatefulSet whose command carries (uri, docIndex, kind, name), and the kubeZeroDowntime/rolloutTimeline
// request the panel sends, following edits (it waits for the version the client names) and assumptions.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, CodeLensResolveRequest, type CodeLens } from 'vscode-languageserver/node';
import { ROLLOUT_TIMELINE_REQUEST, type RolloutTimelineResult } from '../../../protocol/out';
import { DEPLOYMENT, TestServer, uriFor, withTimeout, DEFAULT_TIMEOUT_MS } from './harness';

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 2
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports:
            - containerPort: 5432
`;

const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: patch-only
spec:
  replicas: 5
`;

const TEXT = `${DEPLOYMENT}---\n${STATEFULSET}---\n${PATCH}`;

/** Either shape of the protocol's result, every field optional: what the assertions read. */
type TimelineResult = Omit<Partial<Extract<RolloutTimelineResult, { found: true }>>, 'found'> &
  Omit<Partial<Extract<RolloutTimelineResult, { found: false }>>, 'found'> & { found: boolean };

describe('rollout timeline over LSP', () => {
  let server: TestServer;
  const uri = uriFor('rollout.yaml');

  before(async () => {
    server = await TestServer.start();
    await server.open(uri, TEXT);
  });
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
  });

  const lenses = (target = uri) =>
    withTimeout<CodeLens[] | null>(
      server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: target } }),
      DEFAULT_TIMEOUT_MS,
      'codeLens',
    );
  /** Lenses as an editor shows them: listed, then each resolved. */
  const resolved = async (target = uri) =>
    Promise.all(
      ((await lenses(target)) ?? []).map((lens) =>
        withTimeout(server.connection.sendRequest(CodeLensResolveRequest.type, lens), DEFAULT_TIMEOUT_MS, 'codeLens/resolve'),
      ),
    );
  const timeline = (params: Record<string, unknown>) =>
    withTimeout(
      server.connection.sendRequest<TimelineResult>(ROLLOUT_TIMELINE_REQUEST, { uri, ...params }),
      DEFAULT_TIMEOUT_MS,
      'rolloutTimeline',
    );

  it('announces the codeLens capability, with resolve', () => {
    assert.deepEqual(server.initializeResult?.capabilities.codeLensProvider, { resolveProvider: true });
  });

  it('lists lenses without simulating; resolving one gives its title and command', async () => {
    const listed = (await lenses()) ?? [];
    assert.equal(listed.length, 2);
    assert.ok(listed.every((l) => l.command === undefined && l.data !== undefined));
  });

  it('puts a lens on the kind line of each complete Deployment and StatefulSet, none on a patch', async () => {
    const result = await resolved();
    assert.deepEqual(
      result.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
      [
        [1, 'Rollout: 3 replicas, none down, +1 surge, 6 failure windows', 'kubeZeroDowntime.showRollout', [uri, 0, 'Deployment', 'web']],
        [
          TEXT.split('\n').indexOf('kind: StatefulSet'),
          'Rollout: 2 replicas, one at a time, 5 failure windows',
          'kubeZeroDowntime.showRollout',
          [uri, 1, 'StatefulSet', 'db'],
        ],
      ],
    );
  });

  it('answers the timeline request with the SVG, the summary, the windows and the object range', async () => {
    const result = await timeline({ docIndex: 0, kind: 'Deployment', name: 'web', interactive: true, styleNonce: 'n0nce' });
    assert.equal(result.found, true, result.message);
    assert.equal(result.version, 1);
    assert.equal(result.summary, 'Rollout: 3 replicas, none down, +1 surge, 6 failure windows');
    assert.match(result.svg!, /^<svg /);
    assert.match(result.svg!, /<style nonce="n0nce">/);
    assert.match(result.svg!, /tabindex="0" role="button"/);
    assert.deepEqual([...new Set(result.windows!.map((w) => w.ruleId))].sort(), ['prestop-hook-missing', 'readiness-probe-missing']);
    assert.ok(result.windows!.every((w, i) => w.index === i && w.label.includes(`[${w.ruleId}]`)));
    assert.deepEqual([result.range!.start.line, result.range!.end.line], [0, DEPLOYMENT.split('\n').length - 1]);
  });

  it('applies the assumptions it is given', async () => {
    // An app that starts before the container even counts as running leaves no readiness window.
    const result = await timeline({ docIndex: 0, kind: 'Deployment', name: 'web', assumptions: { appStartSeconds: 0 } });
    assert.equal(result.simulation!.assumptions.appStartSeconds, 0);
    assert.ok(!result.windows!.some((w) => w.ruleId === 'readiness-probe-missing'), result.windows!.map((w) => w.label).join('\n'));
  });

  it('the object at a line, for the command palette', async () => {
    const line = TEXT.split('\n').indexOf('kind: StatefulSet') + 4;
    const result = await timeline({ line });
    assert.equal(result.found, true, result.message);
    assert.equal(result.kind, 'StatefulSet');
    assert.equal(result.name, 'db');
  });

  it('follows edits: waits for the version the client names, and finds the object again when documents move', async () => {
    const inserted = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n---\n`;
    const pending = timeline({ docIndex: 0, kind: 'Deployment', name: 'web', version: 2 });
    await server.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
    const result = await pending;
    assert.equal(result.found, true, result.message);
    assert.equal(result.version, 2);
    assert.equal(result.docIndex, 1, 'the Deployment is now the second document');
  });

  it('says so when the object is gone', async () => {
    const result = await timeline({ docIndex: 0, kind: 'Deployment', name: 'renamed' });
    assert.equal(result.found, false);
    assert.match(result.message!, /No Deployment "renamed"/);
  });

  it('no lenses for a document without workloads', async () => {
    const other = uriFor('rollout-none.yaml');
    await server.open(other, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    assert.deepEqual((await lenses(other)) ?? [], []);
  });
});

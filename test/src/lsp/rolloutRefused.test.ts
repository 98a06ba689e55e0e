// A value the rollout simulation refuses, over the protocol (issue 15, item 1): one `.inf` in a probe used to
// make the timeline request loop forever, which froze every document's diagnostics. Now the CodeLens and the
// timeline name the refused value, and the server keeps answering.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, CodeLensResolveRequest, type CodeLens } from 'vscode-languageserver/node';
import { DEFAULT_TIMEOUT_MS, DEPLOYMENT, TestServer, uriFor, withTimeout } from './harness';

/** The Deployment named `name` with `lines` added under the container (or under spec, for spec fields). */
function deployment(name: string, container: string[], spec: string[] = []): string {
  return DEPLOYMENT.replace('name: web\nspec:\n', `name: ${name}\nspec:\n${spec.map((l) => `  ${l}\n`).join('')}`).replace(
    '            - containerPort: 80\n',
    `            - containerPort: 80\n${container.map((l) => `          ${l}\n`).join('')}`,
  );
}

const probe = (field: string) => ['readinessProbe:', '  httpGet: {path: /ready, port: 80}', `  ${field}`];

const CASES = [
  {
    name: 'inf-delay',
    text: deployment('inf-delay', probe('initialDelaySeconds: .inf')),
    title: 'initialDelaySeconds of container "web" is .inf',
  },
  {
    name: 'huge-delay',
    text: deployment('huge-delay', probe('initialDelaySeconds: 1e308')),
    title: 'initialDelaySeconds of container "web" is 1e308',
  },
  {
    name: 'inf-success',
    text: deployment('inf-success', probe('successThreshold: .inf')),
    title: 'successThreshold of container "web" is .inf',
  },
  { name: 'huge-min-ready', text: deployment('huge-min-ready', [], ['minReadySeconds: 1e308']), title: 'spec.minReadySeconds is 1e308' },
];

interface TimelineResult {
  found: boolean;
  summary?: string;
  svg?: string;
  message?: string;
  windows?: unknown[];
  simulation?: { refused?: { field: string; text: string }[]; pods: unknown[] };
}

describe('rollout timeline over LSP: values the simulation refuses', () => {
  let server: TestServer;
  const uri = uriFor('rollout-refused.yaml');

  before(async () => {
    server = await TestServer.start();
    await server.open(uri, CASES.map((c) => c.text).join('---\n'));
  });
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
  });

  it('the CodeLens of each names the value it refused', async () => {
    const listed =
      (await withTimeout(server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), DEFAULT_TIMEOUT_MS, 'codeLens')) ??
      [];
    assert.equal(listed.length, CASES.length);
    const resolved = await Promise.all(
      listed.map((lens: CodeLens) =>
        withTimeout(server.connection.sendRequest(CodeLensResolveRequest.type, lens), DEFAULT_TIMEOUT_MS, 'codeLens/resolve'),
      ),
    );
    resolved.forEach((lens, i) => {
      assert.ok(lens.command?.title.startsWith('Rollout: not simulated, '), lens.command?.title);
      assert.ok(lens.command?.title.endsWith(CASES[i].title), `${lens.command?.title} names ${CASES[i].title}`);
    });
  });

  for (const [docIndex, c] of CASES.entries()) {
    it(`the timeline of ${c.name}: found, nothing drawn, the value named`, async () => {
      const result = await withTimeout(
        server.connection.sendRequest<TimelineResult>('kubeZeroDowntime/rolloutTimeline', {
          uri,
          docIndex,
          kind: 'Deployment',
          name: c.name,
        }),
        DEFAULT_TIMEOUT_MS,
        `rolloutTimeline ${c.name}`,
      );
      assert.equal(result.found, true, result.message);
      assert.equal(result.simulation?.refused?.length, 1);
      assert.deepEqual([result.simulation?.pods, result.windows], [[], []]);
      assert.ok(result.summary?.endsWith(c.title), result.summary);
      assert.ok(result.svg?.includes('Not simulated: '), result.svg);
    });
  }

  it('keeps publishing diagnostics for other documents afterwards', async () => {
    const other = uriFor('rollout-refused-after.yaml');
    const published = await server.open(other, DEPLOYMENT);
    assert.ok(published.diagnostics.length > 0);
  });
});

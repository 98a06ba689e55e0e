// Inlay hints over the protocol, against the built server: the Kubernetes defaults that decide a rollout, at
// the end of the line of the entry a field is missing from; only in the range asked for; the setting
// kubeZeroDowntime.inlayHints (implicit by default, all, off) applied live, with a refresh request to the client.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InlayHintRequest, type InlayHint, type MarkupContent } from 'vscode-languageserver/node';
import { WEB } from '../manifests';
import { DEFAULT_TIMEOUT_MS, rangeOf, TestServer, uriFor, withTimeout } from './harness';

const EXPLICIT = WEB.replace(
  'spec:\n  replicas: 4\n',
  'spec:\n  replicas: 4\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 50%\n',
);

/** "line:character labels" for each place (the hints of one place read one after the other), for whole-list comparisons. */
function describeHints(hints: InlayHint[] | null): string[] {
  const places = new Map<string, string[]>();
  for (const hint of hints ?? []) {
    const at = `${hint.position.line}:${hint.position.character}`;
    places.set(at, [...(places.get(at) ?? []), String(hint.label)]);
  }
  return [...places].map(([at, labels]) => `${at} ${labels.join(' ')}`);
}

/** The end of the line `needle` is on. */
function endOf(text: string, needle: string): string {
  const { start } = rangeOf(text, needle);
  return `${start.line}:${text.split('\n')[start.line].length}`;
}

describe('LSP inlay hints', () => {
  let server: TestServer;
  const uri = uriFor('hints.yaml');
  const explicitUri = uriFor('hints-explicit.yaml');
  const lines = WEB.split('\n').length;
  const hints = (target = uri, range = { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }) =>
    withTimeout(
      server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: target }, range }),
      DEFAULT_TIMEOUT_MS,
      'inlayHint',
    );

  before(async () => {
    server = await TestServer.start({ capabilities: { workspace: { inlayHint: { refreshSupport: true } } } });
    await server.open(uri, WEB);
    await server.open(explicitUri, EXPLICIT);
  });
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
  });

  it('announces the inlay hint capability', () => {
    assert.deepEqual(server.initializeResult?.capabilities.inlayHintProvider, { resolveProvider: false });
  });

  it('gives the defaults of the fields left out, at the end of the line they belong to', async () => {
    const result = await hints();
    assert.deepEqual(describeHints(result), [
      `${endOf(WEB, 'spec:')} maxUnavailable 25% = 1, maxSurge 25% = 1`,
      `${endOf(WEB, 'readinessProbe:')} timeout 1s`,
    ]);
    const tooltip = result![0].tooltip as MarkupContent;
    assert.equal(tooltip.kind, 'markdown');
    assert.ok(tooltip.value.includes('`maxUnavailable` is not set: the default 25% of 4 replicas, rounded down, = 1 pod.'), tooltip.value);
    assert.equal(result![0].paddingLeft, true);
  });

  it('only those in the range asked for', async () => {
    const line = rangeOf(WEB, 'readinessProbe:').start.line;
    const result = await hints(uri, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    assert.deepEqual(describeHints(result), [`${endOf(WEB, 'readinessProbe:')} timeout 1s`]);
  });

  it('the setting: off gives none, all adds what written percentages come to, and each change asks for a refresh', async () => {
    const implicit = describeHints(await hints(explicitUri));
    assert.deepEqual(implicit, [
      `${endOf(EXPLICIT, 'rollingUpdate:')} maxSurge 25% = 1`,
      `${endOf(EXPLICIT, 'readinessProbe:')} timeout 1s`,
    ]);
    try {
      const refreshes = server.inlayHintRefreshes;
      server.settings = { inlayHints: 'off' };
      await server.configurationChanged();
      await server.until(() => server.inlayHintRefreshes > refreshes, 'an inlay hint refresh request');
      assert.deepEqual(await hints(explicitUri), []);

      server.settings = { inlayHints: 'all' };
      await server.configurationChanged();
      await server.until(() => server.inlayHintRefreshes > refreshes + 1, 'a second refresh request');
      assert.deepEqual(describeHints(await hints(explicitUri)), [
        `${endOf(EXPLICIT, 'rollingUpdate:')} maxSurge 25% = 1`,
        `${endOf(EXPLICIT, 'maxUnavailable: 50%')} = 2 pods`,
        `${endOf(EXPLICIT, 'readinessProbe:')} timeout 1s`,
      ]);
    } finally {
      server.settings = {};
      await server.configurationChanged();
    }
  });

  it('none while checking is off', async () => {
    try {
      server.settings = { enable: false };
      await server.configurationChanged();
      await server.waitFor(uri, (p) => p.diagnostics.length === 0, { includePast: false, label: 'cleared diagnostics' });
      assert.deepEqual(await hints(), []);
    } finally {
      server.settings = {};
      await server.configurationChanged();
    }
  });
});

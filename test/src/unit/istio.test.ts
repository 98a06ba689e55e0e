// Istio's ProxyConfig annotation as the Envoy rules read and write it: Go durations, the keys read, and the
// rewritten YAML staying valid whatever form it had.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { formatGoDuration, parseGoDuration } from '../../../server/out/engine/k8s/durations';
import { readProxyConfig } from '../../../server/out/engine/k8s/istio';
import { proxyConfigText } from '../../../server/out/engine/fix/istioConfig';

describe('Istio ProxyConfig', () => {
  test('Go durations: units, sums, fractions; anything else is unreadable', () => {
    assert.equal(parseGoDuration('5s'), 5);
    assert.equal(parseGoDuration('1m30s'), 90);
    assert.equal(parseGoDuration('500ms'), 0.5);
    assert.equal(parseGoDuration('1.5h'), 5400);
    assert.equal(parseGoDuration('0'), 0);
    for (const bad of ['5', '-5s', '5 s', 'inf', '', '1e400s', 's', '5d']) assert.equal(parseGoDuration(bad), undefined, bad);
    assert.equal(formatGoDuration(15), '15s');
    assert.equal(formatGoDuration(14.2), '15s');
    assert.equal(formatGoDuration(120), '2m');
    assert.equal(formatGoDuration(90), '1m30s');
  });

  test('the annotation is read as YAML or JSON; a broken one is unreadable, not a default', () => {
    assert.deepEqual(readProxyConfig('terminationDrainDuration: 20s\nholdApplicationUntilProxyStarts: true\n'), {
      unreadable: false,
      exitOnZeroActiveConnections: false,
      drainText: '20s',
      drainSeconds: 20,
      holdApplicationUntilProxyStarts: true,
    });
    assert.equal(readProxyConfig('{"proxyMetadata": {"EXIT_ON_ZERO_ACTIVE_CONNECTIONS": "true"}}').exitOnZeroActiveConnections, true);
    assert.equal(readProxyConfig('proxyMetadata: {EXIT_ON_ZERO_ACTIVE_CONNECTIONS: "false"}').exitOnZeroActiveConnections, false);
    assert.equal(readProxyConfig('terminationDrainDuration: [5s').unreadable, true);
    assert.equal(readProxyConfig('- a list').unreadable, true);
    assert.equal(readProxyConfig('terminationDrainDuration: soon').drainSeconds, undefined);
  });

  test('settings are written into the annotation, keeping its other keys and comments, as YAML or as JSON', () => {
    const yaml = proxyConfigText('# drain\nconcurrency: 2\n', [{ path: ['terminationDrainDuration'], value: '15s' }])!;
    assert.match(yaml, /# drain/);
    assert.deepEqual(parseDocument(yaml).toJS(), { concurrency: 2, terminationDrainDuration: '15s' });
    const json = proxyConfigText('{"concurrency": 2}', [{ path: ['proxyMetadata', 'EXIT_ON_ZERO_ACTIVE_CONNECTIONS'], value: 'true' }])!;
    assert.deepEqual(JSON.parse(json), { concurrency: 2, proxyMetadata: { EXIT_ON_ZERO_ACTIVE_CONNECTIONS: 'true' } });
    assert.equal(proxyConfigText('[1, 2]', [{ path: ['terminationDrainDuration'], value: '15s' }]), undefined);
  });
});

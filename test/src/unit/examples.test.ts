// examples/ is what the README's first command runs on: each file must show the hazards its comments
// describe, and examples/clean.yaml must pass every rule.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../../server/out/engine';
import { ChartJudge } from '../../../server/out/engine/charts/judge';
import { diskFiles } from './helm/chart-files';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

const EXPECTED: Record<string, string[]> = {
  'web-deployment.yaml': [
    'pdb-missing',
    'prestop-hook-missing',
    'progress-deadline-default',
    'readiness-probe-missing',
    'replicas-not-spread',
    'rolling-update-unavailable',
  ],
  'worker-recreate.yaml': ['pdb-missing', 'probes-identical', 'progress-deadline-default', 'recreate-strategy', 'replicas-not-spread'],
  'graceful-shutdown.yaml': [
    'grace-period-too-short',
    'pdb-missing',
    'progress-deadline-default',
    'replicas-not-spread',
    'resources-missing',
  ],
  'canary-istio.yaml': ['append-headers-removed', 'envoy-retry-missing'],
  'clean.yaml': [],
};

test('every example file is listed here', () => {
  assert.deepEqual(
    fs
      .readdirSync(EXAMPLES)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort(),
    Object.keys(EXPECTED).sort(),
  );
});

for (const [file, rules] of Object.entries(EXPECTED)) {
  test(`examples/${file}: ${rules.length ? rules.join(', ') : 'no findings'}`, () => {
    const result = lintText(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
    assert.deepEqual(result.notices, []);
    assert.deepEqual([...new Set(result.findings.map((f) => f.ruleId))].sort(), rules);
  });
}

test('examples/graceful-shutdown.yaml: one grace-period finding per Deployment', () => {
  const result = lintText(fs.readFileSync(path.join(EXAMPLES, 'graceful-shutdown.yaml'), 'utf8'));
  assert.deepEqual(
    result.findings
      .filter((f) => f.ruleId === 'grace-period-too-short')
      .map((f) => f.name)
      .sort(),
    ['checkout', 'search'],
  );
});

test('examples/canary-istio.yaml: the Canary without retries and the route without retries', () => {
  const result = lintText(fs.readFileSync(path.join(EXAMPLES, 'canary-istio.yaml'), 'utf8'));
  const retry = result.findings.filter((f) => f.ruleId === 'envoy-retry-missing').map((f) => f.name);
  assert.ok(retry.includes('podinfo'), 'Canary podinfo');
  assert.ok(retry.includes('shop'), 'VirtualService shop');
  const append = result.findings.filter((f) => f.ruleId === 'append-headers-removed').map((f) => f.name);
  assert.deepEqual(append, ['frontend']);
});

test('examples/helm-chart: the readinessProbe the chart leaves out and maxUnavailable from values, at template lines', () => {
  const verdict = new ChartJudge('helm-chart').judge(diskFiles(EXAMPLES));
  assert.deepEqual(verdict.notices, []);
  assert.deepEqual(
    verdict.findings.map((f) => [f.ruleId, f.file, f.related?.map((r) => r.message)]),
    [
      ['rolling-update-unavailable', 'helm-chart/templates/deployment.yaml', ["with values.yaml's `maxUnavailable: 1`"]],
      ['readiness-probe-missing', 'helm-chart/templates/deployment.yaml', ["with values.yaml's `readinessProbe: {}`"]],
    ],
  );
});

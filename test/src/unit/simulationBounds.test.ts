// Numbers the rollout simulation refuses instead of simulating (issue 15, item 1). One `.inf` or `1e308` in a
// probe made the horizon infinite, and the SVG's tick loop (t += step) never ended: the language server froze
// for good. Now such a value is named and nothing is drawn from a guess; the tick loop is bounded whatever
// simulation it is given.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  renderTimelineSvg,
  rolloutSummary,
  rolloutTargets,
  simulateInputs,
  simulateTarget,
  type RolloutInputs,
  type RolloutSimulation,
} from '../../../server/out/engine/simulation';
import { runBounded } from './boundedRun';

const SIMULATION_MODULE = path.resolve(__dirname, '..', '..', '..', 'server', 'out', 'engine', 'simulation');
/** Far above what rendering needs (a few ms): only a hang reaches it. */
const HANG_BOUND_MS = 20_000;

interface Parts {
  kind?: 'Deployment' | 'StatefulSet';
  /** As written (default 3). */
  replicas?: string;
  /** Lines under spec (2 spaces). */
  spec?: string[];
  /** Lines under the pod spec (6 spaces). */
  pod?: string[];
  /** Lines under the container (10 spaces). */
  container?: string[];
}

function manifest(parts: Parts): string {
  return [
    'apiVersion: apps/v1',
    `kind: ${parts.kind ?? 'Deployment'}`,
    'metadata:',
    '  name: web',
    'spec:',
    `  replicas: ${parts.replicas ?? '3'}`,
    ...(parts.spec ?? []).map((line) => `  ${line}`),
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    ...(parts.pod ?? []).map((line) => `      ${line}`),
    '      containers:',
    '        - name: web',
    '          image: nginx',
    '          ports:',
    '            - containerPort: 80',
    ...(parts.container ?? []).map((line) => `          ${line}`),
    '',
  ].join('\n');
}

const probe = (...fields: string[]) => ['readinessProbe:', '  httpGet: {path: /ready, port: 80}', ...fields.map((f) => `  ${f}`)];

function simulate(text: string): RolloutSimulation {
  const targets = rolloutTargets(text);
  assert.equal(targets.length, 1);
  return simulateTarget(targets[0]);
}

/** Tick labels of the time axis. */
function tickCount(svg: string): number {
  return (svg.match(/<g class="axis">(.*?)<\/g>/s)?.[1].match(/<text /g) ?? []).length;
}

const REFUSED: { name: string; parts: Parts; field: string; text: string; reason: RegExp }[] = [
  {
    name: 'readinessProbe initialDelaySeconds: .inf',
    parts: { container: probe('initialDelaySeconds: .inf') },
    field: 'readinessProbe.initialDelaySeconds of container "web"',
    text: '.inf',
    reason: /infinite/,
  },
  {
    name: 'readinessProbe initialDelaySeconds: 1e308',
    parts: { container: probe('initialDelaySeconds: 1e308') },
    field: 'readinessProbe.initialDelaySeconds of container "web"',
    text: '1e308',
    reason: /over 2147483647/,
  },
  {
    name: 'readinessProbe successThreshold: .inf',
    parts: { container: probe('successThreshold: .inf') },
    field: 'readinessProbe.successThreshold of container "web"',
    text: '.inf',
    reason: /infinite/,
  },
  {
    name: 'minReadySeconds: 1e308',
    parts: { spec: ['minReadySeconds: 1e308'] },
    field: 'spec.minReadySeconds',
    text: '1e308',
    reason: /over 2147483647/,
  },
  {
    name: 'minReadySeconds: .inf (read as 0 before)',
    parts: { spec: ['minReadySeconds: .inf'] },
    field: 'spec.minReadySeconds',
    text: '.inf',
    reason: /infinite/,
  },
  {
    name: 'periodSeconds: -5',
    parts: { container: probe('periodSeconds: -5') },
    field: 'readinessProbe.periodSeconds of container "web"',
    text: '-5',
    reason: /negative/,
  },
  {
    name: 'initialDelaySeconds: 1.5',
    parts: { container: probe('initialDelaySeconds: 1.5') },
    field: 'readinessProbe.initialDelaySeconds of container "web"',
    text: '1.5',
    reason: /not a whole number/,
  },
  {
    name: 'startupProbe failureThreshold: .nan',
    parts: { container: ['startupProbe:', '  tcpSocket: {port: 80}', '  failureThreshold: .nan'] },
    field: 'startupProbe.failureThreshold of container "web"',
    text: '.nan',
    reason: /not a number/,
  },
  {
    name: 'terminationGracePeriodSeconds: .inf',
    parts: { pod: ['terminationGracePeriodSeconds: .inf'] },
    field: 'terminationGracePeriodSeconds',
    text: '.inf',
    reason: /infinite/,
  },
  {
    name: 'preStop sleep seconds: 1e308',
    parts: { container: ['lifecycle:', '  preStop:', '    sleep: {seconds: 1e308}'] },
    field: 'lifecycle.preStop.sleep.seconds of container "web"',
    text: '1e308',
    reason: /more than the timeline can draw/,
  },
  {
    name: 'replicas: 1e308',
    parts: { replicas: '1e308' },
    field: 'spec.replicas',
    text: '1e308',
    reason: /over 2147483647/,
  },
  {
    name: 'maxUnavailable: 150%',
    parts: { spec: ['strategy:', '  rollingUpdate: {maxUnavailable: 150%}'] },
    field: 'spec.strategy.rollingUpdate.maxUnavailable',
    text: '150%',
    reason: /over 100%/,
  },
  {
    name: 'maxSurge: -1',
    parts: { spec: ['strategy:', '  rollingUpdate: {maxSurge: -1}'] },
    field: 'spec.strategy.rollingUpdate.maxSurge',
    text: '-1',
    reason: /negative/,
  },
  {
    name: 'StatefulSet partition: .inf',
    parts: { kind: 'StatefulSet', spec: ['updateStrategy:', '  rollingUpdate: {partition: .inf}'] },
    field: 'spec.updateStrategy.rollingUpdate.partition',
    text: '.inf',
    reason: /infinite/,
  },
];

describe('rollout simulation: values it refuses', () => {
  for (const c of REFUSED) {
    test(`${c.name}: refused by name, nothing simulated`, () => {
      const s = simulate(manifest(c.parts));
      assert.deepEqual(
        s.refused?.map((r) => [r.field, r.text]),
        [[c.field, c.text]],
      );
      assert.match(s.refused[0].reason, c.reason);
      assert.deepEqual([s.pods, s.windows, s.capacity, s.steps, s.duration, s.horizon], [[], [], [], [], 0, 0]);
      assert.equal(rolloutSummary(s), `Rollout: not simulated, ${c.field} is ${c.text}`);
      assert.ok(s.notes.some((note) => note.includes(`${c.field} is ${c.text}`)));
      JSON.stringify(s, (key, value: unknown) => {
        if (typeof value === 'number') assert.ok(Number.isFinite(value), `${key} is ${value}`);
        return value;
      });
      const svg = renderTimelineSvg(s);
      assert.ok(svg.includes('not simulated'), svg);
      assert.ok(!svg.includes('class="phase'), 'no pod is drawn');
    });
  }

  test('several refused values: all named, the summary counts the others', () => {
    const s = simulate(
      manifest({ spec: ['minReadySeconds: 1e308'], container: probe('initialDelaySeconds: .inf', 'successThreshold: .inf') }),
    );
    assert.equal(s.refused?.length, 3);
    assert.equal(rolloutSummary(s), 'Rollout: not simulated, spec.minReadySeconds is 1e308 (and 2 other values)');
  });

  test('the largest values the API server accepts are simulated, and the picture stays bounded', async () => {
    const s = simulate(
      manifest({
        spec: ['minReadySeconds: 2147483647'],
        container: probe('initialDelaySeconds: 2147483647', 'periodSeconds: 2147483647', 'successThreshold: 2147483647'),
      }),
    );
    assert.equal(s.refused, undefined);
    assert.ok(Number.isFinite(s.horizon) && s.horizon > 2147483647, String(s.horizon));
    const svg = await runBounded<string>(
      `const s = require(${JSON.stringify(SIMULATION_MODULE)}); return s.renderTimelineSvg(data);`,
      s,
      HANG_BOUND_MS,
    );
    assert.ok(tickCount(svg) >= 2 && tickCount(svg) <= 13, String(tickCount(svg)));
  });

  test('hand-built inputs with infinite or negative numbers are refused by simulateInputs itself', () => {
    const inputs: RolloutInputs = {
      kind: 'Deployment',
      docIndex: 0,
      strategy: 'RollingUpdate',
      replicas: 3,
      maxSurge: 1,
      maxUnavailable: 0,
      minReadySeconds: Number.POSITIVE_INFINITY,
      terminationGracePeriodSeconds: -1,
      containers: [{ serving: true, hasPreStop: true, preStopSeconds: Number.NaN }],
      notes: [],
    };
    const s = simulateInputs(inputs);
    assert.deepEqual(
      s.refused?.map((r) => `${r.field}: ${r.reason}`),
      ['minReadySeconds: infinite', 'terminationGracePeriodSeconds: negative', 'the preStop wait of container "1": not a number'],
    );
    assert.equal(s.pods.length, 0);
  });
});

describe('timeline SVG: the time axis is bounded whatever it is given', () => {
  const base = simulate(manifest({}));
  for (const horizon of [Number.POSITIVE_INFINITY, 1e308, Number.NaN, -5, 0]) {
    test(`horizon ${horizon}`, async () => {
      const svg = await runBounded<string>(
        `const s = require(${JSON.stringify(SIMULATION_MODULE)}); return s.renderTimelineSvg(data);`,
        { ...base, horizon, duration: horizon },
        HANG_BOUND_MS,
      );
      assert.ok(tickCount(svg) >= 1 && tickCount(svg) <= 13, `${tickCount(svg)} ticks`);
    });
  }
});

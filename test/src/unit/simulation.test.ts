// The rollout simulation against cases worked out by hand. Unless a test says otherwise the assumptions are
// the defaults: pod start 3s, app start-up 10s, propagation 5s, longest request 10s, shutdown 2s. With a
// readinessProbe of periodSeconds 5 (initialDelaySeconds 0) a pod created at c runs at c+3, its app accepts at
// c+13, and the probe ticks at c+3, c+8, c+13: Ready at c+13. With preStop sleep 10 and grace 30 a pod
// deleted at d gets SIGTERM at d+10, routers stop at d+5, its last request ends at d+15, it exits at d+17.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_ASSUMPTIONS,
  effectiveAssumptions,
  findRolloutTarget,
  rolloutSummary,
  rolloutTargets,
  simulateTarget,
  type FailureWindow,
  type RolloutAssumptions,
  type RolloutSimulation,
} from '../../../server/out/engine/simulation';

interface Options {
  kind?: 'Deployment' | 'StatefulSet';
  apiVersion?: string;
  name?: string;
  replicas?: number;
  /** Lines under spec (indented by the helper). */
  strategy?: string;
  readiness?: string;
  startup?: string;
  preStop?: number;
  grace?: number;
  minReadySeconds?: number;
}

const PROBE = 'readinessProbe:\n  httpGet: {path: /ready, port: 80}\n  periodSeconds: 5';

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

function manifest(o: Options): string {
  const lines = [
    `apiVersion: ${o.apiVersion ?? 'apps/v1'}`,
    `kind: ${o.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${o.name ?? 'web'}`,
    'spec:',
  ];
  if (o.replicas !== undefined) lines.push(`  replicas: ${o.replicas}`);
  if (o.minReadySeconds !== undefined) lines.push(`  minReadySeconds: ${o.minReadySeconds}`);
  if (o.strategy) lines.push(indent(o.strategy, 2));
  lines.push('  selector:', '    matchLabels: {app: web}', '  template:', '    metadata:', '      labels: {app: web}', '    spec:');
  if (o.grace !== undefined) lines.push(`      terminationGracePeriodSeconds: ${o.grace}`);
  lines.push('      containers:', '        - name: web', '          image: nginx', '          ports:', '            - containerPort: 80');
  if (o.readiness) lines.push(indent(o.readiness, 10));
  if (o.startup) lines.push(indent(o.startup, 10));
  if (o.preStop !== undefined) lines.push(`          lifecycle:\n            preStop:\n              sleep: {seconds: ${o.preStop}}`);
  return `${lines.join('\n')}\n`;
}

function simulate(text: string, assumptions?: Partial<RolloutAssumptions>): RolloutSimulation {
  const targets = rolloutTargets(text);
  assert.equal(targets.length, 1, 'one rollout target');
  return simulateTarget(targets[0], assumptions);
}

function pod(s: RolloutSimulation, id: string) {
  const found = s.pods.find((p) => p.id === id);
  assert.ok(found, `pod ${id} in ${s.pods.map((p) => p.id).join(', ')}`);
  return found;
}

const short = (w: FailureWindow) => `${w.kind} ${w.start}-${w.end} ${w.ruleId ?? '-'}${w.pod ? ` ${w.pod}` : ''}`;

/** Deletion and creation times by pod id: the controller's waves at a glance. */
function waves(s: RolloutSimulation): Record<string, [number | undefined, number | undefined]> {
  return Object.fromEntries(s.pods.map((p) => [p.id, [p.createdAt, p.deletedAt]]));
}

const SAFE = { readiness: PROBE, preStop: 10, grace: 30 };

describe('rollout simulation: Deployment RollingUpdate', () => {
  test('replicas 3, maxSurge 1, maxUnavailable 0: three waves, never below 3 Ready, no failure window', () => {
    const s = simulate(manifest({ replicas: 3, strategy: 'strategy:\n  rollingUpdate: {maxSurge: 1, maxUnavailable: 0}', ...SAFE }));
    assert.equal(s.maxSurge, 1);
    assert.equal(s.maxUnavailable, 0);
    // Each wave: one new pod, Ready 13s later, then one old pod goes.
    assert.deepEqual(waves(s), {
      'old-1': [undefined, 13],
      'old-2': [undefined, 26],
      'old-3': [undefined, 39],
      'new-1': [0, undefined],
      'new-2': [13, undefined],
      'new-3': [26, undefined],
    });
    assert.equal(pod(s, 'new-3').readyAt, 39);
    // The last old pod, deleted at 39, exits at 39 + 17.
    assert.equal(pod(s, 'old-3').goneAt, 56);
    assert.equal(s.duration, 56);
    assert.deepEqual(s.windows, []);
    assert.ok(
      s.capacity.every((p) => p.ready >= 3),
      JSON.stringify(s.capacity),
    );
    assert.equal(Math.max(...s.capacity.map((p) => p.ready)), 3, 'a surge pod counts only once the old one goes');
    assert.deepEqual(pod(s, 'old-1').phases, [
      { kind: 'ready', start: 0, end: 13 },
      { kind: 'prestop', start: 13, end: 23 },
      { kind: 'sigterm', start: 23, end: 30 },
    ]);
    assert.deepEqual(pod(s, 'new-2').phases, [
      { kind: 'starting', start: 13, end: 16 },
      { kind: 'running-not-ready', start: 16, end: 26 },
      { kind: 'ready', start: 26, end: s.horizon },
    ]);
    assert.equal(rolloutSummary(s), 'Rollout: 3 replicas, none down, +1 surge, no failure window');
  });

  test('replicas 4 with the defaults (25%/25%), no probe, no preStop: 1 pod down from the start, new pods Ready before their app', () => {
    const s = simulate(manifest({ replicas: 4 }));
    assert.equal(s.maxSurgeText, '25%');
    assert.equal(s.maxUnavailableText, '25%');
    assert.equal(s.maxSurge, 1, '25% of 4 rounds up to 1');
    assert.equal(s.maxUnavailable, 1, '25% of 4 rounds down to 1');
    // t=0: surge 1 (new 1) and take 1 away (old 1), which leaves room for new 2. Without a probe both are
    // Ready when their containers run (3s): old 2 and old 3 go, new 3 and new 4 come; at 6s old 4 goes.
    assert.deepEqual(waves(s), {
      'old-1': [undefined, 0],
      'old-2': [undefined, 3],
      'old-3': [undefined, 3],
      'old-4': [undefined, 6],
      'new-1': [0, undefined],
      'new-2': [0, undefined],
      'new-3': [3, undefined],
      'new-4': [3, undefined],
    });
    assert.deepEqual(
      s.capacity.map((p) => [p.t, p.ready, p.serving]),
      [
        [0, 3, 3],
        [3, 3, 1],
        [6, 4, 0], // four Ready pods, none of which answers yet
        [13, 4, 2],
        [16, 4, 4],
      ],
    );
    // No preStop: SIGTERM at deletion, exit after the last request (10s) + shutdown (2s).
    assert.equal(pod(s, 'old-4').goneAt, 18);
    assert.equal(s.duration, 18);
    assert.deepEqual(s.windows.map(short), [
      'errors 0-5 prestop-hook-missing old-1',
      'reduced-capacity 0-6 rolling-update-unavailable',
      'errors 3-8 prestop-hook-missing old-2',
      'errors 3-8 prestop-hook-missing old-3',
      'errors 3-13 readiness-probe-missing new-1',
      'errors 3-13 readiness-probe-missing new-2',
      'errors 6-11 prestop-hook-missing old-4',
      'errors 6-16 readiness-probe-missing new-3',
      'errors 6-16 readiness-probe-missing new-4',
    ]);
    assert.equal(rolloutSummary(s), 'Rollout: 4 replicas, at most 1 down, +1 surge, 9 failure windows');
  });

  test('replicas 1, maxUnavailable 1: the only pod goes at once, a full outage until its replacement is Ready', () => {
    const s = simulate(manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 1}', ...SAFE }));
    assert.equal(s.maxSurge, 1, 'default 25% of 1 rounds up to 1');
    assert.deepEqual(waves(s), { 'old-1': [undefined, 0], 'new-1': [0, undefined] });
    assert.deepEqual(s.windows.map(short), ['outage 0-13 rolling-update-unavailable']);
    assert.match(s.windows[0].cause, /No pod is Ready/);
    // Routers still reach the old pod during its preStop wait: it serves until they stop, at 5s.
    assert.deepEqual(
      s.capacity.map((p) => [p.t, p.ready, p.serving]),
      [
        [0, 0, 1],
        [5, 0, 0],
        [13, 1, 1],
      ],
    );
    assert.equal(rolloutSummary(s), 'Rollout: 1 replica, all can go down, +1 surge, 1 failure window');
  });

  test('maxSurge 0, maxUnavailable 1: delete first, then create', () => {
    const s = simulate(manifest({ replicas: 2, strategy: 'strategy:\n  rollingUpdate: {maxSurge: 0, maxUnavailable: 1}', ...SAFE }));
    assert.deepEqual(waves(s), { 'old-1': [undefined, 0], 'old-2': [undefined, 13], 'new-1': [0, undefined], 'new-2': [13, undefined] });
    assert.deepEqual(s.windows.map(short), ['reduced-capacity 0-26 rolling-update-unavailable']);
  });

  test('percentages: maxSurge 50% of 3 rounds up to 2, maxUnavailable 50% rounds down to 1', () => {
    const s = simulate(
      manifest({ replicas: 3, strategy: 'strategy:\n  rollingUpdate: {maxSurge: "50%", maxUnavailable: "50%"}', ...SAFE }),
    );
    assert.equal(s.maxSurge, 2);
    assert.equal(s.maxUnavailable, 1);
    // t=0: up to 5 pods (2 new), 1 old away, which frees one more slot: 3 new pods at once.
    assert.deepEqual(
      s.pods.filter((p) => p.generation === 'new').map((p) => p.createdAt),
      [0, 0, 0],
    );
    assert.deepEqual(
      s.pods.filter((p) => p.generation === 'old').map((p) => p.deletedAt),
      [0, 13, 13],
    );
  });

  test('extensions/v1beta1 defaults to maxSurge 1 and maxUnavailable 1', () => {
    const s = simulate(manifest({ apiVersion: 'extensions/v1beta1', replicas: 10, ...SAFE }));
    assert.equal(s.maxSurge, 1);
    assert.equal(s.maxUnavailable, 1);
  });

  test('minReadySeconds delays availability, and the controller waits for it', () => {
    const s = simulate(
      manifest({ replicas: 1, minReadySeconds: 7, strategy: 'strategy:\n  rollingUpdate: {maxSurge: 1, maxUnavailable: 0}', ...SAFE }),
    );
    assert.equal(pod(s, 'new-1').readyAt, 13);
    assert.equal(pod(s, 'new-1').availableAt, 20);
    assert.equal(pod(s, 'old-1').deletedAt, 20);
  });

  test('readiness timing: initialDelaySeconds, periodSeconds and successThreshold', () => {
    // Started at 3, app accepts at 13; probe ticks at 3+20 = 23 (first success), 33 (second): Ready at 33.
    const probe =
      'readinessProbe:\n  tcpSocket: {port: 80}\n  initialDelaySeconds: 20\n  periodSeconds: 10\n  successThreshold: 2\n  failureThreshold: 5';
    const s = simulate(
      manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 0}', readiness: probe, preStop: 10 }),
    );
    assert.equal(s.timing.readyAfter, 33);
    assert.equal(pod(s, 'new-1').readyAt, 33);
    // A probe that ticks every 4s from 0: 3, 7, 11, 15 -> Ready at 15, two seconds after the app.
    const late = simulate(manifest({ replicas: 1, readiness: 'readinessProbe:\n  tcpSocket: {port: 80}\n  periodSeconds: 4' }));
    assert.equal(late.timing.readyAfter, 15);
    assert.ok(!late.windows.some((w) => w.ruleId === 'readiness-probe-missing'));
  });

  test('a startupProbe holds readiness back even without a readinessProbe', () => {
    const s = simulate(manifest({ replicas: 2, startup: 'startupProbe:\n  tcpSocket: {port: 80}\n  periodSeconds: 10', preStop: 10 }));
    // Startup ticks 3, 13: passes at 13.
    assert.equal(s.timing.readyAfter, 13);
    assert.ok(!s.windows.some((w) => w.ruleId === 'readiness-probe-missing'), s.windows.map(short).join('\n'));
  });

  test('a preStop wait shorter than the propagation delay leaves a shorter window', () => {
    const s = simulate(
      manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 0}', readiness: PROBE, preStop: 3 }),
    );
    assert.deepEqual(s.windows.map(short), ['errors 16-18 prestop-hook-missing old-1']);
    assert.match(s.windows[0].cause, /3s preStop wait/);
    // A longer propagation delay than the wait: the window grows with it.
    const slow = simulate(
      manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 0}', readiness: PROBE, preStop: 10 }),
      { propagationSeconds: 15 },
    );
    assert.deepEqual(slow.windows.map(short), ['errors 23-28 prestop-hook-missing old-1']);
  });

  test('grace period too short for the longest request: SIGKILL cuts requests in flight', () => {
    // preStop 20, grace 25: SIGTERM at d+20, SIGKILL at d+25. Routers stop at d+5; a 30s request accepted
    // just before that runs until d+35.
    const s = simulate(
      manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 0}', readiness: PROBE, preStop: 20, grace: 25 }),
      {
        longestRequestSeconds: 30,
      },
    );
    const old = pod(s, 'old-1');
    assert.equal(old.deletedAt, 13);
    assert.equal(old.sigtermAt, 33);
    assert.equal(old.sigkillAt, 38);
    assert.deepEqual(s.windows.map(short), ['errors 38-48 grace-period-too-short old-1']);
    assert.deepEqual(
      old.phases.map((p) => p.kind),
      ['ready', 'prestop', 'sigterm', 'sigkill'],
    );
  });

  test('preStop as long as the grace period: the kubelet cuts the hook, sends SIGTERM, and SIGKILLs 2s later', () => {
    const s = simulate(
      manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 0}', readiness: PROBE, preStop: 40, grace: 30 }),
      { shutdownSeconds: 5 },
    );
    assert.equal(s.timing.sigtermAfter, 30);
    assert.equal(s.timing.goneAfter, 32);
    assert.equal(s.timing.killed, true);
    // The last request ended at d+15: nothing in flight is killed, but the shutdown is cut short (a note).
    assert.deepEqual(s.windows, []);
    assert.ok(
      s.notes.some((n) => /cannot shut down cleanly/.test(n)),
      s.notes.join('\n'),
    );
  });

  test('an HPA in the file sets the replica count (its maxReplicas, the worst case)', () => {
    const text = `${manifest({ replicas: 2, ...SAFE })}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 8
`;
    const s = simulate(text);
    assert.equal(s.replicas, 8);
    assert.equal(s.maxUnavailable, 2);
    assert.match(rolloutSummary(s), /^Rollout: 8 replicas \(HPA max\), at most 2 down, \+2 surge/);
  });

  test('a KEDA ScaledObject sets the replica count too (maxReplicaCount, default 100, drawn up to 60)', () => {
    const keda = (max: string) => `${manifest({ replicas: 2, ...SAFE })}---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: web}
spec:
  scaleTargetRef: {name: web}
${max}`;
    const s = simulate(keda('  maxReplicaCount: 6\n'));
    assert.equal(s.replicas, 6);
    assert.equal(s.replicasSource, 'KEDA ScaledObject "web" maxReplicaCount');
    assert.match(rolloutSummary(s), /^Rollout: 6 replicas \(KEDA max\)/);
    const unbounded = simulate(keda(''));
    assert.equal(unbounded.replicas, 100);
    assert.ok(
      unbounded.notes.some((n) => /shows the first 60/.test(n)),
      unbounded.notes.join('\n'),
    );
  });

  test('replicas 0: nothing rolls', () => {
    const s = simulate(manifest({ replicas: 0 }));
    assert.deepEqual(s.pods, []);
    assert.deepEqual(s.windows, []);
    assert.equal(rolloutSummary(s), 'Rollout: scaled to 0, nothing rolls');
  });
});

describe('rollout simulation: Recreate', () => {
  test('every old pod goes, the new ones start only when all are gone: an outage until they are Ready', () => {
    const s = simulate(manifest({ replicas: 2, strategy: 'strategy:\n  type: Recreate', ...SAFE }));
    assert.equal(s.strategy, 'Recreate');
    // Deleted at 0, gone at 17 (preStop 10, last request 15, shutdown 2); new pods created at 17, Ready at 30.
    assert.deepEqual(waves(s), { 'old-1': [undefined, 0], 'old-2': [undefined, 0], 'new-1': [17, undefined], 'new-2': [17, undefined] });
    assert.equal(pod(s, 'new-1').readyAt, 30);
    assert.deepEqual(s.windows.map(short), ['outage 0-30 recreate-strategy']);
    assert.equal(s.duration, 30);
    assert.equal(rolloutSummary(s), 'Rollout (Recreate): 2 replicas, all down at once, 1 failure window');
  });
});

describe('rollout simulation: StatefulSet', () => {
  test('one pod at a time, highest ordinal first, each deleted before its replacement starts', () => {
    const s = simulate(manifest({ kind: 'StatefulSet', replicas: 3, ...SAFE }));
    // web-2: deleted 0, gone 17, new created 17, Ready 30; web-1 from 30 (gone 47, Ready 60); web-0 from 60.
    assert.deepEqual(
      s.pods.map((p) => [p.id, p.createdAt, p.deletedAt, p.readyAt]),
      [
        ['web-2/old', undefined, 0, undefined],
        ['web-1/old', undefined, 30, undefined],
        ['web-0/old', undefined, 60, undefined],
        ['web-2/new', 17, undefined, 30],
        ['web-1/new', 47, undefined, 60],
        ['web-0/new', 77, undefined, 90],
      ],
    );
    assert.deepEqual(
      new Set(s.pods.map((p) => p.lane)),
      new Set(['web-2', 'web-1', 'web-0']),
      'old and new pod of an ordinal share a lane',
    );
    assert.equal(s.duration, 90);
    assert.deepEqual(s.windows.map(short), ['reduced-capacity 0-90 -']);
    assert.equal(rolloutSummary(s), 'Rollout: 3 replicas, one at a time, 1 failure window');
  });

  test('partition: ordinals below it keep the old template', () => {
    const s = simulate(
      manifest({ kind: 'StatefulSet', replicas: 3, strategy: 'updateStrategy:\n  rollingUpdate: {partition: 2}', ...SAFE }),
    );
    assert.deepEqual(
      s.pods.filter((p) => p.deletedAt !== undefined).map((p) => p.id),
      ['web-2/old'],
    );
    assert.equal(s.duration, 30);
  });

  test('a single replica StatefulSet has an outage on every rollout', () => {
    const s = simulate(manifest({ kind: 'StatefulSet', replicas: 1, ...SAFE }));
    assert.deepEqual(s.windows.map(short), ['outage 0-30 -']);
  });

  test('OnDelete: nothing rolls by itself', () => {
    const s = simulate(manifest({ kind: 'StatefulSet', replicas: 2, strategy: 'updateStrategy:\n  type: OnDelete', ...SAFE }));
    assert.equal(s.strategy, 'OnDelete');
    assert.ok(s.pods.every((p) => p.deletedAt === undefined));
    assert.deepEqual(s.windows, []);
  });
});

describe('rollout simulation: inputs and output', () => {
  test('assumptions: defaults, and invalid values ignored', () => {
    assert.deepEqual(effectiveAssumptions(undefined), DEFAULT_ASSUMPTIONS);
    const a = effectiveAssumptions({ appStartSeconds: 30, propagationSeconds: -1, shutdownSeconds: Number.NaN });
    assert.equal(a.appStartSeconds, 30);
    assert.equal(a.propagationSeconds, DEFAULT_ASSUMPTIONS.propagationSeconds);
    assert.equal(a.shutdownSeconds, DEFAULT_ASSUMPTIONS.shutdownSeconds);
  });

  test('app start-up time moves the readiness window', () => {
    const s = simulate(manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxUnavailable: 0}', preStop: 10 }), {
      appStartSeconds: 30,
    });
    assert.deepEqual(s.windows.map(short), ['errors 3-33 readiness-probe-missing new-1']);
  });

  test('the result is plain JSON: finite numbers only (Infinity would become null on the wire)', () => {
    for (const s of [
      simulate(manifest({ replicas: 4 })),
      simulate(manifest({ kind: 'StatefulSet', replicas: 2, strategy: 'updateStrategy:\n  type: OnDelete' })),
    ]) {
      JSON.stringify(s, (key, value: unknown) => {
        if (typeof value === 'number') assert.ok(Number.isFinite(value), `${key} is ${value}`);
        return value;
      });
    }
  });

  test('targets: Deployments and StatefulSets with their document index, Helm templates and other kinds skipped', () => {
    const text = [
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n',
      manifest({ name: 'a', replicas: 2 }),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n',
      manifest({ kind: 'StatefulSet', name: 'b', replicas: 2 }),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: patch}\nspec:\n  replicas: 3\n',
    ].join('---\n');
    const targets = rolloutTargets(text);
    assert.deepEqual(
      targets.map((t) => [t.docIndex, t.kind, t.name, t.complete]),
      [
        [1, 'Deployment', 'a', true],
        [3, 'StatefulSet', 'b', true],
        [4, 'Deployment', 'patch', false],
      ],
    );
    assert.equal(text.slice(targets[0].kindRange[0], targets[0].kindRange[1]), 'kind: Deployment');
    assert.equal(findRolloutTarget(targets, { docIndex: 3, kind: 'StatefulSet', name: 'b' }), targets[1]);
    // The document moved (a document was inserted above): found again by kind and name.
    assert.equal(findRolloutTarget(targets, { docIndex: 0, kind: 'StatefulSet', name: 'b' }), targets[1]);
    assert.equal(findRolloutTarget(targets, { docIndex: 1, kind: 'StatefulSet', name: 'nope' }), undefined);
  });
});

describe('rollout simulation: the Istio sidecar', () => {
  // One replica, maxSurge 1: old 1 is deleted at 13 (new 1 Ready). preStop 10: SIGTERM at 23, routers stop at
  // 18, its last request ends at 28, it exits at 30.
  const istio = (annotations: string) =>
    manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxSurge: 1, maxUnavailable: 0}', ...SAFE }).replace(
      '      labels: {app: web}\n',
      `      labels: {app: web, sidecar.istio.io/inject: "true"}\n${annotations}`,
    );

  test('Envoy killed 5s after the deletion (the default drain): the app answers into a window without a proxy', () => {
    const s = simulate(istio(''));
    assert.equal(s.timing.proxyGoneAfter, 5);
    assert.deepEqual(s.windows.map(short), ['errors 18-28 envoy-drain-too-short old-1']);
    assert.match(s.windows[0].cause, /Envoy sidecar is killed at 18s, 5s after the deletion/);
    assert.ok(
      s.notes.some((n) => /Envoy is killed 5s after a pod's deletion \(terminationDrainDuration, the default\)/.test(n)),
      s.notes.join('\n'),
    );
    // With a 3s drain the old pod stops serving when its Envoy is gone (16), before routers stop (18) or SIGTERM (23).
    const short3 = simulate(istio('      annotations:\n        proxy.istio.io/config: "terminationDrainDuration: 3s"\n'));
    assert.deepEqual(short3.windows.map(short), ['errors 16-28 envoy-drain-too-short old-1']);
    assert.deepEqual(
      short3.capacity.find((p) => p.t === 16),
      { t: 16, ready: 1, serving: 1 },
      JSON.stringify(short3.capacity),
    );
  });

  test('a terminationDrainDuration that covers the drain, exit on zero connections, or a native sidecar: no window', () => {
    const drained = simulate(istio('      annotations:\n        proxy.istio.io/config: |\n          terminationDrainDuration: 20s\n'));
    assert.equal(drained.timing.proxyGoneAfter, 20);
    assert.deepEqual(drained.windows, []);
    const zero = simulate(
      istio('      annotations:\n        proxy.istio.io/config: "{proxyMetadata: {EXIT_ON_ZERO_ACTIVE_CONNECTIONS: \\"true\\"}}"\n'),
    );
    assert.equal(zero.timing.proxyGoneAfter, undefined);
    assert.deepEqual(zero.windows, []);
    assert.ok(
      zero.notes.some((n) => /Envoy outlives the app, since it exits only when no connection is active/.test(n)),
      zero.notes.join('\n'),
    );
    const native = simulate(istio('      annotations: {sidecar.istio.io/nativeSidecar: "true"}\n'));
    assert.deepEqual(native.windows, []);
    assert.ok(native.notes.some((n) => /native sidecar/.test(n)));
  });

  test('no sidecar, no sidecar window', () => {
    const s = simulate(manifest({ replicas: 1, strategy: 'strategy:\n  rollingUpdate: {maxSurge: 1, maxUnavailable: 0}', ...SAFE }));
    assert.equal(s.timing.proxyGoneAfter, undefined);
    assert.deepEqual(s.windows, []);
  });
});

// The inlay hints (engine/explain/hints.ts): the Kubernetes defaults that decide a rollout, where a manifest
// leaves the field out, at the end of the line of the entry they belong to; what written percentages come to
// in mode `all`; nothing in mode `off`, in patches, fragments and Helm templates.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultHints, Linter, type HintMode, type LintOptions } from '../../../server/out/engine';

const BARE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: web:1
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
`;

/** "line-text ‹labels›" per place, the line being the one the hints end. */
function hints(text: string, mode: HintMode = 'implicit', options: LintOptions = {}, range?: [number, number]): string[] {
  const linter = new Linter();
  linter.lint(text, options);
  // The hints of one place, one value each, read as the editor shows them: one after the other.
  const byOffset = new Map<number, string[]>();
  for (const hint of defaultHints(linter.model, linter.project(), { patchFile: linter.isPatchFile, mode, range })) {
    byOffset.set(hint.offset, [...(byOffset.get(hint.offset) ?? []), hint.label]);
  }
  return [...byOffset].map(([offset, labels]) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return `${text.slice(lineStart, offset)} ‹${labels.join(' ')}›`;
  });
}

describe('inlay hints', () => {
  test('a bare Deployment: replicas, strategy, probe timing and grace period defaults', () => {
    assert.deepEqual(hints(BARE), [
      'spec: ‹replicas 1, maxUnavailable 0, maxSurge 1›',
      '    spec: ‹grace 30s›',
      '          readinessProbe: ‹every 10s, timeout 1s, failureThreshold 3›',
    ]);
  });

  test('a partial strategy: the missing field after rollingUpdate, replicas on spec', () => {
    const text = BARE.replace('spec:\n  selector', 'spec:\n  strategy:\n    rollingUpdate:\n      maxSurge: 2\n  selector');
    assert.deepEqual(hints(text).slice(0, 2), ['spec: ‹replicas 1›', '    rollingUpdate: ‹maxUnavailable 25% = 0›']);
  });

  test('a strategy without rollingUpdate: after strategy; written fields get nothing', () => {
    const text = BARE.replace('spec:\n  selector', 'spec:\n  replicas: 8\n  strategy:\n    type: RollingUpdate\n  selector');
    assert.deepEqual(hints(text)[0], '  strategy: ‹maxUnavailable 25% = 2, maxSurge 25% = 2›');
    const probe = BARE.replace(
      'httpGet: {path: /ready, port: 8080}',
      'httpGet: {path: /ready, port: 8080}\n            periodSeconds: 5\n            timeoutSeconds: 2\n            failureThreshold: 1',
    );
    assert.ok(!hints(probe).some((hint) => hint.includes('readinessProbe')), hints(probe).join('\n'));
  });

  test('Recreate: no maxSurge or maxUnavailable; a Job: no grace period', () => {
    const recreate = BARE.replace('spec:\n  selector', 'spec:\n  replicas: 2\n  strategy: {type: Recreate}\n  selector');
    assert.deepEqual(hints(recreate).slice(0, 1), ['    spec: ‹grace 30s›']);
    const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: once
          image: once:1
`;
    assert.deepEqual(hints(job), []);
  });

  test("one value per hint, compact when a line's hints would pass the editor's 43 characters", () => {
    const linter = new Linter();
    linter.lint(BARE);
    const found = defaultHints(linter.model, linter.project(), { patchFile: false, mode: 'implicit' });
    assert.deepEqual(
      found.map((hint) => hint.label),
      ['replicas 1,', 'maxUnavailable 0,', 'maxSurge 1', 'grace 30s', 'every 10s,', 'timeout 1s,', 'failureThreshold 3'],
    );
    // In full they would read "replicas 1, maxUnavailable 25% = 0, maxSurge 25% = 1": 50 characters.
    const lines = new Map<number, number>();
    for (const hint of found) lines.set(hint.offset, (lines.get(hint.offset) ?? -1) + hint.label.length + 1);
    for (const length of lines.values()) assert.ok(length <= 43, `a line of hints is ${length} characters`);
    assert.equal(found[1].tooltip, '`maxUnavailable` is not set: the default 25% of 1 replica, rounded down, = 0 pods.');
  });

  test('an autoscaler scaling the Deployment: the numbers at its maximum, no replicas default', () => {
    const text = `${BARE}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10
`;
    assert.equal(hints(text)[0], 'spec: ‹maxUnavailable 2, maxSurge 3, HPA max 10›');
  });

  test('both coming to 0: raised to 1', () => {
    const text = BARE.replace('spec:\n  selector', 'spec:\n  replicas: 3\n  strategy:\n    rollingUpdate: {maxSurge: 0}\n  selector');
    assert.equal(hints(text)[0], '    rollingUpdate: {maxSurge: 0} ‹maxUnavailable 25% = 0, raised to 1›');
  });

  test('mode all: what written percentages come to; mode off: nothing', () => {
    const text = BARE.replace(
      'spec:\n  selector',
      'spec:\n  replicas: 6\n  strategy:\n    rollingUpdate:\n      maxSurge: 50%\n      maxUnavailable: 1\n  selector',
    );
    assert.deepEqual(hints(text, 'all').slice(0, 1), ['      maxSurge: 50% ‹= 3 pods›']);
    assert.ok(!hints(text, 'implicit').some((hint) => hint.includes('maxSurge: 50%')));
    assert.deepEqual(hints(text, 'off'), []);
  });

  test('only within the range asked for', () => {
    const start = BARE.indexOf('readinessProbe');
    assert.deepEqual(hints(BARE, 'implicit', {}, [start, start + 20]), [
      '          readinessProbe: ‹every 10s, timeout 1s, failureThreshold 3›',
    ]);
  });

  test('CRLF line ends: the hint goes before the carriage return', () => {
    const text = BARE.replace(/\n/g, '\r\n');
    const linter = new Linter();
    linter.lint(text);
    const offsets = defaultHints(linter.model, linter.project(), { patchFile: false, mode: 'implicit' }).map((hint) => hint.offset);
    assert.equal(new Set(offsets).size, 3);
    for (const offset of offsets) assert.equal(text.slice(offset, offset + 2), '\r\n');
  });

  test('no rollout hint for a replica count Kubernetes would not take', () => {
    assert.ok(
      !hints(BARE.replace('spec:\n  selector', 'spec:\n  replicas: 9999999999\n  selector')).some((hint) => hint.startsWith('spec:')),
    );
  });

  test('none in a patch file, a fragment or a Helm template', () => {
    assert.deepEqual(hints(BARE, 'implicit', { isPatchFile: true }), []);
    assert.deepEqual(hints('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n'), []);
    assert.deepEqual(hints(BARE.replace('name: web\n', 'name: {{ .Release.Name }}\n')), []);
  });

  test('containers written as aliases share one hint', () => {
    const text = `${BARE}        - *main\n`.replace('        - name: web', '        - &main\n          name: web');
    assert.equal(hints(text).filter((hint) => hint.includes('readinessProbe')).length, 1);
  });
});

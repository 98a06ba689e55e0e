// What the hovers say about rollouts and references (engine/explain), against cases worked out by hand:
// maxUnavailable and maxSurge resolved as the Deployment controller resolves them (percentages of replicas,
// maxUnavailable rounded down, maxSurge up, both 0 raised to maxUnavailable 1), the waves of new pods, what
// autoscalers and budgets resolve to, and silence where nothing can be said. Pods: explainPods.test.ts.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainAt, Linter } from '../../../server/out/engine';
import { WEB } from '../manifests';
import { deployment, explain, must } from './explainHelpers';

describe('explain: the rollout of a Deployment', () => {
  test('defaults at 4 replicas: 1 down, +1 surge, 2 waves of 2; the docs and the timeline', () => {
    const said = must(explain(WEB, 'replicas: 4', 2));
    assert.equal(said.title, 'Rolling update of Deployment "web": 4 replicas');
    assert.equal(said.entry, 'replicas: 4');
    assert.deepEqual(said.lines.slice(0, 3), [
      '`maxUnavailable` is not set: 25% (the default) of 4 = 1 pod, rounded down: at least 3 of 4 stay available.',
      '`maxSurge` is not set: 25% (the default) of 4 = 1 pod, rounded up: at most 5 pods at once.',
      'New pods start in 2 waves of 2.',
    ]);
    assert.match(said.lines[3], /^Under the timeline's assumptions the rollout takes about \d+s, with \d+ failure windows?\.$/);
    assert.deepEqual(said.ruleIds, ['rolling-update-unavailable']);
    assert.deepEqual(said.timeline, { docIndex: 0, kind: 'Deployment', name: 'web' });
  });

  test('written values: maxUnavailable 0 keeps every pod, maxSurge 1 makes one wave per pod', () => {
    const text = deployment('  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n');
    const said = must(explain(text, 'maxSurge'));
    assert.equal(said.entry, 'maxSurge: 1');
    assert.deepEqual(said.lines.slice(0, 3), [
      '`maxUnavailable` 0: every old pod stays until a new one is available.',
      '`maxSurge` 1: at most 4 pods at once.',
      'New pods start in 3 waves of 1.',
    ]);
  });

  test('percentages against 5 replicas: 1 down (1.25 rounded down), +2 surge (rounded up), waves of 3 then 2', () => {
    const said = must(explain(deployment('  replicas: 5\n'), 'replicas'));
    assert.deepEqual(said.lines.slice(0, 3), [
      '`maxUnavailable` is not set: 25% (the default) of 5 = 1 pod, rounded down: at least 4 of 5 stay available.',
      '`maxSurge` is not set: 25% (the default) of 5 = 2 pods, rounded up: at most 7 pods at once.',
      'New pods start in 2 waves: 3, 2.',
    ]);
  });

  test('a written percentage, and all replicas allowed down', () => {
    const text = deployment('  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%\n');
    const said = must(explain(text, 'maxUnavailable'));
    assert.equal(said.lines[0], '`maxUnavailable` 100% of 2 = 2 pods, rounded down: both pods may be down at once.');
  });

  test('both come to 0 at 2 replicas: the controller raises maxUnavailable to 1', () => {
    const said = must(explain(deployment('  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n'), 'replicas'));
    assert.deepEqual(said.lines.slice(0, 4), [
      '`maxUnavailable` is not set: 25% (the default) of 2 = 0 pods, rounded down.',
      '`maxSurge` 0: at most 2 pods at once.',
      'Both come to 0 at 2 replicas: the controller uses `maxUnavailable` 1, so at least 1 of 2 stay available.',
      'New pods start in 2 waves of 1.',
    ]);
  });

  test('both written as 0: the API server rejects it', () => {
    const text = deployment('  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0\n');
    const said = must(explain(text, 'maxUnavailable'));
    assert.equal(
      said.lines[2],
      'Both are 0: the API server rejects this Deployment. Were it accepted, the controller would use `maxUnavailable` 1: at least 1 of 2 stay available.',
    );
    assert.deepEqual(said.ruleIds, ['rolling-update-unavailable', 'rolling-update-invalid']);
  });

  test('replicas left out: 1, the default; the single-replica docs', () => {
    const said = must(explain(deployment('  strategy:\n    type: RollingUpdate\n'), 'strategy'));
    assert.equal(said.title, 'Rolling update of Deployment "web": 1 replica');
    assert.deepEqual(said.lines.slice(0, 3), [
      '`replicas` is not set: 1 replica, the default.',
      '`maxUnavailable` is not set: 25% (the default) of 1 = 0 pods, rounded down: every old pod stays until a new one is available.',
      '`maxSurge` is not set: 25% (the default) of 1 = 1 pod, rounded up: at most 2 pods at once.',
    ]);
    assert.deepEqual(said.ruleIds, ['rolling-update-unavailable', 'single-replica']);
  });

  test('extensions/v1beta1 defaults to 1 and 1', () => {
    const said = must(explain(deployment('  replicas: 4\n', '', '', 'web', 'extensions/v1beta1'), 'replicas'));
    assert.deepEqual(said.lines.slice(0, 2), [
      '`maxUnavailable` is not set: 1 (the default for this API group): at least 3 of 4 stay available.',
      '`maxSurge` is not set: 1 (the default for this API group): at most 5 pods at once.',
    ]);
  });

  test('Recreate: every pod stops first, and how long none is Ready', () => {
    const said = must(explain(deployment('  replicas: 3\n  strategy:\n    type: Recreate\n'), 'type: Recreate', 7));
    assert.equal(said.title, 'Recreate of Deployment "web": 3 replicas');
    assert.equal(said.lines[0], '`type` Recreate: all 3 pods stop before any new one starts.');
    assert.match(said.lines[1], /no pod is Ready for about \d+s\.$/);
    assert.deepEqual(said.ruleIds, ['recreate-strategy']);
  });

  test('minReadySeconds', () => {
    const said = must(explain(deployment('  replicas: 2\n  minReadySeconds: 10\n'), 'minReadySeconds'));
    assert.ok(said.lines.includes('`minReadySeconds` 10: a new pod counts as available 10s after it is Ready.'), said.lines.join('\n'));
  });

  test('an autoscaler in the file: the numbers at its maxReplicas, with where it is', () => {
    const text = `${deployment('  replicas: 2\n')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 8
`;
    const said = must(explain(text, 'replicas: 2'));
    assert.equal(said.title, 'Rolling update of Deployment "web": 8 replicas (autoscaler max)');
    assert.equal(
      said.lines[0],
      'HorizontalPodAutoscaler "web" scales it to 2 to 8 replicas: the numbers here are for 8, the worst case (`replicas` 2 is only the count before the autoscaler acts).',
    );
    assert.equal(said.places[0], 'here:kind: HorizontalPodAutoscaler');
    assert.equal(
      said.lines[1],
      '`maxUnavailable` is not set: 25% (the default) of 8 = 2 pods, rounded down: at least 6 of 8 stay available.',
    );
  });

  test('values Kubernetes would not take: named, nothing computed from them', () => {
    const said = must(explain(deployment('  replicas: 9999999999\n'), 'replicas'));
    assert.deepEqual(said.lines, [
      'spec.replicas is 9999999999: over 2147483647, the largest value the API server accepts.',
      'Nothing is computed from a value Kubernetes would not take (or the timeline could not draw).',
    ]);
  });

  test('replicas that are not a number: said, not guessed', () => {
    const said = must(explain(deployment('  replicas: ${REPLICAS}\n'), 'replicas'));
    assert.deepEqual(said.lines, [
      '`replicas` is not a number (a template placeholder?): the rollout numbers cannot be known from the text.',
    ]);
  });
});

describe('explain: the rollout of a StatefulSet', () => {
  const statefulSet = (spec: string) =>
    deployment(`  serviceName: db\n${spec}`, '', '', 'db').replace('kind: Deployment', 'kind: StatefulSet');

  test('one pod at a time, highest ordinal first; a partition', () => {
    const said = must(explain(statefulSet('  replicas: 3\n  updateStrategy:\n    rollingUpdate:\n      partition: 1\n'), 'partition'));
    assert.equal(said.title, 'Rolling update of StatefulSet "db": 3 replicas');
    assert.deepEqual(said.lines.slice(0, 2), [
      'One pod at a time, highest ordinal first: each pod is deleted before its replacement starts, so 1 of 3 is down at every step.',
      '`partition` 1: pods with an ordinal below 1 keep the old template.',
    ]);
    assert.deepEqual(said.timeline, { docIndex: 0, kind: 'StatefulSet', name: 'db' });
  });

  test('OnDelete', () => {
    const said = must(explain(statefulSet('  replicas: 3\n  updateStrategy:\n    type: OnDelete\n'), 'OnDelete'));
    assert.deepEqual(said.lines, [
      '`updateStrategy` OnDelete: a pod is replaced only when you delete it; a template change rolls nothing by itself.',
    ]);
  });
});

describe('explain: what autoscalers and budgets resolve to', () => {
  const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: hpa
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 2
  maxReplicas: 6
`;
  const pdb = (budget: string, app = 'web') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
${budget}  selector:
    matchLabels: {app: ${app}}
`;

  test("an autoscaler's target in the same file, with its place and its timeline", () => {
    const text = `${deployment('  replicas: 3\n')}---\n${hpa('web')}`;
    const said = must(explain(text, 'scaleTargetRef'));
    assert.equal(said.title, '`scaleTargetRef`: Deployment "web"');
    assert.deepEqual(said.lines, [
      'Scales Deployment "web": `replicas` 3 written, this autoscaler keeps it between 2 and 6 replicas (in this file).',
    ]);
    assert.deepEqual(said.places, ['here:kind: Deployment']);
    assert.deepEqual(said.timeline, { docIndex: 0, kind: 'Deployment', name: 'web' });
  });

  test('a target in another file: its origin', () => {
    const facts = {
      workloads: [{ kind: 'Deployment', name: 'api', fragment: false, replicas: 2, origin: { file: '/ws/api.yaml', start: 20, end: 36 } }],
    };
    const linter = new Linter();
    const text = hpa('api');
    linter.lint(text, { externalFacts: facts });
    const found = explainAt(linter.model, linter.project(), text.indexOf('scaleTargetRef'));
    assert.ok(found);
    assert.deepEqual(found.lines, [
      {
        text: 'Scales Deployment "api": `replicas` 2 written, this autoscaler keeps it between 2 and 6 replicas.',
        place: { file: '/ws/api.yaml', start: 20, end: 36 },
      },
    ]);
    assert.equal(found.timeline, undefined);
  });

  test('a target that is nowhere: said, with the scope', () => {
    const said = must(explain(hpa('gone'), 'scaleTargetRef'));
    assert.deepEqual(said.lines, ['No Deployment "gone" in this file (open the folder as a workspace to see the others).']);
  });

  test('a budget: what it selects, and how many pods may go at a time', () => {
    const text = `${deployment('  replicas: 4\n')}---\n${pdb('  minAvailable: 50%\n')}`;
    const said = must(explain(text, 'minAvailable'));
    assert.equal(said.title, 'PodDisruptionBudget "pdb"');
    assert.deepEqual(said.lines, [
      'Selects Deployment "web": 4 pods (in this file).',
      '`minAvailable` 50% of 4, rounded up, = 2: 2 pods of these 4 may be evicted at a time (node drains, cluster-autoscaler scale-downs).',
    ]);
    assert.deepEqual(said.ruleIds, ['pdb-selects-nothing', 'pdb-blocks-eviction']);
  });

  test('a budget that blocks every eviction, counted at the autoscaler minimum', () => {
    const text = `${deployment('  replicas: 4\n')}---\n${hpa('web')}---\n${pdb('  minAvailable: 2\n')}`;
    const said = must(explain(text, 'minAvailable: 2'));
    assert.deepEqual(said.lines, [
      'Selects Deployment "web": 2 pods, counted at the minReplicas of HorizontalPodAutoscaler "hpa" (in this file).',
      '`minAvailable` 2: no pod of these 2 may ever be evicted; node drains hang.',
    ]);
  });

  test('a budget selecting nothing', () => {
    const said = must(explain(`${deployment('  replicas: 2\n')}---\n${pdb('  maxUnavailable: 1\n', 'other')}`, 'maxUnavailable'));
    assert.deepEqual(said.lines, ['Selects no workload in this file: it protects nothing.']);
  });
});

describe('explain: silence where nothing can be said', () => {
  test('entries where no number matters, comments, blank space', () => {
    const text = `# replicas: 4\n${WEB}`;
    assert.equal(explain(text, 'replicas: 4'), undefined);
    assert.equal(explain(text, 'image: nginx', 8), undefined);
    assert.equal(explain(text, 'name: web'), undefined);
    assert.equal(explain(text, '  replicas', 0), undefined);
  });

  test('a file listed as a patch, a fragment, a Helm template', () => {
    assert.equal(explain(WEB, 'replicas: 4', 0, { isPatchFile: true }), undefined);
    const fragment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n';
    assert.equal(explain(fragment, 'replicas'), undefined);
    assert.equal(explain(`${WEB}  annotations: {{ .Values.x }}\n`, 'replicas: 4'), undefined);
    const budget = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\nspec:\n  minAvailable: 2\n';
    assert.ok(explain(budget, 'minAvailable'), 'a budget of its own is explained');
    assert.equal(explain(budget, 'minAvailable', 0, { isPatchFile: true }), undefined);
  });

  test('the objects of a List are found', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${WEB.split('\n')
      .map((line, i) => (line === '' ? '' : `${i === 0 ? '  - ' : '    '}${line}`))
      .join('\n')}`;
    const said = must(explain(list, 'replicas: 4'));
    assert.equal(said.title, 'Rolling update of Deployment "web": 4 replicas');
  });
});

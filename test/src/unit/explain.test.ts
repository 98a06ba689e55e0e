// What the hovers say (engine/explain), against cases worked out by hand: maxUnavailable and maxSurge resolved
// as the Deployment controller resolves them (percentages of replicas, maxUnavailable rounded down, maxSurge up,
// both 0 raised to maxUnavailable 1), the waves of new pods, probe timing with the defaults (period 10s, timeout
// 1s, failureThreshold 3; a 0 means the default), the kubelet's termination sequence (preStop cut at the grace
// period, SIGKILL never less than 2s after SIGTERM), and what autoscalers and budgets resolve to. The timeline's
// default assumptions hold: pod start 3s, app start 10s, propagation 5s.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainAt, Linter, type Explanation, type LintOptions } from '../../../server/out/engine';
import { WEB } from '../manifests';

function deployment(spec: string, podSpec = '', container = '', name = 'web', apiVersion = 'apps/v1'): string {
  return `apiVersion: ${apiVersion}
kind: Deployment
metadata:
  name: ${name}
spec:
${spec}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${podSpec}      containers:
        - name: ${name}
          image: ${name}:1
          ports:
            - containerPort: 8080
${container}`;
}

interface Said {
  title: string;
  lines: string[];
  ruleIds: string[];
  timeline?: Explanation['timeline'];
  /** The text of the entry the hover is for. */
  entry: string;
  places: (string | undefined)[];
}

/** The explanation at `needle` (its first character, plus `shift`), or undefined. */
function explain(text: string, needle: string, shift = 0, options: LintOptions = {}): Said | undefined {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not in the text`);
  const linter = new Linter();
  linter.lint(text, options);
  const found = explainAt(linter.model, linter.project(), offset + shift, linter.isPatchFile);
  if (!found) return undefined;
  return {
    title: found.title,
    lines: found.lines.map((line) => line.text),
    ruleIds: found.ruleIds,
    timeline: found.timeline,
    entry: text.slice(found.range[0], found.range[1]),
    places: found.lines.map((line) => line.place && `${line.place.file ?? 'here'}:${text.slice(line.place.start, line.place.end)}`),
  };
}

function must(said: Said | undefined): Said {
  assert.ok(said, 'no explanation');
  return said;
}

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
    assert.equal(said.lines[0], '`maxUnavailable` 100% of 2 = 2 pods, rounded down: all 2 pods may be down at once.');
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

describe('explain: probes', () => {
  const probe = (which: string, body: string) => `          ${which}:\n            httpGet: {path: /ready, port: 8080}\n${body}`;

  test('readiness with the defaults: first Ready, Ready under the assumptions, how long a failing pod stays', () => {
    const text = deployment('  replicas: 2\n', '', probe('readinessProbe', ''));
    const said = must(explain(text, 'readinessProbe'));
    assert.equal(said.title, '`readinessProbe` of container "web"');
    assert.deepEqual(said.lines, [
      'Checks every 10s (`periodSeconds` 10, the default), the first as soon as the container starts (`initialDelaySeconds` 0, the default); a check that takes over 1s fails (`timeoutSeconds` 1, the default).',
      'Ready at the earliest 0s after the container starts (one passing check, `successThreshold` 1, the default).',
      // Ticks at 0, 10: the first at or after the app's 10s.
      "With an app that accepts requests 10s after its container starts (the timeline's assumption): Ready at 10s; the pod is Ready 13s after it is created (3s to start its containers).",
      'A pod that stops answering stays in rotation for up to 30s: 3 failed checks 10s apart (`failureThreshold` 3, the default); 31s when the checks hang until their timeout. Routers then need about 5s more to stop sending to it (assumed).',
    ]);
    assert.deepEqual(said.ruleIds, ['readiness-probe-missing', 'probes-identical']);
  });

  test('written timing: delay 5, period 4, two successes; Ready at the 3rd tick after 10s', () => {
    const text = deployment(
      '',
      '',
      probe('readinessProbe', '            initialDelaySeconds: 5\n            periodSeconds: 4\n            successThreshold: 2\n'),
    );
    const said = must(explain(text, 'periodSeconds', 2));
    assert.equal(said.entry, 'periodSeconds: 4');
    // Ticks at 5, 9, 13: the earliest Ready is 5 + 4 (two passes); with the app up at 10, 13 + 4 = 17.
    assert.equal(said.lines[1], 'Ready at the earliest 9s after the container starts (2 passing checks in a row, `successThreshold` 2).');
    assert.ok(said.lines[2].includes('Ready at 17s; the pod is Ready 20s after it is created'), said.lines[2]);
  });

  test('0 means the default, as in the API server', () => {
    const said = must(explain(deployment('', '', probe('readinessProbe', '            periodSeconds: 0\n')), 'readinessProbe'));
    assert.ok(said.lines[0].startsWith('Checks every 10s (`periodSeconds` 10, the default)'), said.lines[0]);
  });

  test('liveness: the restart after failures, and the start-up it allows', () => {
    const said = must(
      explain(
        deployment('', '', probe('livenessProbe', '            initialDelaySeconds: 15\n            periodSeconds: 20\n')),
        'livenessProbe',
      ),
    );
    assert.deepEqual(said.lines.slice(1), [
      'A container that stops answering is restarted after up to 1m: 3 failed checks 20s apart (`failureThreshold` 3, the default); 1m 1s when the checks hang until their timeout.',
      // Checks at 15, 35, 55.
      'An app that does not answer by the 3rd check, 55s after its container starts, is restarted before it is up (`initialDelaySeconds` 15).',
    ]);
    assert.deepEqual(said.ruleIds, ['liveness-probe-missing', 'probes-identical']);
  });

  test('a startupProbe: the time it allows, and readiness and liveness waiting for it', () => {
    const container = `${probe('startupProbe', '            periodSeconds: 5\n            failureThreshold: 30\n')}${probe('readinessProbe', '            periodSeconds: 5\n')}${probe('livenessProbe', '')}`;
    const text = deployment('', '', container);
    const startup = must(explain(text, 'startupProbe'));
    assert.deepEqual(startup.lines.slice(1), [
      // The 30th check is at 29 x 5s.
      'The app must answer by the 30th check, 2m 25s after its container starts (`failureThreshold` 30), or the container is restarted.',
      // Startup passes at 10 (ticks 0, 5, 10); readiness ticks from 0 every 5s: 10.
      "Readiness and liveness checks wait until it succeeds: with an app that accepts requests 10s after its container starts (the timeline's assumption), the container is Ready at 10s.",
    ]);
    const readiness = must(explain(text, 'readinessProbe'));
    assert.equal(
      readiness.lines[1],
      'Ready at the earliest 0s after the container starts (one passing check, `successThreshold` 1, the default, after the startupProbe succeeds).',
    );
    const liveness = must(explain(text, 'livenessProbe'));
    assert.equal(liveness.lines[2], 'It starts checking only once the startupProbe has succeeded.');
  });

  test('a timeout not below the period', () => {
    const said = must(
      explain(
        deployment('', '', probe('readinessProbe', '            periodSeconds: 5\n            timeoutSeconds: 5\n')),
        'timeoutSeconds',
      ),
    );
    assert.equal(
      said.lines[said.lines.length - 1],
      '`timeoutSeconds` 5 is not below `periodSeconds` 5: a hanging check runs into the next one.',
    );
    assert.ok(said.ruleIds.includes('probe-timeout-exceeds-period'));
  });

  test('a timing field that is not a number, and a probe without a handler', () => {
    const placeholder = must(
      explain(deployment('', '', probe('readinessProbe', '            periodSeconds: "${PERIOD}"\n')), 'readinessProbe'),
    );
    assert.deepEqual(placeholder.lines, [
      '`periodSeconds` is not a whole number (a template placeholder?): the timing cannot be known from the text.',
    ]);
    const bare = must(explain(deployment('', '', '          readinessProbe:\n            periodSeconds: 5\n'), 'readinessProbe'));
    assert.equal(bare.lines[1], 'It has no handler (`httpGet`, `tcpSocket`, `grpc` or `exec`): the API server rejects it.');
  });

  test('only the probe key and its timing fields: not its handler', () => {
    assert.equal(explain(deployment('', '', probe('readinessProbe', '')), 'path: /ready'), undefined);
  });
});

describe('explain: termination', () => {
  const preStop = (hook: string) => `          lifecycle:\n            preStop:\n${hook}`;

  test('preStop sleep 10 within the default grace period: SIGTERM at 10s, SIGKILL at 30s', () => {
    const text = deployment('', '', preStop('              sleep: {seconds: 10}\n'));
    const said = must(explain(text, 'preStop'));
    assert.equal(said.title, 'Shutdown of container "web" (0s: the pod is deleted)');
    assert.deepEqual(said.lines, [
      '0s to 10s: the preStop hook waits (`sleep.seconds` 10); the app keeps serving.',
      'At 10s: SIGTERM; the app stops accepting and finishes what is in flight.',
      'At 30s: SIGKILL if it is still running (`terminationGracePeriodSeconds` 30, the default, counted from the deletion, the preStop wait included; never less than 2s after SIGTERM).',
      "Routers stop sending requests about 5s after the deletion (the timeline's assumption), before SIGTERM.",
    ]);
    assert.deepEqual(said.ruleIds, ['prestop-hook-missing', 'grace-period-too-short']);
  });

  test('a wait reaching the grace period is cut off, and SIGKILL follows 2s after SIGTERM', () => {
    const text = deployment(
      '',
      '      terminationGracePeriodSeconds: 15\n',
      preStop('              exec:\n                command: ["sh", "-c", "sleep $DELAY"]\n'),
    );
    const withEnv = text.replace('          ports:', '          env:\n            - {name: DELAY, value: "20"}\n          ports:');
    const said = must(explain(withEnv, 'sleep $DELAY', 2));
    assert.deepEqual(said.lines.slice(0, 2), [
      '0s to 15s: the preStop hook waits (`sleep 20` (from `$DELAY`)); the app keeps serving.',
      'At 15s the grace period (`terminationGracePeriodSeconds` 15) runs out during the hook: the kubelet stops it, sends SIGTERM, and SIGKILL 2s later, at 17s: requests still in flight are cut off.',
    ]);
  });

  test('a short wait: routers still send after SIGTERM', () => {
    const said = must(explain(deployment('', '', preStop('              exec:\n                command: ["sleep", "2"]\n')), '"2"', 1));
    assert.equal(
      said.lines[said.lines.length - 1],
      "Routers keep sending requests for about 5s after the deletion (the timeline's assumption): those arriving after SIGTERM at 2s fail.",
    );
  });

  test('a hook of unknown length', () => {
    const said = must(explain(deployment('', '', preStop('              httpGet: {path: /drain, port: 8080}\n')), 'preStop'));
    assert.deepEqual(said.lines, [
      "The preStop hook's duration cannot be read (an HTTP call, or a script without `sleep`): SIGTERM comes when it returns.",
      'SIGKILL comes 30s after the deletion if the hook and the app are not done by then (`terminationGracePeriodSeconds` 30, the default).',
    ]);
  });

  test('the grace period: each container, with and without a hook', () => {
    const container = `${preStop('              sleep: {seconds: 10}\n')}        - name: sidecar\n          image: proxy:1\n`;
    const said = must(explain(deployment('', '      terminationGracePeriodSeconds: 45\n', container), 'terminationGracePeriodSeconds'));
    assert.equal(said.title, 'Shutdown of a pod (0s: the pod is deleted)');
    assert.deepEqual(said.lines, [
      '`terminationGracePeriodSeconds` 45: SIGKILL 45s after the deletion at the latest, the preStop wait included (never less than 2s after SIGTERM).',
      'Container "web": preStop 10s, SIGTERM at 10s, SIGKILL at 45s.',
      'Container "sidecar": no preStop, SIGTERM at 0s, SIGKILL at 45s.',
      "Routers keep sending requests for about 5s after the deletion (the timeline's assumption): those arriving after SIGTERM at 0s fail.",
    ]);
  });

  test('a grace period that is not a number', () => {
    const said = must(explain(deployment('', '      terminationGracePeriodSeconds: "${GRACE}"\n'), 'terminationGracePeriodSeconds'));
    assert.deepEqual(said.lines, [
      '`terminationGracePeriodSeconds` is not a number (a template placeholder?): the timing cannot be known from the text.',
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

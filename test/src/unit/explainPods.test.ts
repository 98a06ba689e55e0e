// What the hovers say about a pod's timing (engine/explain), against cases worked out by hand: probe timing with
// the defaults (period 10s, timeout 1s, failureThreshold 3; a 0 means the default), first Ready with the
// simulation's arithmetic (startupProbe included), and the kubelet's termination sequence (preStop cut at the
// grace period, SIGKILL never less than 2s after SIGTERM). The timeline's default assumptions hold: pod start 3s,
// app start 10s, propagation 5s.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deployment, explain, must } from './explainHelpers';

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
      '`periodSeconds` is not a whole number from 0 to 2147483647 (a template placeholder?): the timing cannot be known from the text.',
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

import { isAlias } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { describeContainer } from '../k8s/objects';
import { PROBE_DEFAULTS } from '../k8s/probes';
import { defineRule } from '../catalog/rule';
import { getInt, getMap, getPair, pairRange } from '../model/yamlAccess';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

export default defineRule({
  meta: {
    id: 'probe-timeout-exceeds-period',
    title: 'Probe timeoutSeconds not below periodSeconds',
    severity: 'warning',
    rationale:
      'A probe whose timeout is as long as its period cannot run at the period it states: a slow or hanging endpoint is probed every timeoutSeconds, so failures are noticed later than the settings suggest.',
    appliesTo: 'readinessProbe, livenessProbe and startupProbe of long-running containers',
    docs: {
      why: [
        'The kubelet runs one probe of a kind at a time per container: when an answer takes up to `timeoutSeconds`, the next probe can only start after it. With `timeoutSeconds` >= `periodSeconds` (default period 10, default timeout 1) the effective period is the timeout, so a readinessProbe takes `failureThreshold × timeoutSeconds` or longer to take a hanging pod out of the Service, and a rollout waits longer for each pod. The manifest says one thing and the kubelet does another, which is what makes it worth a warning.',
        '',
        'Only probes that set `timeoutSeconds` explicitly are judged (the 1-second default never exceeds a period).',
      ].join('\n'),
      severityReason: 'Warning: probes still work, but slower than written, which delays taking broken pods out of rotation.',
      bad: `readinessProbe:
  httpGet: {path: /ready, port: http}
  periodSeconds: 5
  timeoutSeconds: 5`,
      good: `readinessProbe:
  httpGet: {path: /ready, port: http}
  periodSeconds: 5
  timeoutSeconds: 2`,
      howToFix:
        'Keep `timeoutSeconds` below `periodSeconds`: lower the timeout to what a healthy endpoint needs, or raise the period. The quick fixes offer both.',
      notFlagged: 'Probes without an explicit `timeoutSeconds`, Jobs and CronJobs, and Kustomize patches that do not set both values.',
    },
  },
  check({ workloads, report }) {
    for (const workload of workloads) {
      if (workload.runsToCompletion) {
        continue;
      }
      const { ref } = workload.object;
      for (const container of workload.containers) {
        for (const which of PROBES) {
          const probePair = getPair(container.node, which, ref);
          const probe = getMap(container.node, which, ref);
          const timeoutPair = getPair(probe, 'timeoutSeconds', ref);
          const timeout = getInt(probe, 'timeoutSeconds', ref);
          const periodPair = getPair(probe, 'periodSeconds', ref);
          const period = periodPair ? getInt(probe, 'periodSeconds', ref) : PROBE_DEFAULTS.periodSeconds;
          if (!probe || !timeoutPair || timeout === undefined || period === undefined || timeout < period) {
            continue;
          }
          if (workload.isFragment && !periodPair) {
            continue; // a patch: the base may set the period
          }
          const range = pairRange(timeoutPair, ref);
          if (!range) continue;
          const failures = getInt(probe, 'failureThreshold', ref) ?? PROBE_DEFAULTS.failureThreshold;
          const shared = isAlias(probePair?.value) || container.viaAlias;
          const editor = new YamlEditor(ref);
          report({
            object: workload.object,
            container,
            range,
            message:
              timeout === period
                ? `${describeContainer(container)}'s ${which} has timeoutSeconds: ${timeout}, equal to its periodSeconds${periodPair ? '' : ' (the default)'}: when the endpoint is slow the probes run back to back, each one starting when the last timed out, and the app gets no pause to recover. Keep the timeout below the period.`
                : `${describeContainer(container)}'s ${which} has timeoutSeconds: ${timeout}, above its periodSeconds (${period}${periodPair ? '' : ', the default'}): the next probe waits for a slow one, so the probe runs every ${timeout}s at best and ${failures} failures take ${failures * timeout}s or more to act on, not the ${failures * period}s the settings suggest.`,
            fixes: () =>
              shared
                ? []
                : definedFixes(
                    fix(`Set periodSeconds: ${timeout + 1}`, editor.setEntries(probe, { periodSeconds: timeout + 1 }), {
                      preferred: true,
                      safe: false,
                    }),
                    period > 1
                      ? fix(`Set timeoutSeconds: ${period - 1}`, editor.setEntries(probe, { timeoutSeconds: period - 1 }), { safe: false })
                      : undefined,
                  ),
          });
        }
      }
    }
  },
});

import { isAlias, isMap } from 'yaml';
import { blockLines } from '../fix/edits/emit';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { describeContainer } from '../k8s/objects';
import { effectiveProbe, probeFields, probeNode, sameProbe } from '../k8s/probes';
import { defineRule } from '../catalog/rule';
import { getPair, keyRange, toPlain } from '../model/yamlAccess';
import type { TextEdit } from '../types';

export default defineRule({
  meta: {
    id: 'probes-identical',
    title: 'readinessProbe and livenessProbe are identical',
    severity: 'warning',
    rationale:
      'When liveness checks exactly what readiness checks, a pod that is only briefly unready (overload, a slow dependency) is restarted too, which turns a slowdown into an outage.',
    appliesTo: 'Every container with both probes, in any workload kind',
    docs: {
      why: 'Readiness answers "should this pod get traffic right now?"; liveness answers "is this process beyond recovery?". Failing readiness takes a pod out of the endpoints until it recovers; failing liveness kills it. If both probes are the same, every readiness failure that lasts `failureThreshold × periodSeconds` also restarts the container: under load, pods restart one after another, the remaining ones get even more load, and capacity collapses. The comparison applies Kubernetes defaults (period 10s, timeout 1s, failure threshold 3, initial delay 0, path `/`, scheme HTTP) and resolves named ports, so `port: http` equals `port: 8080` when `http` is 8080.',
      severityReason: 'Warning: this misconfiguration turns transient overload into restarts, but only under stress.',
      bad: `readinessProbe:
  httpGet: { path: /health, port: http }
livenessProbe:
  httpGet: { path: /health, port: http }`,
      good: `readinessProbe:
  httpGet: { path: /ready, port: http }
  periodSeconds: 5
livenessProbe:
  httpGet: { path: /livez, port: http }
  periodSeconds: 20
  failureThreshold: 6`,
      howToFix:
        'Give liveness its own endpoint that does not check dependencies, or at least make it slower and more tolerant than readiness (larger `periodSeconds` and `failureThreshold`, an `initialDelaySeconds` or a `startupProbe`).',
    },
  },
  check({ workloads, report }) {
    for (const workload of workloads) {
      const { ref } = workload.object;
      for (const container of workload.containers) {
        const livenessPair = getPair(container.node, 'livenessProbe', ref);
        const readiness = effectiveProbe(probeNode(container, 'readinessProbe', ref), container, ref);
        const liveness = effectiveProbe(probeNode(container, 'livenessProbe', ref), container, ref);
        if (!livenessPair || !readiness || !liveness || !sameProbe(readiness, liveness)) {
          continue;
        }
        // A timing that is not a number the API server takes (or a placeholder) is unknown: no comparison.
        const readinessNode = probeNode(container, 'readinessProbe', ref);
        const livenessNode = probeNode(container, 'livenessProbe', ref);
        if (probeFields(readinessNode, ref).unreadable.length > 0 || probeFields(livenessNode, ref).unreadable.length > 0) {
          continue;
        }
        const range = keyRange(livenessPair, ref);
        if (!range) {
          continue;
        }
        // Liveness twice as slow and twice as tolerant: it only restarts a pod that stays broken.
        const periodSeconds = Math.max(readiness.periodSeconds * 2, 20);
        const failureThreshold = Math.max(readiness.failureThreshold * 2, 6);
        const editor = new YamlEditor(ref);
        let edits: TextEdit[] | undefined;
        const livenessValue = livenessPair.value;
        if (container.viaAlias) {
          edits = undefined;
        } else if (isAlias(livenessValue) && livenessValue.range) {
          // `livenessProbe: *probe` shares the readiness map: write liveness out as its own block instead.
          const plain = toPlain(livenessValue, ref);
          if (plain && typeof plain === 'object' && !Array.isArray(plain) && range) {
            const column = editor.lineOf(range[0]).column;
            const block = blockLines(
              { ...(plain as Record<string, never>), periodSeconds, failureThreshold },
              column + editor.style.indent,
              editor.style,
            );
            // Replace ` *probe` (from just after the colon) with the block, so no trailing space is left behind.
            const aliasStart = livenessValue.range[0] - ref.base;
            const from = editor.text.lastIndexOf(':', aliasStart) + 1;
            edits = [editor.replace(from, livenessValue.range[1] - ref.base, editor.style.eol + block.join(editor.style.eol))];
          }
        } else if (isMap(livenessValue)) {
          edits = editor.setEntries(livenessValue, { periodSeconds, failureThreshold });
        }
        report({
          object: workload.object,
          container,
          range,
          fixes: () =>
            definedFixes(
              fix(`Make livenessProbe slower and more tolerant (every ${periodSeconds}s, ${failureThreshold} failures)`, edits, {
                preferred: true,
                safe: true,
              }),
            ),
          message: `${describeContainer(container)}: livenessProbe is identical to readinessProbe (${liveness.summary}, every ${liveness.periodSeconds}s, ${liveness.failureThreshold} failures): a pod that is only briefly unready is restarted too, turning a slowdown into an outage.`,
        });
      }
    }
  },
});

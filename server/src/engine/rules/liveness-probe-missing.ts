import { describeContainer } from '../k8s/objects';
import { addProbeFixes } from '../fix/builders';
import { defineRule } from '../catalog/rule';
import { longRunningContainers } from '../k8s/serving';
import { getPair } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'liveness-probe-missing',
    title: 'Long-running container without a livenessProbe',
    severity: 'info',
    rationale:
      'Without a livenessProbe a container that hangs (deadlock, exhausted thread pool, stuck event loop) keeps running and, if it is still Ready, keeps receiving requests that never complete.',
    appliesTo: 'Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Pod, Argo Rollout',
    docs: {
      why: 'The kubelet restarts a container only when it exits or when its livenessProbe fails. A process that is alive but stuck is never restarted without one. Pair it with a readinessProbe, and make the two different (see `probes-identical`).',
      severityReason:
        'Information: a missing liveness probe does not drop requests during a rollout by itself, and a badly tuned one does more harm than none; it is worth a deliberate decision, not a failing CI run.',
      bad: `containers:
  - name: api
    image: example/api:2.1`,
      good: `containers:
  - name: api
    image: example/api:2.1
    livenessProbe:
      httpGet:
        path: /livez
        port: 8080
      periodSeconds: 20
      failureThreshold: 6`,
      howToFix:
        'Add a `livenessProbe` that fails only when the process cannot recover by itself: a cheap endpoint that does not check dependencies, slower and more tolerant than the readinessProbe (longer `periodSeconds`, higher `failureThreshold`).',
      notFlagged: 'Jobs, CronJobs, run-to-completion Pods, init containers, and Kustomize patches (containers without `image`).',
    },
  },
  check({ workloads, report, fixDefaults }) {
    for (const workload of workloads) {
      for (const container of longRunningContainers(workload)) {
        if (getPair(container.node, 'livenessProbe', workload.object.ref)) {
          continue;
        }
        report({
          object: workload.object,
          container,
          range: container.anchorRange,
          message: `${describeContainer(container)} has no livenessProbe: if the app hangs it is never restarted and, while still Ready, keeps receiving requests that never complete.`,
          fixes: () => addProbeFixes('livenessProbe', container, workload.object.ref, fixDefaults),
        });
      }
    }
  },
});

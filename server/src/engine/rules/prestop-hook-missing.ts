import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix, graceAbove } from '../fix/builders';
import { describeContainer, type Container, type Workload } from '../k8s/objects';
import { readPreStop } from '../k8s/lifecycle';
import { defineRule } from '../catalog/rule';
import { longRunningContainers, servingReason } from '../k8s/serving';
import type { FixDefaults } from '../types';

/** The native sleep action (Kubernetes >= 1.30, no `sleep` binary needed) and exec sleep, each keeping the grace period above the wait. */
function preStopFixes(workload: Workload, container: Container, defaults: FixDefaults) {
  if (container.viaAlias) {
    return [];
  }
  const { ref } = workload.object;
  const seconds = defaults.preStopSleepSeconds;
  const grace = graceAbove(workload, seconds, ref);
  const editor = new YamlEditor(ref);
  const withGrace = (edits: ReturnType<YamlEditor['setPath']>) => (edits && grace ? [...edits, ...grace] : undefined);
  return definedFixes(
    fix(
      `Add preStop sleep ${seconds}s (native sleep action)`,
      withGrace(editor.setPath(container.node, ['lifecycle', 'preStop'], { sleep: { seconds } })),
      {
        preferred: true,
        safe: true,
      },
    ),
    fix(
      `Add preStop exec sleep ${seconds} (needs a sleep binary in the image)`,
      withGrace(editor.setPath(container.node, ['lifecycle', 'preStop'], { exec: { command: ['sleep', String(seconds)] } })),
      {
        safe: false,
      },
    ),
  );
}

export default defineRule({
  meta: {
    id: 'prestop-hook-missing',
    title: 'Serving container without a preStop hook',
    severity: 'warning',
    rationale:
      'A terminating pod gets SIGTERM while ingress controllers, kube-proxy and Envoy sidecars still route to it for a few seconds; without a preStop wait the app closes its listener and those requests fail.',
    appliesTo: 'Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Pod, Argo Rollout',
    docs: {
      why: 'When a pod is deleted (rollout, scale-down, node drain) the endpoint removal and SIGTERM happen at about the same time, but the rest of the cluster learns about the removal later: kube-proxy rules, ingress controllers and Envoy sidecars keep sending new requests to the pod for a few seconds. A preStop hook runs before SIGTERM; a short wait there keeps the app serving until nobody routes to it any more. The native `sleep` action (`lifecycle.preStop.sleep.seconds`, on by default since Kubernetes 1.30) needs no `sleep` binary in the image, so it works on distroless images; on older clusters use `exec: {command: ["sleep", "10"]}`.',
      severityReason: 'Warning: every rollout and scale-down drops some requests, more behind ingress controllers and meshes.',
      bad: `containers:
  - name: web
    image: nginx:1.27
    ports:
      - containerPort: 80`,
      good: `terminationGracePeriodSeconds: 45
containers:
  - name: web
    image: nginx:1.27
    ports:
      - containerPort: 80
    lifecycle:
      preStop:
        sleep:
          seconds: 10`,
      howToFix:
        'Add `lifecycle.preStop` that waits 5-15 seconds (the native `sleep` action, or `exec` `sleep N`), and keep `terminationGracePeriodSeconds` above the wait plus your longest request (see `grace-period-too-short`).',
      notFlagged:
        'Jobs, CronJobs, run-to-completion Pods, init containers, sidecars that declare no port (when they are not the only container of their pod: a Service reaches a container only through the port it targets), and Kustomize patches.',
    },
  },
  check({ workloads, project, report, fixDefaults }) {
    for (const workload of workloads) {
      for (const container of longRunningContainers(workload)) {
        if (readPreStop(container, workload.object.ref).pair) {
          continue;
        }
        const serving = servingReason(workload, container, project);
        if (!serving.serving) {
          continue;
        }
        report({
          object: workload.object,
          container,
          range: container.anchorRange,
          fixes: () => preStopFixes(workload, container, fixDefaults),
          message: `${describeContainer(container)} has no preStop hook: on termination it gets SIGTERM while ingress, kube-proxy and Envoy still route to it for a few seconds, so those requests fail. Add a preStop wait (5-15s) (it serves: ${serving.because}).`,
        });
      }
    }
  },
});

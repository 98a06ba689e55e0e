import { describeContainer } from '../k8s/objects';
import { addProbeFixes } from '../fix/builders';
import { defineRule } from '../catalog/rule';
import { longRunningContainers, servingReason } from '../k8s/serving';
import { getPair } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'readiness-probe-missing',
    title: 'Serving container without a readinessProbe',
    severity: 'warning',
    rationale:
      'Without a readinessProbe a new pod counts as Ready as soon as its containers start, so a rollout sends it traffic before the app listens, and moves on to the next pod before this one can serve.',
    appliesTo: 'Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Pod, Argo Rollout',
    docs: {
      why: 'Kubernetes adds a pod to the Service endpoints when it is Ready. With no readinessProbe that is the moment its containers are *running*, not the moment the application accepts connections: during every rollout and scale-up, requests reach a process that is still starting and fail. Readiness also paces the rollout itself: the Deployment controller counts a new pod as available when it is Ready, then removes an old one. A container counts as serving when a Service sends one of its ports to a port the container declares (by `targetPort` name or number; the Service may be in the same file, in a workspace in any file of the folder, on the command line in any file given), when it declares a `containerPort`, or when it is the only container of its pod. A Service reaches a container only through the port it targets: a container that declares no port beside others (a log shipper, a metrics agent) does not serve just because a Service selects the pod.',
      severityReason:
        'Warning: every rollout drops requests while new pods start, but the manifest is valid and some apps start instantly.',
      bad: `containers:
  - name: web
    image: nginx:1.27
    ports:
      - containerPort: 80`,
      good: `containers:
  - name: web
    image: nginx:1.27
    ports:
      - name: http
        containerPort: 80
    readinessProbe:
      httpGet:
        path: /ready
        port: http
      periodSeconds: 5`,
      howToFix:
        'Add a `readinessProbe` that succeeds only when the app can serve: an `httpGet` on a readiness endpoint, a `tcpSocket` on the serving port, or an `exec` check. Keep it cheap and fast (it runs every `periodSeconds`).',
      notFlagged:
        'Jobs, CronJobs, run-to-completion Pods, init containers, sidecar containers that declare no port (when they are not the only container of its pod), and Kustomize patches (containers without `image`).',
    },
  },
  check({ workloads, project, report, fixDefaults }) {
    for (const workload of workloads) {
      for (const container of longRunningContainers(workload)) {
        if (getPair(container.node, 'readinessProbe', workload.object.ref)) {
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
          message: `${describeContainer(container)} has no readinessProbe: during a rollout it gets traffic as soon as it starts, before the app is ready, and the rollout moves on without waiting for it (it serves: ${serving.because}).`,
          fixes: () => addProbeFixes('readinessProbe', container, workload.object.ref, fixDefaults),
        });
      }
    }
  },
});

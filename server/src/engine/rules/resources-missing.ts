import { definedFixes, fix } from '../fix/builders';
import { describeContainer } from '../k8s/objects';
import { addResourceEdits, describeFields, readResources, type ResourceField } from '../k8s/resources';
import { defineRule } from '../catalog/rule';
import { longRunningContainers } from '../k8s/serving';

export default defineRule({
  meta: {
    id: 'resources-missing',
    title: 'Long-running container without CPU and memory requests or a memory limit',
    severity: 'warning',
    rationale:
      'Without requests the scheduler places pods on nodes that cannot run them under load and evicts them first when a node runs short; without a memory limit one leaking container takes memory from every pod on its node.',
    appliesTo: 'Containers of Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Pod, Argo Rollout',
    docs: {
      why: [
        'Requests are what the scheduler reserves for a pod. A container without a CPU or memory request reserves nothing for it: during a rollout the new pods can land on a node that is already full, start slowly, fail their probes and stall the rollout. Pods without any request are in the *BestEffort* QoS class and are the first to be evicted when a node runs short of memory, so they go down together, not one at a time.',
        '',
        'A memory limit bounds what one container can take. Without one, a leak grows until the node runs out of memory and the kernel kills processes of *other* pods on that node too.',
        '',
        'A CPU limit is not demanded by default: CPU limits throttle a container even when the node has idle CPU, which adds latency spikes that are hard to diagnose. Set `kubeZeroDowntime.resources.requireCpuLimit` (in the project config file `options: {requireCpuLimit: true}`, on the command line `--rule-option requireCpuLimit=true`) if your policy wants one.',
        '',
        'A limit without a request counts as the request (Kubernetes defaults the request to the limit).',
      ].join('\n'),
      severityReason:
        'Warning: the manifest works, and a LimitRange in the namespace may fill in defaults, but without requests capacity planning, scheduling and eviction order all work against availability.',
      bad: `containers:
  - name: web
    image: nginx:1.27`,
      good: `containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        memory: 128Mi`,
      howToFix:
        'Set `resources.requests.cpu` and `resources.requests.memory` to what the container uses under normal load, and `resources.limits.memory` to the most it may use. The quick fix writes modest starting points (`100m`, `128Mi`, or the counterpart you already wrote) with a comment: size them from observed usage (e.g. `kubectl top pod`).',
      notFlagged:
        'Jobs, CronJobs, run-to-completion Pods, init containers, Kustomize patches (containers without `image`, or files listed as patches), and a missing CPU limit unless `requireCpuLimit` is on. A LimitRange that supplies defaults is not seen: turn the rule off for such namespaces.',
    },
    options: {
      requireCpuLimit: {
        setting: 'resources.requireCpuLimit',
        type: 'boolean',
        default: false,
        scope: 'resource',
        description:
          'Make `resources-missing` demand a CPU limit too. Off by default: CPU limits throttle a container even when the node has idle CPU.',
      },
    },
  },
  check({ workloads, report, ruleOptions }) {
    for (const workload of workloads) {
      const { ref } = workload.object;
      for (const container of longRunningContainers(workload)) {
        const resources = readResources(container, ref);
        const missing: ResourceField[] = [];
        if (!resources.hasRequest('cpu')) missing.push('requests.cpu');
        if (!resources.hasRequest('memory')) missing.push('requests.memory');
        if (resources.values['limits.cpu'] === undefined && ruleOptions.requireCpuLimit === true) missing.push('limits.cpu');
        if (resources.values['limits.memory'] === undefined) missing.push('limits.memory');
        if (missing.length === 0) {
          continue;
        }
        const consequences: string[] = [];
        if (missing.some((field) => field.startsWith('requests.'))) {
          consequences.push(
            'without requests the scheduler reserves nothing for it, so new pods can land on full nodes, and pods with no requests are evicted first when a node runs short',
          );
        }
        if (missing.includes('limits.memory')) {
          consequences.push('without a memory limit a leak can exhaust the node and take its neighbours down');
        }
        if (missing.includes('limits.cpu')) {
          consequences.push('your settings require a CPU limit');
        }
        report({
          object: workload.object,
          container,
          range: container.anchorRange,
          message: `${describeContainer(container)} has no ${describeFields(missing, 'or')}: ${consequences.join('; ')}.`,
          fixes: () =>
            definedFixes(
              fix(
                `Add ${describeFields(missing)} (starting values to size from observed usage)`,
                addResourceEdits(container, ref, missing, resources),
                {
                  preferred: true,
                  safe: false,
                },
              ),
            ),
        });
      }
    }
  },
});

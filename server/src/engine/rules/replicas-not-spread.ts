import { definedFixes, fix } from '../fix/builders';
import { spreadEditsFor } from '../fix/spread';
import { spreadsReplicas } from '../k8s/scheduling';
import { asWorkload, describeObject, type Workload } from '../k8s/objects';
import { describeAutoscaler, isScalableWorkload, maxReplicasOf } from '../k8s/autoscaling';
import { defineRule } from '../catalog/rule';
import { getInt, getMap, getPair, pairRange } from '../model/yamlAccess';

function spreadFix(workload: Workload) {
  return definedFixes(
    fix('Add a topology spread constraint (kubernetes.io/hostname, ScheduleAnyway)', spreadEditsFor(workload), {
      preferred: true,
      safe: true,
    }),
  );
}

export default defineRule({
  meta: {
    id: 'replicas-not-spread',
    title: 'Replicas not spread over nodes',
    severity: 'info',
    rationale:
      'Two or more replicas with no topologySpreadConstraints and no pod anti-affinity on hostname or zone may all be scheduled on one node: its failure, or its drain, takes every replica down at once.',
    appliesTo:
      'Deployment, StatefulSet, ReplicaSet, ReplicationController and Argo Rollout with two or more replicas (or scaled by an autoscaler above one)',
    docs: {
      why: [
        "Replicas protect a service only if they fail independently. Nothing in a pod template asks the scheduler to keep them apart: it places pods where resources fit, and several replicas regularly land on the same node, especially right after a rollout or on a small cluster. When that node fails, is drained for an upgrade, or is removed by the cluster autoscaler, all of them go at once: the PodDisruptionBudget limits evictions, not a node failure. The scheduler's built-in default spreading (since Kubernetes 1.24) is soft and loose (a skew of 3 pods per node, 5 per zone), so three replicas may still share one node.",
        '',
        'A `topologySpreadConstraints` entry on `kubernetes.io/hostname` (and on `topology.kubernetes.io/zone` for zone failures) with `whenUnsatisfiable: ScheduleAnyway` spreads the replicas whenever the cluster allows, without ever blocking scheduling. Pod anti-affinity on the hostname or zone key works too.',
      ].join('\n'),
      severityReason: 'Information: small clusters may have nothing to spread over, and many workloads tolerate the risk.',
      bad: `spec:
  replicas: 3
  template:
    spec:
      containers: ...`,
      good: `spec:
  replicas: 3
  template:
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: web
      containers: ...`,
      howToFix:
        "Add a `topologySpreadConstraints` entry with `maxSkew: 1`, `topologyKey: kubernetes.io/hostname`, `whenUnsatisfiable: ScheduleAnyway` and a `labelSelector` matching the pod's own labels; add one on `topology.kubernetes.io/zone` for multi-zone clusters. The quick fix adds the hostname constraint with the workload's selector labels.",
      notFlagged:
        'One replica (see `single-replica`), pod templates without labels, DaemonSets (one pod per node by design), Jobs, templated replica counts, any `topologySpreadConstraints` whatever it says, anti-affinity on a hostname or zone key (required or preferred), and Kustomize patches.',
    },
  },
  check({ objects, project, report }) {
    for (const object of objects) {
      if (!isScalableWorkload(object)) continue;
      const workload = asWorkload(object);
      // Without pod labels there is nothing a constraint could select (and apps/v1 rejects such a template).
      if (!workload || workload.isFragment || !workload.podSpec || Object.keys(workload.podLabels ?? {}).length === 0) continue;
      const { ref } = object;
      const spec = getMap(object.node, 'spec', ref);
      const replicasPair = getPair(spec, 'replicas', ref);
      const declared = getInt(spec, 'replicas', ref);
      const autoscaler = project.autoscalerOf(object);
      const most = autoscaler
        ? (maxReplicasOf(autoscaler) ?? Infinity)
        : replicasPair && declared === undefined
          ? undefined
          : (declared ?? 1);
      if (most === undefined || most < 2 || spreadsReplicas(workload.podSpec, ref)) continue;
      const count = autoscaler
        ? `up to ${Number.isFinite(most) ? most : 'its maximum of'} replicas (${describeAutoscaler(autoscaler)} scales it)`
        : `${most} replicas`;
      report({
        object,
        range: (!autoscaler && replicasPair && pairRange(replicasPair, ref)) || object.kindRange,
        message: `${describeObject(object)} runs ${count} with no topologySpreadConstraints and no pod anti-affinity on hostname or zone: the scheduler may place them on one node, and that node's failure or drain takes them all down at once. Spread them over nodes (whenUnsatisfiable: ScheduleAnyway never blocks scheduling).`,
        fixes: () => spreadFix(workload),
      });
    }
  },
});

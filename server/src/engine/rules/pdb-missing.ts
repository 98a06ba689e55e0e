import { appendPdbEdits } from '../fix/pdb';
import { fileAloneNote, relatedTo, scopePhrase } from '../k8s/disruption';
import { describeAutoscaler, maxField, maxReplicasOf } from '../k8s/autoscaling';
import { definedFixes, fix } from '../fix/builders';
import { describeObject } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { getInt, getMap, getPair } from '../model/yamlAccess';

const KINDS = new Set(['Deployment', 'StatefulSet']);

export default defineRule({
  meta: {
    id: 'pdb-missing',
    title: 'Replicated workload without a PodDisruptionBudget',
    severity: 'warning',
    rationale:
      'Without a PodDisruptionBudget, a node drain (cluster upgrade, node pool rotation, cluster-autoscaler scale-down) may evict every replica of a workload at the same time.',
    appliesTo: 'Deployment and StatefulSet (apps/*) with more than one replica or scaled by a HorizontalPodAutoscaler or KEDA ScaledObject',
    docs: {
      why: [
        'Voluntary disruptions (`kubectl drain`, node upgrades, the cluster autoscaler removing a node) evict pods through the Eviction API, which honours PodDisruptionBudgets and nothing else. Without one, a drain of the nodes holding the replicas evicts them all at once; the replacements then need to be scheduled, pull images and pass readiness while the Service has no endpoints. Running several replicas is what makes a PDB worth having: it keeps them from going down together.',
        '',
        "The rule looks for a PDB in the same namespace whose selector matches the pod template's labels: in the same file, and in a workspace also in the other files of the folder (the diagnostic says which were checked).",
      ].join('\n'),
      severityReason:
        'Warning: nothing fails until the next drain, but then every replica can go at once; cluster upgrades make that routine.',
      bad: `kind: Deployment
metadata:
  name: web
spec:
  replicas: 3`,
      good: `kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web`,
      howToFix:
        "Add a PodDisruptionBudget selecting the pods (the Deployment's `selector.matchLabels`) with `maxUnavailable: 1` (or a `minAvailable` below the replica count). The quick fix appends one after the workload's document.",
      notFlagged:
        'Single-replica workloads (a PDB cannot help them: see `single-replica`), DaemonSets, Jobs, Kustomize patches, workloads scaled to zero, pod templates without labels, and workloads for which a PDB with a selector the rule cannot read (a template placeholder) exists in the namespace.',
    },
  },
  check({ workloads, project, report, scope }) {
    for (const workload of workloads) {
      const { object } = workload;
      if (!KINDS.has(object.kind) || !['apps', 'extensions'].includes(object.group) || workload.isFragment || workload.runsToCompletion) {
        continue;
      }
      const spec = getMap(object.node, 'spec', object.ref);
      const declared = getInt(spec, 'replicas', object.ref);
      if (getPair(spec, 'replicas', object.ref) && declared === undefined) {
        continue; // a template placeholder
      }
      const hpa = project.autoscalerOf(object);
      const replicas = declared ?? 1;
      const most = hpa && maxReplicasOf(hpa);
      const scaled = hpa !== undefined && (most === undefined || most > 1);
      if (replicas === 0 || (replicas <= 1 && !scaled)) {
        continue;
      }
      if (!workload.podLabels || Object.keys(workload.podLabels).length === 0) {
        continue; // nothing a budget could select (and apps/v1 rejects a template without labels anyway)
      }
      if (project.pdbsSelecting(workload.podLabels, object.namespace).length > 0) {
        continue;
      }
      const hpaName = hpa ? describeAutoscaler(hpa) : '';
      const count = scaled ? `is scaled by ${hpaName} (up to ${most ?? `its ${maxField(hpa)}`} replicas)` : `runs ${replicas} replicas`;
      report({
        object,
        range: object.kindRange,
        message: `${describeObject(object)} ${count} and no PodDisruptionBudget ${scopePhrase(scope)} selects its pods: a node drain or cluster-autoscaler scale-down may evict all of them at once${fileAloneNote(scope, 'PodDisruptionBudgets')}.`,
        related: hpa ? relatedTo(hpa.origin, `${hpaName} scales ${describeObject(object)}`) : [],
        fixes: () =>
          definedFixes(
            fix('Add a PodDisruptionBudget (maxUnavailable: 1) after this document', appendPdbEdits(workload), {
              preferred: true,
              safe: false,
            }),
          ),
      });
    }
  },
});

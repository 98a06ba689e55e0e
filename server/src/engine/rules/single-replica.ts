import { appendPdbEdits } from '../fix/pdb';
import { fileAloneNote } from '../k8s/disruption';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { asWorkload, describeObject, isAppsGroup, isDeployment } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { spreadEditsFor } from '../fix/spread';
import { spreadsReplicas } from '../k8s/scheduling';
import type { TextEdit } from '../types';
import { getInt, getMap, getPair, pairRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'single-replica',
    title: 'Deployment or StatefulSet with a single replica and no autoscaler',
    severity: 'info',
    rationale:
      'With one replica, every node drain, eviction or node failure is downtime, and a PodDisruptionBudget cannot help: it could only block the drain.',
    appliesTo: 'Deployment (apps/*, extensions/v1beta1) and StatefulSet (apps/*)',
    docs: {
      why: [
        'A rolling update can keep a single-replica Deployment serving (with `maxUnavailable: 0` the new pod starts before the old one stops), but nothing else can, and a single-replica StatefulSet is down on every rollout too (it deletes its pod before creating the replacement): when its node is drained for an upgrade, scaled down by the cluster autoscaler, or fails, the only pod is evicted first and its replacement is scheduled, pulls its image and becomes Ready afterwards. Until then the Service has no endpoints.',
        '',
        'A PodDisruptionBudget does not help one replica: `maxUnavailable: 0` or `minAvailable: 1` only blocks the drain (see `pdb-blocks-eviction`).',
        '',
        '`spec.replicas` defaults to 1. A HorizontalPodAutoscaler or KEDA ScaledObject scaling the workload (in the same file, or in a workspace in any file of the folder) decides the count instead, and the rule stays quiet (`autoscaler-min-replicas` judges its minimum).',
      ].join('\n'),
      severityReason:
        'Information: one replica is a legitimate choice for development, batch-like or non-critical services; the rule makes the trade-off visible.',
      bad: `kind: Deployment
spec:
  replicas: 1`,
      good: `kind: Deployment
spec:
  replicas: 2
---
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web`,
      howToFix:
        'Run at least two replicas (spread over nodes with `topologySpreadConstraints` or pod anti-affinity) and give them a PodDisruptionBudget, or let a HorizontalPodAutoscaler with `minReplicas: 2` manage the count. The quick fix sets `replicas: 2`, adds a PDB when none selects the pods, and a topology spread constraint when the pods have none.',
      notFlagged:
        'Workloads scaled by an HPA or a KEDA ScaledObject, scaled to zero, or with a templated replica count; Kustomize patches that do not set `replicas: 1` themselves.',
    },
  },
  check({ objects, project, report, scope }) {
    for (const object of objects) {
      if (!isDeployment(object) && !(object.kind === 'StatefulSet' && isAppsGroup(object))) {
        continue;
      }
      const workload = asWorkload(object);
      const spec = getMap(object.node, 'spec', object.ref);
      const replicasPair = getPair(spec, 'replicas', object.ref);
      const declared = getInt(spec, 'replicas', object.ref);
      if (
        !workload ||
        !spec ||
        (replicasPair && declared === undefined) ||
        (declared ?? 1) !== 1 ||
        (workload.isFragment && declared !== 1)
      ) {
        continue;
      }
      if (project.autoscalerOf(object)) {
        continue;
      }
      // Two replicas without a budget would be a pdb-missing finding: the fix adds the budget too.
      const editor = new YamlEditor(object.ref);
      const replicasEdit = editor.setPath(spec, ['replicas'], 2, getPair(spec, 'selector', object.ref) ? 'selector' : 'template');
      const needsPdb =
        !workload.isFragment &&
        Object.keys(workload.podLabels ?? {}).length > 0 &&
        project.pdbsSelecting(workload.podLabels, object.namespace).length === 0;
      const pdbEdits = needsPdb ? appendPdbEdits(workload) : [];
      // Two replicas on one node fail together (replicas-not-spread): the fix spreads them too.
      const spreadEdits =
        workload.isFragment || Object.keys(workload.podLabels ?? {}).length === 0 || spreadsReplicas(workload.podSpec, object.ref)
          ? []
          : spreadEditsFor(workload);
      const edits: TextEdit[] | undefined =
        replicasEdit && pdbEdits && spreadEdits ? [...replicasEdit, ...pdbEdits, ...spreadEdits] : undefined;
      const also = [needsPdb ? 'add a PodDisruptionBudget' : '', spreadEdits?.length ? 'spread them over nodes' : ''].filter(Boolean);
      report({
        object,
        range: (replicasPair && pairRange(replicasPair, object.ref)) ?? object.kindRange,
        message: `${describeObject(object)} runs ${declared === undefined ? 'a single replica (replicas defaults to 1)' : 'a single replica'} and no autoscaler scales it: every node drain, eviction or node failure${object.kind === 'StatefulSet' ? ' and every rollout' : ''} is downtime until a new pod is Ready, and a PodDisruptionBudget cannot prevent that${fileAloneNote(scope, 'autoscalers (HorizontalPodAutoscalers, KEDA ScaledObjects)')}.`,
        fixes: () =>
          definedFixes(fix(`Set replicas: 2${also.length > 0 ? `, ${also.join(' and ')}` : ''}`, edits, { preferred: true, safe: false })),
      });
    }
  },
});

import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { describeObject } from '../k8s/objects';
import { describeAutoscaler, isScalableWorkload } from '../k8s/autoscaling';
import { relatedTo } from '../k8s/disruption';
import { defineRule } from '../catalog/rule';
import { getInt, getMap, getPair, pairRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'replicas-with-autoscaler',
    title: 'spec.replicas set on a workload an autoscaler scales',
    severity: 'warning',
    rationale:
      'Every kubectl apply (or GitOps sync) of a manifest that sets spec.replicas resets the live count to that number, whatever the HorizontalPodAutoscaler or KEDA ScaledObject had scaled it to: a deploy at 10 replicas drops to 3 until the autoscaler catches up.',
    appliesTo:
      'Deployment, StatefulSet, ReplicaSet, ReplicationController and Argo Rollout scaled by a HorizontalPodAutoscaler or a KEDA ScaledObject (any file of the workspace)',
    docs: {
      why: [
        "An autoscaler owns a workload's replica count: it writes `spec.replicas` through the scale subresource. When the manifest also sets `spec.replicas`, applying it writes that number back: busy at 10 replicas, a deploy scales the workload to the 3 of the manifest, terminating 7 pods under load, and the autoscaler needs its next evaluations (and new pods their start-up) to get back. Every deploy is a capacity drop, at the moment it is least welcome.",
        '',
        "The Kubernetes documentation (Horizontal Pod Autoscaling, *Migrating Deployments and StatefulSets to horizontal autoscaling*) recommends removing `spec.replicas` from the manifest. Removing it has a one-time cost: with client-side `kubectl apply`, the field is still in the object's last-applied configuration, so the first apply without it resets the count to the default of 1. To avoid that, first remove `spec.replicas` from the last-applied configuration (`kubectl apply edit-last-applied deployment/<name>`), then apply the manifest without it. With server-side apply, transfer the field's ownership to the autoscaler's manager as the documentation's guide on transferring ownership describes. Helm charts usually write `replicas` only when autoscaling is off (`{{- if not .Values.autoscaling.enabled }}`).",
      ].join('\n'),
      severityReason: 'Warning: the manifest is valid and the autoscaler recovers, but every deploy drops capacity until it does.',
      bad: `kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
---
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 10`,
      good: `kind: Deployment
metadata:
  name: web
spec:
  # no replicas: the HorizontalPodAutoscaler owns the count
---
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 10`,
      howToFix:
        "Remove `spec.replicas` and let the autoscaler's minimum set the floor. Before the first apply without it, remove the field from the live object's last-applied configuration (`kubectl apply edit-last-applied`), or with server-side apply hand its ownership to the autoscaler, so the removal does not reset the count to 1 once. The quick fix removes the entry.",
      notFlagged:
        '`replicas: 0` (a workload parked on purpose: the HPA does not scale a workload at zero), replicas that are not numbers (templates), and workloads no autoscaler in the checked files scales.',
    },
  },
  check({ objects, project, report }) {
    for (const object of objects) {
      if (!isScalableWorkload(object)) continue;
      const spec = getMap(object.node, 'spec', object.ref);
      const pair = getPair(spec, 'replicas', object.ref);
      const replicas = getInt(spec, 'replicas', object.ref);
      if (!spec || !pair || replicas === undefined || replicas === 0) continue;
      const autoscaler = project.autoscalerOf(object);
      if (!autoscaler) continue;
      const range = pairRange(pair, object.ref);
      if (!range) continue;
      const name = describeAutoscaler(autoscaler);
      report({
        object,
        range,
        message: `spec.replicas: ${replicas} is set on ${describeObject(object)}, which ${name} scales: every kubectl apply or GitOps sync resets the count to ${replicas} until the autoscaler catches up, so each deploy drops whatever capacity it had scaled to. Remove replicas (first from the live object's last-applied configuration, so the removal does not reset it to 1 once).`,
        related: relatedTo(autoscaler.origin, `${name} scales ${describeObject(object)}`),
        fixes: () =>
          definedFixes(
            fix(
              'Remove replicas (the autoscaler owns the count)',
              [new YamlEditor(object.ref).removeEntry(spec, 'replicas')].filter((edit) => edit !== undefined),
              { preferred: true, safe: false },
            ),
          ),
      });
    }
  },
});

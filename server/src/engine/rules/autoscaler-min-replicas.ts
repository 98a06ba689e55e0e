import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { isHpa } from '../k8s/hpa';
import { collectFacts, emptyFacts } from '../facts/collect';
import { describeAutoscaler, isKedaScaledObject, maxField, maxReplicasOf, minField, minReplicasOf } from '../k8s/autoscaling';
import { describeFact } from '../k8s/disruption';
import { defineRule } from '../catalog/rule';
import { getMap, getPair, pairRange } from '../model/yamlAccess';

const SUGGESTED_MINIMUM = 2;

export default defineRule({
  meta: {
    id: 'autoscaler-min-replicas',
    title: 'Autoscaler that scales down to one pod (or to zero)',
    severity: 'info',
    rationale:
      'An autoscaler whose minimum is 1 (HPA minReplicas unset or 1, KEDA minReplicaCount 0 or 1) leaves the workload on a single pod whenever load is low, and then every rollout, node drain or pod failure is downtime.',
    appliesTo: 'HorizontalPodAutoscaler (autoscaling/*), KEDA ScaledObject (keda.sh)',
    docs: {
      why: [
        "An autoscaler follows load down to its minimum. With `minReplicas: 1` (the HPA's default when unset) the workload spends its quiet hours, exactly when cluster upgrades and node drains are scheduled, on one pod: a drain evicts it and the Service has no endpoint until the replacement is scheduled, pulls its image and becomes Ready; a PodDisruptionBudget can only block the drain (see `pdb-blocks-eviction`). A pod crash or a node failure is an outage too. `single-replica` does not judge workloads an autoscaler scales: this rule judges the autoscaler's floor instead.",
        '',
        "A KEDA ScaledObject's `minReplicaCount` defaults to 0: when its triggers are idle KEDA scales the workload to zero, and when it wakes it runs one pod. For a queue consumer that may be the point; for anything that serves requests, the first requests after idling wait for a pod to start, and the single pod has the same exposure as above.",
      ].join('\n'),
      severityReason: 'Information: one pod at night is a legitimate cost trade-off for non-critical services; the rule makes it visible.',
      bad: `kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  maxReplicas: 10   # minReplicas defaults to 1`,
      good: `kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10`,
      howToFix:
        'Set the minimum to at least 2 (`minReplicas` on an HPA, `minReplicaCount` on a ScaledObject), spread the pods over nodes (`replicas-not-spread`) and give them a PodDisruptionBudget. The quick fix sets the minimum to 2 (and the maximum to 2 when it was lower).',
      notFlagged: 'Minimums that are templated or not numbers, and Kustomize patches.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      if (!(isHpa(object) || isKedaScaledObject(object)) || object.patch) continue;
      const own = emptyFacts();
      collectFacts(object, own);
      const autoscaler = own.autoscalers[0];
      if (!autoscaler || autoscaler.minUnknown) continue;
      const minimum = minReplicasOf(autoscaler);
      if (minimum > 1) continue;
      const { ref } = object;
      const spec = getMap(object.node, 'spec', ref);
      if (!spec) continue;
      const minPair = getPair(spec, minField(autoscaler), ref);
      const target = autoscaler.targetName
        ? describeFact({ kind: autoscaler.targetKind ?? 'Deployment', name: autoscaler.targetName })
        : 'its target';
      const written = minPair !== undefined && autoscaler.minReplicas !== undefined;
      const field = minField(autoscaler);
      const message =
        minimum === 0
          ? `${field} is 0${written ? '' : ' (the default)'}: while its triggers are idle, ${describeAutoscaler(autoscaler)} scales ${target} to zero, and when it wakes it runs a single pod: requests arriving then wait for a pod to start, and every rollout, node drain or pod failure at one pod is downtime. For a queue consumer that may be intended; for anything serving requests set ${field}: ${SUGGESTED_MINIMUM}.`
          : `${field} is ${written ? '1' : 'not set (it defaults to 1)'}: when load is low, ${describeAutoscaler(autoscaler)} scales ${target} down to one pod, and then every rollout, node drain or pod failure is downtime until a new pod is Ready. Set ${field}: ${SUGGESTED_MINIMUM}.`;
      const most = maxReplicasOf(autoscaler);
      report({
        object,
        range: (minPair && pairRange(minPair, ref)) ?? object.kindRange,
        message,
        fixes: () => {
          const entries: Record<string, number> = { [field]: SUGGESTED_MINIMUM };
          if (most !== undefined && most < SUGGESTED_MINIMUM) entries[maxField(autoscaler)] = SUGGESTED_MINIMUM;
          const title = `Set ${field}: ${SUGGESTED_MINIMUM}${entries[maxField(autoscaler)] ? ` and ${maxField(autoscaler)}: ${SUGGESTED_MINIMUM}` : ''}`;
          return definedFixes(fix(title, new YamlEditor(ref).setEntries(spec, entries), { preferred: true, safe: false }));
        },
      });
    }
  },
});

import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { splitApiVersion } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { getMap, getPair, keyRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'pdb-unhealthy-eviction-policy',
    title: 'PodDisruptionBudget without unhealthyPodEvictionPolicy',
    severity: 'hint',
    rationale:
      'With the default policy (IfHealthyBudget), pods that run but are not Ready may be evicted only while the budget has room: once unready pods have spent it, they block node drains instead of being replaced.',
    appliesTo: 'PodDisruptionBudget (policy/v1)',
    docs: {
      why: [
        '`spec.unhealthyPodEvictionPolicy` (policy/v1; beta and on by default since Kubernetes 1.27, stable in 1.31) says what the Eviction API does with pods that are Running but not Ready. With the default `IfHealthyBudget` they are evicted only while the application is not disrupted already (`currentHealthy >= desiredHealthy`). So when a bad rollout, a crash loop or a stuck dependency leaves pods unready and the budget spent, those broken pods cannot be evicted: `kubectl drain` and node upgrades hang on pods that serve nothing anyway.',
        '',
        '`AlwaysAllow` lets the unready pods be evicted whatever the budget, while still protecting the healthy ones: a drain proceeds, and the unready pods are recreated elsewhere. The Kubernetes documentation recommends it for most applications, so that misbehaving pods do not block node drains.',
      ].join('\n'),
      severityReason: 'Hint: the default is not wrong, and an application whose unready pods still hold state may want them protected.',
      bad: `apiVersion: policy/v1
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}`,
      good: `apiVersion: policy/v1
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector: {matchLabels: {app: web}}`,
      howToFix:
        'Set `spec.unhealthyPodEvictionPolicy: AlwaysAllow`, unless unready pods of this application must be kept through a drain (then write `IfHealthyBudget` to say it is deliberate). Clusters older than 1.27 need the `PDBUnhealthyPodEvictionPolicy` feature gate (1.26 alpha) and otherwise drop the field.',
      notFlagged: 'policy/v1beta1 budgets (the field is policy/v1 only), a policy written either way, and Kustomize patches.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      if (object.kind !== 'PodDisruptionBudget' || object.group !== 'policy' || object.patch) continue;
      if (splitApiVersion(object.apiVersion).version !== 'v1') continue;
      const { ref } = object;
      const spec = getMap(object.node, 'spec', ref);
      if (!spec || getPair(spec, 'unhealthyPodEvictionPolicy', ref)) continue;
      const specPair = getPair(object.node, 'spec', ref);
      report({
        object,
        range: (specPair && keyRange(specPair, ref)) ?? object.kindRange,
        message:
          'unhealthyPodEvictionPolicy is not set: with the default (IfHealthyBudget), pods that run but are not Ready can be evicted only while the budget has room, so once unready pods have spent it they block node drains. AlwaysAllow lets them go and still protects the healthy pods.',
        fixes: () =>
          definedFixes(
            fix(
              'Set unhealthyPodEvictionPolicy: AlwaysAllow',
              new YamlEditor(ref).setEntries(spec, { unhealthyPodEvictionPolicy: 'AlwaysAllow' }),
              {
                preferred: true,
                safe: false,
              },
            ),
          ),
      });
    }
  },
});

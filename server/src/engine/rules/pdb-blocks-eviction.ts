import { budgetValue, describeFact, fileAloneNote, protectedPods, relatedTo } from '../k8s/disruption';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { collectFacts, emptyFacts } from '../facts/collect';
import { definedFixes, fix } from '../fix/builders';
import { defineRule } from '../catalog/rule';
import type { Fix, RelatedLocation } from '../types';
import { getMap, getPair, pairRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'pdb-blocks-eviction',
    title: 'PodDisruptionBudget that allows no eviction',
    severity: 'warning',
    rationale:
      'A PodDisruptionBudget with maxUnavailable: 0, or a minAvailable as large as the replicas it protects, never allows an eviction: node drains and cluster-autoscaler scale-downs hang until someone deletes pods by hand.',
    appliesTo: 'PodDisruptionBudget (policy/v1, policy/v1beta1), with the replicas of the workloads it selects (any file of the workspace)',
    docs: {
      why: [
        '`kubectl drain`, managed node upgrades and the cluster autoscaler evict pods through the Eviction API, which refuses an eviction that would break a PodDisruptionBudget. With `maxUnavailable: 0` (or `0%`), or with `minAvailable` equal to or above the number of pods the budget covers, no eviction is ever allowed: the drain retries forever, node upgrades stall, and operators end up deleting pods by hand or forcing the drain, which removes the protection entirely and often takes every replica down at once.',
        '',
        'Percentages of `minAvailable` round up. The replicas counted are those of the workloads the selector matches (in the same file, or in a workspace in any file of the folder); when a HorizontalPodAutoscaler scales a workload, its `minReplicas` is the count that matters (the autoscaler may shrink the workload to it).',
      ].join('\n'),
      severityReason: 'Warning: nothing breaks until the next drain, and then it blocks maintenance instead of keeping the service up.',
      bad: `kind: PodDisruptionBudget
spec:
  minAvailable: 3   # the Deployment runs 3 replicas
  selector:
    matchLabels:
      app: web`,
      good: `kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web`,
      howToFix:
        'Use `maxUnavailable: 1` (one pod at a time may be evicted, whatever the replica count), or keep `minAvailable` below the number of replicas. The quick fix writes `maxUnavailable: 1`.',
      notFlagged:
        '`minAvailable` when the replicas of the selected workloads are not known (no matching workload seen, or a template placeholder), and PDBs whose values are not numbers.',
    },
  },
  check({ objects, project, report, scope }) {
    for (const object of objects) {
      if (object.kind !== 'PodDisruptionBudget' || object.group !== 'policy') {
        continue;
      }
      const { ref } = object;
      const spec = getMap(object.node, 'spec', ref);
      const maxUnavailablePair = getPair(spec, 'maxUnavailable', ref);
      const minAvailablePair = getPair(spec, 'minAvailable', ref);
      const own = emptyFacts();
      collectFacts(object, own);
      const pdb = own.pdbs[0];
      if (!pdb) {
        continue;
      }
      const editor = new YamlEditor(ref);
      const toMaxUnavailableOne = (pair: typeof maxUnavailablePair): Fix[] => {
        const range = pair && pairRange(pair, ref);
        return definedFixes(
          fix(
            'Use maxUnavailable: 1',
            range ? [editor.replace(range[0] - ref.base, range[1] - ref.base, 'maxUnavailable: 1')] : undefined,
            { preferred: true, safe: false },
          ),
        );
      };
      const maxUnavailable = budgetValue(pdb.maxUnavailable);
      if (maxUnavailablePair && maxUnavailable?.value === 0) {
        report({
          object,
          range: pairRange(maxUnavailablePair, ref) ?? object.kindRange,
          message: `maxUnavailable: ${String(pdb.maxUnavailable)} allows no voluntary eviction of the pods this PodDisruptionBudget selects: node drains and cluster-autoscaler scale-downs hang until someone deletes a pod by hand.`,
          fixes: () => toMaxUnavailableOne(maxUnavailablePair),
        });
        continue;
      }
      const minAvailable = budgetValue(pdb.minAvailable);
      if (!minAvailablePair || !minAvailable) {
        continue;
      }
      const selected = project.workloadsSelectedBy(pdb).filter((workload) => !workload.fragment || workload.replicas !== undefined);
      let coveredPods = 0;
      const parts: string[] = [];
      const related: RelatedLocation[] = [];
      for (const workload of selected) {
        const { count, autoscaler: hpa } = protectedPods(workload, project);
        coveredPods += count;
        parts.push(
          `${describeFact(workload)}: ${count}${hpa ? ` (the minReplicas of ${describeFact(hpa, 'HorizontalPodAutoscaler')})` : ''}`,
        );
        related.push(...relatedTo(workload.origin, `${describeFact(workload)} runs ${count} replica${count === 1 ? '' : 's'}`));
        if (hpa) related.push(...relatedTo(hpa.origin, `${describeFact(hpa, 'HorizontalPodAutoscaler')} scales it down to ${count}`));
      }
      const blocksAlways = minAvailable.kind === 'percent' && minAvailable.value >= 100;
      if (!blocksAlways && selected.length === 0) {
        continue; // the replicas are not known: nothing to compare with
      }
      const required = minAvailable.kind === 'percent' ? Math.ceil((minAvailable.value * coveredPods) / 100) : minAvailable.value;
      if (!blocksAlways && required < coveredPods) {
        continue;
      }
      const written = String(pdb.minAvailable);
      const what = blocksAlways
        ? `minAvailable: ${written} requires every selected pod to stay`
        : `minAvailable: ${written} is ${required >= coveredPods && required > coveredPods ? 'more than' : 'as many as'} the ${coveredPods} pod${coveredPods === 1 ? '' : 's'} it protects (${parts.join(', ')})`;
      report({
        object,
        range: pairRange(minAvailablePair, ref) ?? object.kindRange,
        message: `${what}: no pod may ever be evicted, so node drains and cluster-autoscaler scale-downs hang until someone deletes a pod by hand${blocksAlways ? '' : fileAloneNote(scope, 'workloads')}.`,
        related,
        fixes: () => toMaxUnavailableOne(minAvailablePair),
      });
    }
  },
});

import { budgetValue, describeFact, fileAloneNote, protectedPods, relatedTo } from '../k8s/disruption';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { collectFacts, emptyFacts } from '../facts/collect';
import { definedFixes, fix } from '../fix/builders';
import { defineRule } from '../catalog/rule';
import { describeAutoscaler, minField, minReplicasOf } from '../k8s/autoscaling';
import type { Fix, RelatedLocation } from '../types';
import type { WorkloadFact } from '../facts/types';
import { getMap, getPair, keyRange, pairRange, scalarValue } from '../model/yamlAccess';

function baseName(file: string): string {
  return file.slice(file.search(/[^\\/]*$/));
}

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
        'Percentages of `minAvailable` round up. The replicas counted are those of the workloads the selector matches (in the same file, or in a workspace in any file of the folder); when a HorizontalPodAutoscaler or a KEDA ScaledObject scales a workload, its minimum (`minReplicas`, `minReplicaCount`; at least 1 pod when a ScaledObject that scales to zero runs at all) is the count that matters (the autoscaler may shrink the workload to it), and the message says the budget blocks while the autoscaler sits at that minimum.',
        '',
        'A Kustomize overlay that patches the replicas of a workload counts with the budget beside it: a patch in the same file or folder as the PDB (its overlay) gives the count of the workload it patches.',
        '',
        'A PDB that sets neither `minAvailable` nor `maxUnavailable` blocks every eviction too: the disruption controller computes an expected pod count only from one of them, and a budget that expects no pods allows no disruption.',
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
      const present = (key: string) => {
        const pair = getPair(spec, key, ref);
        return pair && scalarValue(pair.value, ref) !== null ? pair : undefined;
      };
      const maxUnavailablePair = present('maxUnavailable');
      const minAvailablePair = present('minAvailable');
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
      if (!maxUnavailablePair && !minAvailablePair && !object.patch && spec) {
        // Neither set (or both null): the disruption controller computes no expected pod count, and a budget that
        // expects no pods allows no disruption.
        const specPair = getPair(object.node, 'spec', ref);
        report({
          object,
          range: (specPair && keyRange(specPair, ref)) ?? object.kindRange,
          message: `This PodDisruptionBudget sets neither minAvailable nor maxUnavailable: the disruption controller then expects no pods and allows no eviction at all, so node drains and cluster-autoscaler scale-downs hang until someone deletes a pod by hand.`,
          fixes: () =>
            definedFixes(fix('Set maxUnavailable: 1', editor.setEntries(spec, { maxUnavailable: 1 }), { preferred: true, safe: false })),
        });
        continue;
      }
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
      const matched = project.workloadsSelectedBy(pdb);
      const same = (a: WorkloadFact, b: WorkloadFact) => a.kind === b.kind && a.name === b.name && a.name !== undefined;
      // A patch the selector matches counts on its own only when its whole object is not known: otherwise the
      // whole object counts once, with the replicas of a patch beside the budget (its overlay) when there is one.
      const selected = matched.filter(
        (workload) =>
          !workload.fragment || (workload.replicas !== undefined && !matched.some((other) => !other.fragment && same(other, workload))),
      );
      let coveredPods = 0;
      let autoscaled = false;
      let unknown = false;
      const parts: string[] = [];
      const related: RelatedLocation[] = [];
      for (const workload of selected) {
        const { count, autoscaler: hpa, patch } = protectedPods(workload, project);
        if (count === undefined) {
          unknown = true; // a count that cannot be read: nothing to compare with
          break;
        }
        if (hpa) autoscaled = true;
        coveredPods += count;
        const source = hpa
          ? ` (the ${minField(hpa)} of ${describeAutoscaler(hpa)}${minReplicasOf(hpa) === 0 ? ', when it runs at all' : ''})`
          : patch
            ? ` (set by the patch${patch.origin ? ` in ${baseName(patch.origin.file)}` : ' in this file'})`
            : '';
        parts.push(`${describeFact(workload)}: ${count}${source}`);
        const runs = patch ? (workload.replicas ?? 1) : count;
        related.push(
          ...relatedTo(
            workload.origin,
            `${describeFact(workload)} runs ${runs} replica${runs === 1 ? '' : 's'}${patch ? ' before the patch beside this budget' : ''}`,
          ),
        );
        if (patch) {
          related.push(
            ...relatedTo(patch.origin, `this patch sets ${describeFact(workload)} to ${count} replica${count === 1 ? '' : 's'}`),
          );
        }
        if (hpa) related.push(...relatedTo(hpa.origin, `${describeAutoscaler(hpa)} scales it down to ${count}`));
      }
      const blocksAlways = minAvailable.kind === 'percent' && minAvailable.value >= 100;
      if (!blocksAlways && (selected.length === 0 || unknown)) {
        continue; // the replicas are not known: nothing to compare with
      }
      const required = minAvailable.kind === 'percent' ? Math.ceil((minAvailable.value * coveredPods) / 100) : minAvailable.value;
      if (!blocksAlways && required < coveredPods) {
        continue;
      }
      const written = String(pdb.minAvailable);
      const what = blocksAlways
        ? `minAvailable: ${written} requires every selected pod to stay`
        : `minAvailable: ${written} is ${required > coveredPods ? 'more than' : 'as many as'} the ${coveredPods} pod${coveredPods === 1 ? '' : 's'} it protects (${parts.join(', ')})`;
      // A count taken from an autoscaler's minimum holds only while the autoscaler sits there.
      const when =
        !blocksAlways && autoscaled
          ? 'while the autoscaler keeps the workload at its minimum (quiet hours, when maintenance usually runs) no pod may be evicted'
          : 'no pod may ever be evicted';
      report({
        object,
        range: pairRange(minAvailablePair, ref) ?? object.kindRange,
        message: `${what}: ${when}, so node drains and cluster-autoscaler scale-downs hang until someone deletes a pod by hand${blocksAlways ? '' : fileAloneNote(scope, 'workloads')}.`,
        related,
        fixes: () => toMaxUnavailableOne(minAvailablePair),
      });
    }
  },
});

// The fix that spreads a workload's replicas over nodes: a soft topology spread constraint on the hostname.
import type { Workload } from '../k8s/objects';
import type { TextEdit } from '../types';
import { ownedPodSpec } from './builders';
import { YamlEditor } from './edits/yamlEdit';
import { pdbLabels } from './pdb';

/** The edits adding a soft hostname spread constraint that selects the workload's own pods; undefined when not possible. */
export function spreadEditsFor(workload: Workload): TextEdit[] | undefined {
  const podSpec = ownedPodSpec(workload);
  const labels = pdbLabels(workload);
  if (!podSpec || !labels) return undefined;
  const constraint = {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: labels },
  };
  return new YamlEditor(workload.object.ref).setEntries(podSpec, { topologySpreadConstraints: [constraint] });
}

import { isMap, type Node } from 'yaml';
import { blockLines, flowText } from '../fix/edits/emit';
import { columnOf } from '../fix/edits/style';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { describeFact } from '../k8s/disruption';
import { labelSelectorMatches, readSelector } from '../facts/collect';
import { definedFixes, fix } from '../fix/builders';
import type { K8sObject } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import type { LabelSelector, WorkloadFact } from '../facts/types';
import type { Fix } from '../types';
import { get, getMap, getPair, keyRange } from '../model/yamlAccess';

function describeSelector(selector: LabelSelector): string {
  const parts = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`),
    ...(selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(', ')})` : ''}`),
  ];
  return parts.length > 0 ? parts.join(', ') : 'an empty selector';
}

/** How close a workload's labels are to what the selector asks for: shared keys, then equal values, then names. */
function closeness(selector: LabelSelector, workload: WorkloadFact, pdbName: string | undefined): number {
  const labels = workload.podLabels ?? {};
  let score = 0;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (key in labels) score += 2;
    if (labels[key] === value) score += 1;
    if (labels[key] !== undefined && (labels[key].includes(value) || value.includes(labels[key]))) score += 1;
  }
  if (pdbName && workload.name && (pdbName.includes(workload.name) || workload.name.includes(pdbName))) score += 2;
  return score;
}

/** "Select the pods of Deployment X": matchLabels replaced by the workload's pod labels, for the closest candidates. */
function selectFixes(object: K8sObject, selector: LabelSelector, candidates: WorkloadFact[]): Fix[] {
  const { ref } = object;
  const selectorNode = get(getMap(object.node, 'spec', ref), 'selector', ref);
  const matchLabelsPair = getPair(selectorNode, 'matchLabels', ref);
  const value = matchLabelsPair?.value as Node | null | undefined;
  if (!matchLabelsPair || !isMap(value) || !value.range || value.anchor || selector.matchExpressions?.length) {
    return [];
  }
  const editor = new YamlEditor(ref);
  const source = editor.text;
  const fixes: Fix[] = [];
  for (const workload of candidates) {
    const labels = workload.podLabels!;
    let edits;
    if (value.flow) {
      edits = [editor.replace(value.range[0], value.range[1], flowText(labels, editor.style))];
    } else {
      const firstKey = (value.items[0]?.key as Node | undefined)?.range;
      if (!firstKey) continue;
      const column = columnOf(source, firstKey[0]);
      const lines = blockLines(labels, column, editor.style);
      const end = editor.endOfLine(value.range[1]);
      // Comments inside the old label block would be dropped: leave those to a human.
      if (source.slice(firstKey[0], end).includes('#')) continue;
      edits = [editor.replace(firstKey[0], end, lines.join(editor.style.eol).slice(column))];
    }
    fixes.push(
      fix(
        `Select the pods of ${describeFact(workload)} (${Object.entries(labels)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')})`,
        edits,
        { preferred: fixes.length === 0, safe: false },
      )!,
    );
  }
  return fixes;
}

export default defineRule({
  meta: {
    id: 'pdb-selects-nothing',
    title: 'PodDisruptionBudget whose selector matches no workload',
    severity: 'warning',
    rationale:
      'A PodDisruptionBudget that selects no pods protects nothing: the workload it was written for can still be evicted all at once.',
    appliesTo: 'PodDisruptionBudget (policy/v1, policy/v1beta1), judged against every workload of the workspace folder',
    docs: {
      why: [
        'A PDB only limits evictions of the pods its `selector` matches. A typo in a label, a label renamed in the Deployment but not in the PDB, or a PDB left behind after its workload was removed, and the budget silently protects nothing.',
        '',
        'Absence can only be concluded when every object is known, so this rule runs only when the whole workspace folder has been indexed (the language server in a workspace, or the CLI given a directory), and not when the folder holds Helm templates or YAML that does not parse (their objects are unknown). Opening a single file never triggers it. Pods created by operators, or by charts rendered outside the folder, are not known either: suppress the finding for such PDBs.',
        '',
        'An empty selector selects every pod of the namespace in policy/v1, and no pod at all in policy/v1beta1.',
      ].join('\n'),
      severityReason: 'Warning: the cluster accepts the object, but the protection it was meant to give is absent.',
      bad: `kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: wbe   # the Deployment's pods are app: web`,
      good: `kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web`,
      howToFix:
        'Make the selector match the pod template labels of the workload to protect (its `spec.selector.matchLabels`), or delete the PDB. The quick fixes offer the labels of the closest workloads in the namespace.',
      notFlagged:
        'PDBs when the workspace was not fully indexed, a single file, PDBs whose selector cannot be read (template placeholders), and Kustomize patches.',
    },
  },
  check({ objects, project, report, scope }) {
    if (!scope.complete || project.hasOpaque()) {
      return;
    }
    for (const object of objects) {
      if (object.kind !== 'PodDisruptionBudget' || object.group !== 'policy' || object.patch) {
        continue;
      }
      const { ref } = object;
      const selectorNode = get(getMap(object.node, 'spec', ref), 'selector', ref);
      const selector = readSelector(selectorNode, ref);
      if (!selector) {
        continue;
      }
      const emptySelectsAll = !object.apiVersion.endsWith('v1beta1');
      const inNamespace = project.workloadsIn(object.namespace);
      if (inNamespace.some((workload) => labelSelectorMatches(selector, workload.podLabels, emptySelectsAll))) {
        continue;
      }
      const complete = project.workloadsIn(undefined).filter((workload) => !workload.fragment).length;
      const pair = getPair(getMap(object.node, 'spec', ref), 'selector', ref);
      const range = (pair && keyRange(pair, ref)) ?? object.kindRange;
      const candidates = inNamespace
        .filter(
          (workload) =>
            workload.podLabels &&
            Object.keys(workload.podLabels).length > 0 &&
            !workload.fragment &&
            closeness(selector, workload, object.name) > 0,
        )
        .sort((a, b) => closeness(selector, b, object.name) - closeness(selector, a, object.name))
        .slice(0, 3);
      report({
        object,
        range,
        message: `No workload in this ${scope.build ? 'build' : 'folder'} has pods this PodDisruptionBudget selects (${describeSelector(selector)}${object.apiVersion.endsWith('v1beta1') && describeSelector(selector) === 'an empty selector' ? ', which in policy/v1beta1 selects no pod' : ''}), so it protects nothing. ${scope.build ? 'Every object the build deploys was checked' : 'Every YAML file of the folder was checked'} (${complete} workload${complete === 1 ? '' : 's'}); pods created by operators, or by charts rendered outside the ${scope.build ? 'build' : 'folder'}, are not known.`,
        fixes: () => definedFixes(...selectFixes(object, selector, candidates)),
      });
    }
  },
});

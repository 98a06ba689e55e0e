import { isAlias, isMap, type Node } from 'yaml';
import { blockLines, flowText } from '../fix/edits/emit';
import { columnOf } from '../fix/edits/style';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { describeFact } from '../k8s/disruption';
import { readSelector } from '../facts/collect';
import { definedFixes, fix } from '../fix/builders';
import type { K8sObject } from '../k8s/objects';
import { defineRule, type RuleContext } from '../catalog/rule';
import type { Project } from '../facts/project';
import type { LabelSelector, WorkloadFact } from '../facts/types';
import type { Fix } from '../types';
import { get, getMap, getPair, keyRange, scalarValue } from '../model/yamlAccess';

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

/** The three workloads of the PDB's namespace closest to its selector (for the fixes only: the finding does not list them). */
function closestWorkloads(project: Project, object: K8sObject, selector: LabelSelector): WorkloadFact[] {
  return project
    .workloadsIn(object.namespace)
    .filter(
      (workload) =>
        workload.podLabels &&
        Object.keys(workload.podLabels).length > 0 &&
        !workload.fragment &&
        closeness(selector, workload, object.name) > 0,
    )
    .sort((a, b) => closeness(selector, b, object.name) - closeness(selector, a, object.name))
    .slice(0, 3);
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

/** A PDB without `spec.selector` selects no pod (policy/v1 and v1beta1): said whatever the scope, it needs no other file. */
function reportNoSelector(object: K8sObject, project: Project, report: RuleContext['report']): void {
  const { ref } = object;
  const specPair = getPair(object.node, 'spec', ref);
  const spec = getMap(object.node, 'spec', ref);
  const candidates = project
    .workloadsIn(object.namespace)
    .filter((workload) => !workload.fragment && Object.keys(workload.podLabels ?? {}).length > 0)
    .sort((a, b) => nameCloseness(object.name, b) - nameCloseness(object.name, a))
    .slice(0, 3);
  report({
    object,
    range: (specPair && keyRange(specPair, ref)) ?? object.kindRange,
    message: `This PodDisruptionBudget has no spec.selector: a PDB without a selector selects no pod, so it protects nothing and is the budget of no workload. (A Kustomize patch of a budget is judged as a patch when its kustomization lists it under patches and is checked with it.)`,
    fixes: () => {
      if (!spec || isAlias(specPair?.value)) return [];
      const editor = new YamlEditor(ref);
      return definedFixes(
        ...candidates.map((workload, index) =>
          fix(
            `Select the pods of ${describeFact(workload)} (${Object.entries(workload.podLabels!)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')})`,
            editor.setEntries(spec, { selector: { matchLabels: workload.podLabels! } }),
            { preferred: index === 0, safe: false },
          ),
        ),
      );
    },
  });
}

/** Workloads named like the PDB first (a PDB "web-pdb" is usually for Deployment "web"). */
function nameCloseness(pdbName: string | undefined, workload: WorkloadFact): number {
  if (!pdbName || !workload.name) return 0;
  return pdbName === workload.name ? 3 : pdbName.includes(workload.name) || workload.name.includes(pdbName) ? 2 : 0;
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
        'Absence can only be concluded when every object is known, so this rule runs only when the whole workspace folder has been indexed (the language server in a workspace, or the CLI given a directory), and not when the folder holds Helm templates, YAML that does not parse, or a kustomization whose resources, bases or components come from outside the folder (an overlay checked without its `../base`) or from a URL: their objects are unknown. Check the folder that holds both the overlays and the base to have them judged together. Opening a single file never triggers it. Pods created by operators, or by charts rendered outside the folder, are not known either: suppress the finding for such PDBs.',
        '',
        'An empty selector (`selector: {}`) selects every pod of the namespace in policy/v1, and no pod at all in policy/v1beta1. A PDB with no `spec.selector` at all selects no pod in either version (the disruption controller turns a missing selector into one that matches nothing): it is reported whatever was checked, since no other file can change that, and it does not count as the budget of any workload for `pdb-missing`.',
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
        "PDBs whose selector matches nothing when the workspace was not fully indexed (a single file), PDBs whose selector cannot be read (template placeholders), and Kustomize patches (a patch without a selector keeps its base's).",
    },
  },
  check({ objects, project, report, scope }) {
    for (const object of objects) {
      if (object.kind !== 'PodDisruptionBudget' || object.group !== 'policy' || object.patch) {
        continue;
      }
      const { ref } = object;
      const selectorNode = get(getMap(object.node, 'spec', ref), 'selector', ref);
      if (selectorNode === undefined || scalarValue(selectorNode, ref) === null) {
        reportNoSelector(object, project, report);
        continue;
      }
      // Absence of a matching workload can only be concluded when every object of the folder is known.
      if (!scope.complete || project.hasOpaque()) {
        continue;
      }
      const selector = readSelector(selectorNode, ref);
      if (!selector) {
        continue;
      }
      const emptySelectsAll = !object.apiVersion.endsWith('v1beta1');
      // Through the label index, stopping at the first match: a PDB that selects something costs no more in a
      // big project than in a small one (listing the namespace's workloads for each PDB was quadratic).
      if (project.selectsAnyWorkload({ name: object.name, namespace: object.namespace, selector, emptySelectsAll })) {
        continue;
      }
      const complete = project.wholeWorkloadCount();
      const pair = getPair(getMap(object.node, 'spec', ref), 'selector', ref);
      const range = (pair && keyRange(pair, ref)) ?? object.kindRange;
      report({
        object,
        range,
        message: `No workload in this ${scope.build ? 'build' : 'folder'} has pods this PodDisruptionBudget selects (${describeSelector(selector)}${object.apiVersion.endsWith('v1beta1') && describeSelector(selector) === 'an empty selector' ? ', which in policy/v1beta1 selects no pod' : ''}), so it protects nothing. ${scope.build ? 'Every object the build deploys was checked' : 'Every YAML file of the folder was checked'} (${complete} workload${complete === 1 ? '' : 's'}); pods created by operators, or by charts rendered outside the ${scope.build ? 'build' : 'folder'}, are not known.`,
        fixes: (now) => definedFixes(...selectFixes(object, selector, closestWorkloads(now, object, selector))),
      });
    }
  },
});

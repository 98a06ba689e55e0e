// What an autoscaler's scaleTargetRef and a PodDisruptionBudget's selector resolve to, through the project (the
// same questions the rules ask), with the file each object is in, and what the budget comes to in pods.
import { collectFacts, emptyFacts } from '../facts/collect';
import type { Project } from '../facts/project';
import type { WorkloadFact } from '../facts/types';
import { allowedDisruptions, describeFact, protectedPods, scopePhrase } from '../k8s/disruption';
import type { K8sObject } from '../k8s/objects';
import type { FileModel } from '../model/fileModel';
import { getMap, getString } from '../model/yamlAccess';
import { placeOf, plural } from './common';
import type { Explanation, ExplanationLine, TimelineTarget } from './types';

/** More matches than this are summed up in one line. */
const MAX_LISTED = 8;

function workloadLine(
  workload: WorkloadFact,
  text: string,
  model: FileModel,
  patchFile: boolean,
): { line: ExplanationLine; timeline?: TimelineTarget } {
  const { place, docIndex } = placeOf(workload, workload.kind, model, patchFile);
  const where = workload.origin ? '' : ' (in this file)';
  const line = { text: `${text}${where}.`, ...(place ? { place } : {}) };
  if (docIndex === undefined || (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet')) return { line };
  return { line, timeline: { docIndex, kind: workload.kind, name: workload.name } };
}

/** An autoscaler's target: the workload it names, where it is, and the replica range it sets. */
export function explainScaleTarget(
  object: K8sObject,
  project: Project,
  model: FileModel,
  patchFile: boolean,
  range: [number, number],
): Explanation | undefined {
  const own = emptyFacts();
  collectFacts(object, own);
  const hpa = own.autoscalers[0];
  const target = getMap(getMap(object.node, 'spec', object.ref), 'scaleTargetRef', object.ref);
  const kind = getString(target, 'kind', object.ref);
  const name = getString(target, 'name', object.ref);
  if (!hpa || !kind || !name) return undefined;
  const found = project
    .workloadsIn(object.namespace)
    .filter((workload) => workload.kind === kind && workload.name === name)
    .sort((a, b) => Number(a.fragment) - Number(b.fragment));
  const lines: ExplanationLine[] = [];
  let timeline: TimelineTarget | undefined;
  const replicas =
    hpa.minReplicas !== undefined && hpa.maxReplicas !== undefined
      ? `this autoscaler keeps it between ${hpa.minReplicas} and ${hpa.maxReplicas} replicas`
      : hpa.maxReplicas !== undefined
        ? `this autoscaler scales it up to ${hpa.maxReplicas} replicas`
        : 'this autoscaler sets its replicas';
  for (const workload of found.slice(0, MAX_LISTED)) {
    const declared = workload.replicas !== undefined ? `\`replicas\` ${workload.replicas} written, ` : '';
    const text = `Scales ${describeFact(workload)}${workload.fragment ? ' (a patch)' : ''}: ${declared}${replicas}`;
    const made = workloadLine(workload, text, model, patchFile);
    lines.push(made.line);
    timeline ??= made.timeline;
  }
  if (found.length > MAX_LISTED) lines.push({ text: `And ${found.length - MAX_LISTED} more objects of that name.` });
  if (found.length === 0) {
    lines.push({
      text: `No ${kind} "${name}" ${scopePhrase(project.scope)}${project.scope.crossFile ? '' : ' (open the folder as a workspace to see the others)'}.`,
    });
  }
  const title = `\`scaleTargetRef\`: ${kind} "${name}"`;
  return { range, title, lines, ruleIds: ['hpa-target-missing-requests'], ...(timeline ? { timeline } : {}) };
}

/** A PodDisruptionBudget: the workloads its selector selects, where they are, and how many pods may go at a time. */
export function explainBudget(
  object: K8sObject,
  project: Project,
  model: FileModel,
  patchFile: boolean,
  range: [number, number],
): Explanation | undefined {
  const own = emptyFacts();
  collectFacts(object, own);
  const pdb = own.pdbs[0];
  if (!pdb) return undefined;
  const named = `PodDisruptionBudget${pdb.name ? ` "${pdb.name}"` : ''}`;
  const base = { range, title: named, ruleIds: ['pdb-selects-nothing', 'pdb-blocks-eviction'] };
  if (!pdb.selector) {
    return {
      ...base,
      lines: [{ text: 'Its selector cannot be read (absent, or a template placeholder): what it protects cannot be known from the text.' }],
    };
  }
  const selected = project.workloadsSelectedBy(pdb).filter((workload) => !workload.fragment);
  if (selected.length === 0) {
    const lines = [{ text: `Selects no workload ${scopePhrase(project.scope)}: it protects nothing.` }];
    return { ...base, lines };
  }
  const lines: ExplanationLine[] = [];
  let timeline: TimelineTarget | undefined;
  let pods = 0;
  for (const [i, workload] of selected.entries()) {
    const counted = protectedPods(workload, project);
    pods += counted.count;
    if (i >= MAX_LISTED) continue;
    const scaled = counted.autoscaler
      ? `, counted at the minReplicas of ${describeFact(counted.autoscaler, 'HorizontalPodAutoscaler')}`
      : workload.kind !== 'Pod' && workload.replicas === undefined
        ? ', the default'
        : '';
    const made = workloadLine(workload, `Selects ${describeFact(workload)}: ${plural(counted.count, 'pod')}${scaled}`, model, patchFile);
    lines.push(made.line);
    timeline ??= made.timeline;
  }
  if (selected.length > MAX_LISTED) lines.push({ text: `And ${selected.length - MAX_LISTED} more workloads.` });
  const budget = allowedDisruptions(pdb, pods);
  if (budget) {
    const written = String(budget.field === 'maxUnavailable' ? pdb.maxUnavailable : pdb.minAvailable);
    const arithmetic = written.endsWith('%') ? `${written} of ${pods}, rounded up, = ${budget.resolved}` : written;
    lines.push({
      text:
        budget.allowed === 0
          ? `\`${budget.field}\` ${arithmetic}: no pod of these ${pods} may ever be evicted; node drains hang.`
          : `\`${budget.field}\` ${arithmetic}: ${plural(budget.allowed, 'pod')} of these ${pods} may be evicted at a time (node drains, cluster-autoscaler scale-downs).`,
    });
  }
  return { ...base, lines, ...(timeline ? { timeline } : {}) };
}

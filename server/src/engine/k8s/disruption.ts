// Disruption budgets and the workloads they protect, judged from cross-object facts (this file and, in a
// workspace, the other files), plus the fix that appends a PodDisruptionBudget document to a workload's file.
import { blockLines } from '../fix/edits/emit';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { labelSelectorMatches } from '../facts/collect';
import { lookup } from '../facts/lookup';
import { sameNamespace, type Workload } from './objects';
import type { AutoscalerFact, FactOrigin, FileContext, PdbFact, Scope, WorkloadFact } from '../catalog/rule';
import type { RelatedLocation, TextEdit } from '../types';
import { get, getMap, stringMap } from '../model/yamlAccess';

/** PDBs of the same namespace whose selector selects these pod labels; unknown selectors count as selecting (no false alarms). */
export function pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined, file: FileContext): PdbFact[] {
  return lookup(file)
    .pdbsFor(labels)
    .filter(
      (pdb) =>
        sameNamespace(pdb.namespace, namespace) &&
        (pdb.selector === undefined || labelSelectorMatches(pdb.selector, labels, pdb.emptySelectsAll)),
    );
}

/** Workloads (complete ones and patches alike) of the PDB's namespace whose pods it selects. */
export function workloadsSelectedBy(pdb: PdbFact, file: FileContext): WorkloadFact[] {
  if (!pdb.selector) {
    return [];
  }
  const selector = pdb.selector;
  return lookup(file)
    .workloadsFor(pdb)
    .filter(
      (workload) =>
        sameNamespace(pdb.namespace, workload.namespace) && labelSelectorMatches(selector, workload.podLabels, pdb.emptySelectsAll),
    );
}

export function autoscalerOf(workload: { kind: string; name?: string; namespace?: string }, file: FileContext): AutoscalerFact | undefined {
  return lookup(file)
    .autoscalersFor(workload.name)
    .find(
      (hpa) =>
        hpa.targetKind === workload.kind &&
        hpa.targetName !== undefined &&
        hpa.targetName === workload.name &&
        sameNamespace(hpa.namespace, workload.namespace),
    );
}

/** A related location for a fact from another file (facts of the linted text have no origin: nothing to add). */
export function relatedTo(origin: FactOrigin | undefined, message: string): RelatedLocation[] {
  return origin ? [{ file: origin.file, start: origin.start, end: origin.end, message }] : [];
}

export function describeFact(fact: { kind?: string; name?: string }, kind = fact.kind ?? 'object'): string {
  return fact.name ? `${kind} "${fact.name}"` : kind;
}

/** Where the facts came from, for messages: "this file", "the files checked", "the workspace folder". */
export function scopePhrase(scope: Scope | undefined): string {
  if (scope?.complete) return 'in the folder';
  if (scope?.crossFile) return 'in the files checked';
  return 'in this file';
}

/** Said when only the file itself was seen and an object elsewhere would change the verdict. */
export function fileAloneNote(scope: Scope | undefined, what: string): string {
  return scope?.crossFile
    ? ''
    : ` (only this file was checked: ${what} in other files count when the folder is open as a workspace, or when the CLI is given the other files too)`;
}

/**
 * The labels a new PDB should select: the workload's `spec.selector.matchLabels` when it is a plain map of the
 * pod's labels (stable: a Deployment's selector cannot change), otherwise the pod template's labels.
 */
export function pdbLabels(workload: Workload): Record<string, string> | undefined {
  const { object } = workload;
  const matchLabels = stringMap(
    get(getMap(getMap(object.node, 'spec', object.ref), 'selector', object.ref), 'matchLabels', object.ref),
    object.ref,
  );
  const labels = workload.podLabels;
  if (matchLabels && Object.keys(matchLabels).length > 0 && Object.entries(matchLabels).every(([key, value]) => labels?.[key] === value)) {
    return matchLabels;
  }
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}

/**
 * Edits appending a PodDisruptionBudget (`maxUnavailable: 1`) for the workload as a new YAML document right after
 * the workload's own document (before any comments that lead into the next one), in the file's own style.
 * Named after the workload (or its first label value). Undefined when the pods have no labels to select.
 */
export function appendPdbEdits(workload: Workload): TextEdit[] | undefined {
  const { object } = workload;
  const labels = pdbLabels(workload);
  const name = object.name ?? (labels ? Object.values(labels)[0] : undefined);
  if (!name || !labels) {
    return undefined;
  }
  const editor = new YamlEditor(object.ref);
  const { eol } = editor.style;
  const source = editor.text;
  const contents = object.ref.doc.contents;
  const end = contents?.range?.[1];
  if (end === undefined) {
    return undefined;
  }
  // The start of the line after the document's last content line.
  const lineEnd = editor.endOfLine(end);
  const after = source.indexOf('\n', lineEnd);
  const at = after < 0 ? source.length : after + 1;
  const document = pdbDocument(name, object.namespace, labels, editor);
  const text = `${after < 0 ? eol : ''}---${eol}${document.join(eol)}${eol}`;
  return [editor.replace(at, at, text)];
}

function pdbDocument(name: string, namespace: string | undefined, labels: Record<string, string>, editor: YamlEditor): string[] {
  const metadata: Record<string, string> = { name };
  if (namespace) metadata.namespace = namespace;
  return blockLines(
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
    },
    0,
    editor.style,
  );
}

/** Int or percent as written in a PDB (`2`, `"50%"`); undefined when not understood. */
export function budgetValue(value: number | string | undefined): { kind: 'int' | 'percent'; value: number } | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'int', value };
  if (typeof value === 'string') {
    const percent = /^\s*(\d+)%\s*$/.exec(value);
    if (percent) return { kind: 'percent', value: Number(percent[1]) };
    if (/^\s*\d+\s*$/.test(value)) return { kind: 'int', value: Number(value) };
  }
  return undefined;
}

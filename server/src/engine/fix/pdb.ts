// The fix that adds a PodDisruptionBudget for a workload: a new YAML document right after the workload's own.
import type { Workload } from '../k8s/objects';
import { get, getMap, stringMap } from '../model/yamlAccess';
import type { TextEdit } from '../types';
import { blockLines } from './edits/emit';
import { YamlEditor } from './edits/yamlEdit';

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
 * Edits appending a PodDisruptionBudget (`maxUnavailable: 1`, unready pods always evictable) for the workload as a new YAML document right after
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
      // AlwaysAllow: unready pods never block a drain (pdb-unhealthy-eviction-policy).
      spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: labels } },
    },
    0,
    editor.style,
  );
}

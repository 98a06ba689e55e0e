// Values-file nodes as a finding's related information names them: "with values.yaml's `replicaCount: 1`".
// The node at a source offset is found in the values file's own parse (cached by text), named by its key and
// shown with its value in one line.
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import { sourceDocument } from '../model/sourceDocuments';
import type { ProjectFiles } from '../model/origin';
import type { RelatedLocation } from '../types';

interface Located {
  key: string;
  /** The pair: key start to value end. */
  start: number;
  end: number;
  value: Node | null;
}

/** The pair whose value (or key) starts at `offset`, searched outermost first. */
function pairAt(node: unknown, offset: number): Located | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isScalar(key) || !key.range) continue;
      const valueStart = value?.range?.[0];
      if (key.range[0] === offset || valueStart === offset) {
        return { key: String(key.value), start: key.range[0], end: value?.range?.[1] ?? key.range[1], value };
      }
      const inner = pairAt(value, offset);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = pairAt(item, offset);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** "with values.yaml's `key: value`" for the values node starting at `offset`; undefined when none is there. */
export function valuesRelated(files: ProjectFiles, file: string, offset: number): RelatedLocation | undefined {
  const text = files.readText(file);
  if (text === undefined) return undefined;
  let at = offset;
  while (at < text.length && /\s/.test(text[at])) at++;
  const doc = sourceDocument(text);
  const pair = pairAt(doc.contents, at);
  if (!pair) return undefined;
  const shown = `${pair.key}: ${oneLine(pair.value)}`;
  return { file, start: pair.start, end: pair.end, message: `with ${baseName(file)}'s \`${shown}\`` };
}

function oneLine(node: Node | null): string {
  if (node === null) return 'null';
  const json: unknown = node.toJSON();
  const text = isScalar(node) ? String(node.source ?? json) : stringify(json, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

// The annotation form of a suppression: `metadata.annotations["kube-zero-downtime.io/ignore"]: "rule-a,rule-b"`
// on an object silences the object's findings. Read here into the same Directive shape as a comment, with the
// edits that remove it or one of its ids in the annotation's own quoting.
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { getMap, getPair, scalarValue } from '../model/yamlAccess';
import type { TextEdit } from '../types';
import { IGNORE_ANNOTATION, lineStartAt, nextLineStart, type Directive, type IdRef, type ObjectTarget } from './directives';

export function annotationDirective(text: string, target: ObjectTarget): Directive | undefined {
  const { object } = target;
  const ref = object.ref;
  const metadata = getMap(object.node, 'metadata', ref);
  const annotationsPair = getPair(metadata, 'annotations', ref);
  const annotations = getMap(metadata, 'annotations', ref);
  const pair = getPair(annotations, IGNORE_ANNOTATION, ref);
  if (!pair || !annotations) {
    return undefined;
  }
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const valueText = scalarValue(value, ref);
  const keyStart = key?.range?.[0];
  if (keyStart === undefined) {
    return undefined;
  }
  const valueRange: [number, number] = value?.range ? [value.range[0], value.range[1]] : [keyStart, key?.range?.[1] ?? keyStart];
  const raw = typeof valueText === 'string' ? valueText : valueText === null || valueText === undefined ? '' : String(valueText);
  const reason = raw.indexOf('--');
  const list = reason < 0 ? raw : raw.slice(0, reason);
  // Where the value's characters are in the source (plain or simply quoted values), ids get exact ranges.
  const source = text.slice(valueRange[0], valueRange[1]);
  const shift = source === raw ? 0 : source === `"${raw}"` || source === `'${raw}'` ? 1 : -1;
  const ids: IdRef[] = [];
  for (const id of list.matchAll(/[^\s,]+/g)) {
    const index = id.index ?? 0;
    ids.push(
      shift >= 0
        ? { id: id[0], start: valueRange[0] + shift + index, end: valueRange[0] + shift + index + id[0].length, exact: true }
        : { id: id[0], start: valueRange[0], end: valueRange[1], exact: false },
    );
  }
  const own = annotations.items.includes(pair);
  return {
    form: 'annotation',
    docInChunk: target.docInChunk,
    ids,
    range: [keyStart, Math.max(valueRange[1], keyStart + 1)],
    listEnd: valueRange[1],
    listEmpty: ids.length === 0,
    removal: own ? removeAnnotation(text, annotations, annotationsPair, keyStart, valueRange[1]) : undefined,
    removeId: (k) => {
      if (!own || ids.length < 2) {
        return undefined;
      }
      const kept = ids.filter((_, i) => i !== k).map((id) => id.id);
      const separator = list.includes(',') ? ',' : ' ';
      const rewritten = kept.join(separator) + (reason < 0 ? '' : ` ${raw.slice(reason)}`);
      return { offset: valueRange[0], length: valueRange[1] - valueRange[0], newText: quoteLike(source, rewritten) };
    },
    objects: [target],
    containers: [],
    trailing: false,
  };
}

function quoteLike(source: string, value: string): string {
  if (source.startsWith("'")) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (source.startsWith('"') || !/^[a-z][\w ,.-]*$/i.test(value) || value.endsWith(' ')) {
    return JSON.stringify(value);
  }
  return value;
}

/** Deletes the annotation's line(s); the whole `annotations:` entry when it was the only annotation. Block style only. */
function removeAnnotation(
  text: string,
  annotations: YAMLMap,
  annotationsPair: Pair | undefined,
  keyStart: number,
  valueEnd: number,
): TextEdit | undefined {
  if (annotations.flow) {
    return undefined;
  }
  const lineStart = lineStartAt(text, keyStart);
  if (text.slice(lineStart, keyStart).trim().length > 0) {
    return undefined;
  }
  const end = nextLineStart(text, Math.max(keyStart, valueEnd - 1));
  if (annotations.items.length === 1 && annotationsPair && isScalar(annotationsPair.key)) {
    const outerKey = annotationsPair.key.range?.[0];
    if (outerKey !== undefined && text.slice(lineStartAt(text, outerKey), outerKey).trim().length === 0 && isMap(annotationsPair.value)) {
      return { offset: lineStartAt(text, outerKey), length: end - lineStartAt(text, outerKey), newText: '' };
    }
  }
  return { offset: lineStart, length: end - lineStart, newText: '' };
}

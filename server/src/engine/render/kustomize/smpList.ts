// List helpers of the strategic merge (kyaml's element matching and setting): which elements of a merged list
// match by key values, and how the merged list is put together.
import { type KNode, type KSeq, entryOf, isMap } from './tree';

export function missingOrNull(node: KNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

/** The text kyaml compares for a key field of a list element ('' when missing or empty). */
export function keyValue(element: KNode, key: string): string {
  if (!isMap(element)) return '';
  const value = entryOf(element, key)?.value;
  if (value === undefined || isNilOrEmpty(value)) return '';
  return value.kind === 'scalar' ? value.text : '';
}

export function isNilOrEmpty(node: KNode): boolean {
  if (node.kind === 'scalar') return node.value === null;
  if (node.kind === 'map') return node.entries.length === 0;
  return node.items.length === 0;
}

export function sameStrings(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The elements of each source whose key fields have these values (kyaml's ElementList). */
export function elementsMatching(sources: (KNode | undefined)[], keys: string[], values: string[]): (KNode | undefined)[] {
  const valid = validateKeys([values], values, keys);
  return sources.map((source) => {
    if (source === undefined || source.kind !== 'seq') return undefined;
    if (valid.keys.length === 0 || valid.keys[0] === '') {
      return source.items.find((item) => item.kind === 'scalar' && item.text === valid.values[0]);
    }
    return source.items.find(
      (item) =>
        isMap(item) &&
        valid.keys.every((key, i) => {
          const field = entryOf(item, key)?.value;
          return field !== undefined && (field.kind === 'scalar' ? field.text : '') === valid.values[i];
        }),
    );
  });
}

export function validateKeys(valuesList: string[][], values: string[], keys: string[]): { keys: string[]; values: string[] } {
  const validKeySet = new Set<string>();
  for (const tuple of valuesList) tuple.forEach((value, i) => value !== '' && validKeySet.add(keys[i]));
  if (validKeySet.size === 0) return { keys, values };
  return {
    keys: keys.filter((key) => validKeySet.has(key)),
    values: values.filter((value, i) => value !== '' || validKeySet.has(keys[i])),
  };
}

export function mergeValues(valuesList: string[][]): string[][] {
  const result = valuesList.map((values) => [...values]);
  for (let i = 0; i < result.length; i++) {
    for (let j = 0; j < result.length; j++) {
      const matched = matchValues(result[i], result[j]);
      if (matched) {
        result[i] = matched;
        result[j] = [...matched];
      }
    }
  }
  return result;
}

export function matchValues(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const result: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      result.push(a[i]);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return undefined;
    result.push(a[i] !== '' ? a[i] : b[i]);
  }
  return common ? result : undefined;
}

/**
 * kyaml's ElementSetter on a list: null and empty-map elements are dropped, elements matching the key values are
 * replaced by `element` (or removed when it is undefined), and `element` is appended when nothing matched.
 */
export function elementSetter(list: KSeq, element: KNode | undefined, keys: string[], values: string[], backing?: KNode[]): void {
  const mappingSetter = keys.length > 0 && keys[0] !== '' && values.length > 0 && values[0] !== '';
  const next: KNode[] = [];
  let found = false;
  for (const item of list.items) {
    if (missingOrNull(item) || (isMap(item) && item.entries.length === 0)) continue;
    if (!isMap(item) && mappingSetter) {
      next.push(item);
      continue;
    }
    let matches = true;
    for (let j = 0; j < keys.length && j < values.length; j++) {
      if (!fieldMatches(item, keys[j], values[j])) {
        matches = false;
        break;
      }
    }
    if (!matches) {
      if (values.length > 0) next.push(item);
      continue;
    }
    found = true;
    if (element !== undefined) next.push(element);
  }
  if (element !== undefined && !missingOrNull(element) && !found) next.push(element);
  list.items = next;
  if (backing) {
    backing.length = 0;
    backing.push(...next);
  }
}

/** kyaml's FieldMatcher with a string value: '' matches any value of a present field; scalars match by text. */
export function fieldMatches(item: KNode, key: string, value: string): boolean {
  if (key === '') return item.kind === 'scalar' && item.text === value;
  if (!isMap(item)) return false;
  const field = entryOf(item, key)?.value;
  if (field === undefined) return false;
  if (value === '') return true;
  return (field.kind === 'scalar' ? field.text : '') === value;
}

/** kyaml's appendListNode: the base's elements go into the merged list (replacing or appended). */
export function appendList(target: KSeq, source: KSeq, keys: string[]): void {
  for (const element of source.items) {
    if (keys.length === 0 || keys[0] === '') {
      elementSetter(target, element, [''], [element.kind === 'scalar' ? element.text : '']);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      const field = isMap(element) ? entryOf(element, key)?.value : undefined;
      if (field === undefined) {
        target.items.push(element);
        continue;
      }
      values.push(field.kind === 'scalar' ? field.text : '');
    }
    if (keys.length > 1) elementSetter(target, undefined, keys, values);
    elementSetter(target, element, keys, values);
  }
}

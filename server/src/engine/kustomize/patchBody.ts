// A fix of a built object, as Kustomize would write it: the strategic-merge patch body that turns the object as
// built into the object as fixed (`smpBody`), and that body written into an existing YAML mapping (a base
// resource, or a patch of the overlay) with minimal edits in the file's own style (`writeBody`). Lists whose
// items Kubernetes merges by name (containers, env, volumes, ...) are merged by name; other lists are replaced.
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { blockLines, flowText, type EmitValue } from '../fix/edits/emit';
import { YamlEditor } from '../fix/edits/yamlEdit';
import type { DocRef } from '../model/yamlAccess';
import type { TextEdit } from '../types';
import { pairOf } from './sources';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Lists of the pod spec and containers that strategic merge merges by their `name`. */
const MERGED_BY_NAME = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
  'env',
  'volumes',
  'volumeMounts',
  'imagePullSecrets',
]);

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function byName(items: Json[]): Map<string, Record<string, Json>> | undefined {
  const found = new Map<string, Record<string, Json>>();
  for (const item of items) {
    if (!isRecord(item) || typeof item.name !== 'string' || found.has(item.name)) return undefined;
    found.set(item.name, item);
  }
  return found;
}

/**
 * The patch body that makes `after` from `before` (both maps), or undefined when a strategic-merge patch of this
 * simple form cannot say it (a key removed, an item of a merged list removed or reordered).
 */
export function smpBody(before: Record<string, Json>, after: Record<string, Json>): Record<string, Json> | undefined {
  const body: Record<string, Json> = {};
  for (const key of Object.keys(before)) if (!(key in after)) return undefined;
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (same(old, value)) continue;
    if (isRecord(old) && isRecord(value)) {
      const nested = smpBody(old, value);
      if (!nested) return undefined;
      body[key] = nested;
    } else if (Array.isArray(old) && Array.isArray(value) && MERGED_BY_NAME.has(key)) {
      const list = listBody(old, value);
      if (!list) return undefined;
      body[key] = list;
    } else body[key] = value;
  }
  return body;
}

function listBody(before: Json[], after: Json[]): Json[] | undefined {
  const old = byName(before);
  const now = byName(after);
  if (!old || !now) return undefined;
  for (const name of old.keys()) if (!now.has(name)) return undefined;
  const items: Json[] = [];
  for (const [name, item] of now) {
    const previous = old.get(name);
    if (!previous) items.push(item);
    else if (!same(previous, item)) {
      const nested = smpBody(previous, item);
      if (!nested) return undefined;
      items.push({ name, ...nested });
    }
  }
  return items;
}

/** Edits that merge `body` into the mapping `map` of a parsed source document; undefined when it cannot be done faithfully. */
export function writeBody(ref: DocRef, map: YAMLMap, body: Record<string, Json>): TextEdit[] | undefined {
  const editor = new YamlEditor(ref);
  const edits: TextEdit[] = [];
  return into(editor, ref, map, body, edits) ? edits : undefined;
}

function into(editor: YamlEditor, ref: DocRef, map: YAMLMap, body: Record<string, Json>, edits: TextEdit[]): boolean {
  const simple: Record<string, EmitValue> = {};
  for (const [key, value] of Object.entries(body)) {
    const current = pairOf(map, key)?.value as Node | null | undefined;
    if (isRecord(value) && isMap(current) && !current.flow) {
      if (!into(editor, ref, current, value, edits)) return false;
    } else if (Array.isArray(value) && isSeq(current) && MERGED_BY_NAME.has(key)) {
      if (!intoList(editor, ref, current, value, edits)) return false;
    } else if (Array.isArray(value) && current !== undefined && current !== null && !(isScalar(current) && current.value === null)) {
      return false; // replacing a whole list in place: not a minimal edit, leave it to a person
    } else simple[key] = value;
  }
  if (Object.keys(simple).length === 0) return true;
  const set = editor.setEntries(map, simple);
  if (!set) return false;
  edits.push(...set);
  return true;
}

function intoList(editor: YamlEditor, ref: DocRef, seq: YAMLSeq, items: Json[], edits: TextEdit[]): boolean {
  for (const item of items) {
    if (!isRecord(item) || typeof item.name !== 'string') return false;
    const existing = seq.items.find((candidate) => {
      if (!isMap(candidate)) return false;
      const name = pairOf(candidate, 'name')?.value;
      return isScalar(name) && String(name.value) === item.name;
    });
    if (isMap(existing)) {
      const { name: _name, ...rest } = item;
      if (!into(editor, ref, existing, rest, edits)) return false;
      continue;
    }
    const appended = appendItem(editor, ref, seq, item);
    if (!appended) return false;
    edits.push(appended);
  }
  return true;
}

/** A new last item of a block sequence, written like the items before it. */
export function appendItem(editor: YamlEditor, ref: DocRef, seq: YAMLSeq, item: Json): TextEdit | undefined {
  const source = ref.source ?? '';
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow || !last?.range) return undefined;
  const lineStart = source.lastIndexOf('\n', last.range[0] - 1) + 1;
  const dash = source.lastIndexOf('-', last.range[0]);
  if (dash < lineStart || source.slice(lineStart, dash).trim() !== '') return undefined;
  const dashColumn = dash - lineStart;
  const contentColumn = last.range[0] - lineStart;
  const { style } = editor;
  const lines = isRecord(item) ? blockLines(item, contentColumn, style) : [flowText(item, style)];
  if (lines.length === 0) return undefined;
  const first = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, contentColumn - dashColumn - 1))}${lines[0].trimStart()}`;
  const at = editor.endOfLine(last.range[1]);
  return { offset: ref.base + at, length: 0, newText: style.eol + [first, ...lines.slice(1)].join(style.eol) };
}

/** A whole YAML document for `body`, in a style (a new patch file written like the kustomization beside it). */
export function documentText(body: Record<string, Json>, style: YamlEditor['style']): string {
  return blockLines(body, 0, style).join(style.eol) + style.eol;
}

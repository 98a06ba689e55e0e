// HorizontalPodAutoscaler metric blocks: finding the autoscaling/v2beta1 fields (`targetAverageUtilization`,
// `targetAverageValue`, `targetValue`, `metricName`, `metricSelector`, Object's `target` reference) and rewriting
// them into the autoscaling/v2 shape (`target: {type, ...}`, `metric: {name, selector}`, `describedObject`) with
// text edits on those entries only, so comments, anchors and everything else stay as written. The mapping is the
// one the API server's own v2beta1 -> v2 conversion uses.
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { columnOf, lineStart } from '../fix/edits/style';
import type { K8sObject } from './objects';
import type { TextEdit } from '../types';
import { deref, getMap, getPair, getSeq, getString, seqItems } from '../model/yamlAccess';

export const LEGACY_FIELDS = ['targetAverageUtilization', 'targetAverageValue', 'targetValue', 'metricName', 'metricSelector'] as const;

export function isHpa(object: K8sObject): boolean {
  return object.kind === 'HorizontalPodAutoscaler' && object.group === 'autoscaling';
}

/** The source map of a metric item (`resource:`, `pods:`, `object:`, `external:`), by the item's `type`. */
const SOURCE_KEY: Record<string, string> = {
  Resource: 'resource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
  ContainerResource: 'containerResource',
};

export interface LegacyMetric {
  item: YAMLMap;
  type: string;
  source: YAMLMap;
  /** The v2beta1 entries written in the source, in document order. */
  pairs: Pair[];
}

function own(map: YAMLMap, key: string): Pair | undefined {
  const found: Pair | undefined = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return found;
}

/** Object metrics: v2beta1's `target` names the object ({kind, name}); v2's `target` is the MetricTarget ({type, ...}). */
function isObjectReference(node: unknown, object: K8sObject): boolean {
  const map = deref(node, object.ref);
  return (
    isMap(map) &&
    getPair(map, 'type', object.ref) === undefined &&
    (getPair(map, 'kind', object.ref) !== undefined || getPair(map, 'name', object.ref) !== undefined)
  );
}

/** Metric items of the HPA that carry v2beta1 fields. */
export function legacyMetrics(object: K8sObject): LegacyMetric[] {
  const { ref } = object;
  const result: LegacyMetric[] = [];
  for (const item of seqItems(getSeq(getMap(object.node, 'spec', ref), 'metrics', ref), ref)) {
    if (!isMap(item)) continue;
    const type = getString(item, 'type', ref);
    const key = type ? SOURCE_KEY[type] : undefined;
    const source = key ? getMap(item, key, ref) : undefined;
    if (!type || !source) continue;
    const pairs = source.items.filter((pair): pair is Pair => {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      return (
        (LEGACY_FIELDS as readonly string[]).includes(name) ||
        (type === 'Object' && name === 'target' && isObjectReference(pair.value, object)) ||
        (type === 'Object' && name === 'averageValue') ||
        ((type === 'Pods' || type === 'Object') && name === 'selector' && own(source, 'metricName') !== undefined)
      );
    });
    if (
      pairs.some(
        (pair) =>
          LEGACY_FIELDS.includes(String((pair.key as { value: unknown }).value) as (typeof LEGACY_FIELDS)[number]) ||
          isObjectReference(pair.value, object),
      )
    ) {
      result.push({ item, type, source, pairs });
    }
  }
  return result;
}

interface Rewrite {
  /** New entries in place of the first of `replaced`: key -> list of [subkey, raw value text] or raw text to move. */
  target?: { type: string; field: string; raw: string; at: Pair };
  metric?: { name: string; at: Pair; selector?: Pair };
  describedObject?: Pair;
  remove: Pair[];
}

function rawText(node: unknown, source: string): string | undefined {
  const range = (node as Node | null)?.range;
  return range ? source.slice(range[0], range[1]) : undefined;
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/** What the v2 form of one legacy metric source is (the API server's conversion rules). */
function planRewrite(metric: LegacyMetric, source: string): Rewrite | undefined {
  const s = metric.source;
  const plan: Rewrite = { remove: [] };
  const pair = (key: string) => own(s, key);
  const raw = (p: Pair | undefined) => (p ? rawText(p.value, source) : undefined);
  // A metric that already has its v2 `target` (or `metric`) keeps it; the legacy fields are only removed.
  const v2Target = pair('target') !== undefined && !isObjectReferenceNode(pair('target')!.value);
  const v2Metric = pair('metric') !== undefined;
  const legacyTarget = (candidates: [string, string, string][]) => {
    const present = candidates.filter(([key]) => pair(key));
    if (present.length === 0) return true;
    if (v2Target) {
      plan.remove.push(...present.map(([key]) => pair(key)!));
      return true;
    }
    const [key, type, field] = present[0];
    const text = raw(pair(key));
    if (text === undefined || text === '') return false;
    plan.target = { type, field, raw: text, at: pair(key)! };
    plan.remove.push(...present.slice(1).map(([other]) => pair(other)!));
    return true;
  };
  switch (metric.type) {
    case 'Resource':
    case 'ContainerResource':
      if (
        !legacyTarget([
          ['targetAverageUtilization', 'Utilization', 'averageUtilization'],
          ['targetAverageValue', 'AverageValue', 'averageValue'],
        ])
      ) {
        return undefined;
      }
      break;
    case 'Pods':
      if (!legacyTarget([['targetAverageValue', 'AverageValue', 'averageValue']])) return undefined;
      break;
    case 'Object':
      if (
        !legacyTarget([
          ['averageValue', 'AverageValue', 'averageValue'],
          ['targetValue', 'Value', 'value'],
        ])
      ) {
        return undefined;
      }
      if (pair('target') && isObjectReferenceNode(pair('target')!.value)) plan.describedObject = pair('target');
      break;
    case 'External':
      if (
        !legacyTarget([
          ['targetValue', 'Value', 'value'],
          ['targetAverageValue', 'AverageValue', 'averageValue'],
        ])
      ) {
        return undefined;
      }
      break;
    default:
      return undefined;
  }
  const metricName = pair('metricName');
  if (metricName && v2Metric) {
    const selector = metric.type === 'External' ? pair('metricSelector') : pair('selector');
    plan.remove.push(metricName, ...(selector ? [selector] : []));
  } else if (metricName) {
    const name = raw(metricName);
    if (name === undefined || name === '') return undefined;
    const selector = metric.type === 'External' ? pair('metricSelector') : pair('selector');
    plan.metric = { name, at: metricName, ...(selector ? { selector } : {}) };
  } else if (pair('metricSelector')) {
    return undefined; // a selector without a metric name: nothing sensible to build
  }
  return plan;
}

function isObjectReferenceNode(node: unknown): boolean {
  return isMap(node) && !own(node, 'type') && (own(node, 'kind') !== undefined || own(node, 'name') !== undefined);
}

/**
 * Edits turning one legacy metric source into its autoscaling/v2 form; undefined when it cannot be done safely
 * (aliases, anchors, comments inside a flow map, unusual layouts). Block maps get entry-level edits; flow maps are
 * rewritten whole (they hold no comments).
 */
export function rewriteMetric(metric: LegacyMetric, object: K8sObject): TextEdit[] | undefined {
  const editor = new YamlEditor(object.ref);
  const source = editor.text;
  const plan = planRewrite(metric, source);
  if (!plan || !metric.source.range) return undefined;
  const touched = [plan.target?.at, plan.metric?.at, plan.metric?.selector, plan.describedObject, ...plan.remove].filter(
    (p): p is Pair => p !== undefined,
  );
  for (const p of touched) {
    const key = p.key as Node | null;
    const value = p.value as Node | null;
    if (!key?.range || (value && !value.range) || (value as { anchor?: string } | null)?.anchor) return undefined;
  }
  return metric.source.flow ? rewriteFlow(metric, plan, editor) : rewriteBlock(plan, editor);
}

function rewriteBlock(plan: Rewrite, editor: YamlEditor): TextEdit[] | undefined {
  const source = editor.text;
  const { eol, indent: step } = editor.style;
  const edits: TextEdit[] = [];
  const keyStart = (p: Pair) => (p.key as Node).range![0];
  const valueEnd = (p: Pair) => ((p.value as Node | null)?.range ?? (p.key as Node).range!)[1];
  const startsLine = (p: Pair) => /^[ \t]*$/.test(source.slice(lineStart(source, keyStart(p)), keyStart(p)));
  /** Whole lines of the entry, from its key's line to the end of its last line, line break included. */
  /** The entry's line, and the comment lines directly above it (they belong to it). */
  const firstLine = (p: Pair): number => {
    let at = lineStart(source, keyStart(p));
    const column = columnOf(source, keyStart(p));
    while (at > 0) {
      const previous = lineStart(source, at - 1);
      const line = source.slice(previous, at);
      if (!/^[ \t]*#/.test(line) || line.indexOf('#') < column) break;
      at = previous;
    }
    return at;
  };
  const lines = (p: Pair): [number, number] => {
    const from = firstLine(p);
    const to = editor.endOfLine(valueEnd(p));
    const newline = source.indexOf('\n', to);
    return [from, newline < 0 ? source.length : newline + 1];
  };
  for (const p of [plan.target?.at, plan.metric?.at, plan.metric?.selector, plan.describedObject, ...plan.remove]) {
    if (p && !startsLine(p)) return undefined;
  }
  if (plan.target) {
    const { at, type, field, raw } = plan.target;
    const pad = ' '.repeat(columnOf(source, keyStart(at)) + step);
    edits.push(editor.replace(keyStart(at), valueEnd(at), `target:${eol}${pad}type: ${type}${eol}${pad}${field}: ${raw}`));
  }
  if (plan.metric) {
    const { at, name, selector } = plan.metric;
    const column = columnOf(source, keyStart(at));
    const pad = ' '.repeat(column + step);
    edits.push(editor.replace(keyStart(at), valueEnd(at), `metric:${eol}${pad}name: ${name}`));
    if (selector) {
      // The selector moves under `metric:` (renamed from metricSelector), its own lines and comments with it.
      const selectorKey = selector.key as Node;
      const [from, to] = lines(selector);
      const by = column + step - columnOf(source, selectorKey.range![0]);
      if (by < 0) return undefined;
      const moved = editor.reindented(from, valueEnd(selector), by);
      const renamed = keyName(selector) === 'metricSelector' ? moved.replace(/metricSelector/, 'selector') : moved;
      const end = editor.endOfLine(valueEnd(at));
      if (end >= from && end < to) return undefined; // metricName on the selector's lines: leave it to a human
      edits.push(editor.replace(end, end, `${eol}${renamed}`));
      edits.push(editor.replace(from, to, ''));
    }
  }
  if (plan.describedObject) {
    const key = plan.describedObject.key as Node;
    edits.push(editor.replace(key.range![0], key.range![1], 'describedObject'));
  }
  for (const p of plan.remove) {
    const [from, to] = lines(p);
    edits.push(editor.replace(from, to, ''));
  }
  return nonOverlapping(edits);
}

function rewriteFlow(metric: LegacyMetric, plan: Rewrite, editor: YamlEditor): TextEdit[] | undefined {
  const source = editor.text;
  const range = metric.source.range!;
  const original = source.slice(range[0], range[1]);
  if (original.includes('#')) return undefined;
  const skip = new Set<Pair>([...(plan.remove ?? []), ...(plan.metric?.selector ? [plan.metric.selector] : [])]);
  const entries: string[] = [];
  for (const pair of metric.source.items) {
    if (skip.has(pair)) continue;
    const key = pair.key as Node;
    const valueText = rawText(pair.value, source) ?? '';
    if (pair === plan.target?.at) {
      entries.push(`target: {type: ${plan.target.type}, ${plan.target.field}: ${plan.target.raw}}`);
    } else if (pair === plan.metric?.at) {
      const selector = plan.metric.selector ? `, selector: ${rawText(plan.metric.selector.value, source) ?? '{}'}` : '';
      entries.push(`metric: {name: ${plan.metric.name}${selector}}`);
    } else if (pair === plan.describedObject) {
      entries.push(`describedObject: ${valueText}`);
    } else {
      entries.push(`${rawText(key, source)}: ${valueText}`);
    }
  }
  return [editor.replace(range[0], range[1], `{${entries.join(', ')}}`)];
}

function nonOverlapping(edits: TextEdit[]): TextEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i - 1].offset + sorted[i - 1].length > sorted[i].offset) return undefined;
  }
  return edits;
}

/** The `apiVersion: autoscaling/v2` edit. */
export function apiVersionEdit(object: K8sObject): TextEdit | undefined {
  const pair = getPair(object.node, 'apiVersion', object.ref);
  const value = pair?.value as Node | null | undefined;
  if (!pair || !value || !isScalar(value)) return undefined;
  return new YamlEditor(object.ref).replaceScalar(value, 'autoscaling/v2');
}

// Values coalescing as Helm's chartutil does it (coalesce.go): the user's values win over the chart's, maps merge
// and everything else is replaced, a null from a higher level deletes the key (when coalescing, not when
// merging), each subchart gets its own section plus the parent's `global` copied down. Where each entry came from
// (a values file node) travels with it, so a rendered value can point at the file that decided it.
import { deepCopy, originOf, setOrigin, type GoMap, type GoValue } from '../template/value';
import type { Chart } from './model';

export const GLOBAL_KEY = 'global';

/** Receives Helm's coalescing warnings (what `helm template` logs on stderr). */
export type Warn = (message: string) => void;

export function isTable(v: GoValue | undefined): v is GoMap {
  return v instanceof Map;
}

/** chartutil.CoalesceValues: the chart's values (and its subcharts') under a copy of `vals`. Throws on a type mismatch. */
export function coalesceValues(chart: Chart, vals: GoMap, warn: Warn): GoMap {
  return coalesce(chart, deepCopy(vals) as GoMap, '', false, warn);
}

/** chartutil.MergeValues: as coalesceValues, but null values are kept. */
export function mergeValues(chart: Chart, vals: GoMap, warn: Warn): GoMap {
  return coalesce(chart, deepCopy(vals) as GoMap, '', true, warn);
}

function coalesce(chart: Chart, dest: GoMap, prefix: string, merge: boolean, warn: Warn): GoMap {
  coalesceChartValues(chart, dest, prefix, merge, warn);
  return coalesceDeps(chart, dest, prefix, merge, warn);
}

function coalesceDeps(chart: Chart, dest: GoMap, prefix: string, merge: boolean, warn: Warn): GoMap {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    const existing = dest.get(name);
    if (existing === undefined) {
      dest.set(name, new Map());
      setOrigin(dest, name, undefined);
    } else if (!isTable(existing)) {
      throw new CoalesceError(`type mismatch on ${name}: %!t(${goTypeOf(existing)}=${String(existing)})`);
    }
    const section = dest.get(name) as GoMap;
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(section, dest, subPrefix, warn);
    dest.set(name, coalesce(sub, section, subPrefix, merge, warn));
  }
  return dest;
}

/** Copies the globals of `src` into `dest`'s `global` (dest's own globals win inside maps). */
function coalesceGlobals(dest: GoMap, src: GoMap, prefix: string, warn: Warn): void {
  let destGlobals: GoMap;
  const dg = dest.get(GLOBAL_KEY);
  if (dg === undefined) destGlobals = new Map();
  else if (isTable(dg)) destGlobals = dg;
  else {
    warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
    return;
  }
  let srcGlobals: GoMap;
  const sg = src.get(GLOBAL_KEY);
  if (sg === undefined) srcGlobals = new Map();
  else if (isTable(sg)) srcGlobals = sg;
  else {
    warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
    return;
  }
  for (const [key, val] of srcGlobals) {
    if (isTable(val)) {
      const copy = shallowCopy(val);
      const destValue = destGlobals.get(key);
      if (destValue === undefined) {
        destGlobals.set(key, copy);
      } else if (!isTable(destValue)) {
        warn(`Conflict: cannot merge map onto non-map for "${key}". Skipping.`);
        continue;
      } else {
        coalesceTablesFullKey(copy, destValue, concatPrefix(prefix, key), true, warn);
        destGlobals.set(key, copy);
      }
      setOrigin(destGlobals, key, originOf(srcGlobals, key));
    } else if (isTable(destGlobals.get(key))) {
      warn(`key ${key} is table. Skipping`);
    } else {
      destGlobals.set(key, val);
      setOrigin(destGlobals, key, originOf(srcGlobals, key));
    }
  }
  dest.set(GLOBAL_KEY, destGlobals);
}

function shallowCopy(map: GoMap): GoMap {
  const out: GoMap = new Map();
  for (const [k, v] of map) {
    out.set(k, v);
    setOrigin(out, k, originOf(map, k));
  }
  return out;
}

/** The chart's own values under `v` (v wins). */
function coalesceChartValues(chart: Chart, v: GoMap, prefix: string, merge: boolean, warn: Warn): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  const chartValues = deepCopy(chart.values) as GoMap;
  for (const [key, val] of chartValues) {
    if (v.has(key)) {
      const value = v.get(key) ?? null;
      if (value === null && !merge) {
        v.delete(key);
        setOrigin(v, key, undefined);
      } else if (isTable(value)) {
        if (isTable(val)) {
          const childMerge = chart.dependencies.some((d) => d.metadata.name === key) || merge;
          coalesceTablesFullKey(value, val, concatPrefix(subPrefix, key), childMerge, warn);
        } else if (val !== null) {
          warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        }
      }
    } else {
      v.set(key, val);
      setOrigin(v, key, originOf(chartValues, key));
    }
  }
}

/** chartutil.CoalesceTables: src under dst (dst wins); nulls in dst delete src's keys. */
export function coalesceTables(dst: GoMap, src: GoMap, warn: Warn): GoMap {
  return coalesceTablesFullKey(dst, src, '', false, warn);
}

/** chartutil.MergeTables: as coalesceTables, keeping nulls. */
export function mergeTables(dst: GoMap, src: GoMap, warn: Warn): GoMap {
  return coalesceTablesFullKey(dst, src, '', true, warn);
}

function coalesceTablesFullKey(dst: GoMap, src: GoMap, prefix: string, merge: boolean, warn: Warn): GoMap {
  const srcNonNil = new Set<string>();
  for (const [key, val] of src) if (val !== null) srcNonNil.add(key);
  for (const [key, val] of dst) {
    if (val === null) src.set(key, null);
  }
  for (const [key, val] of src) {
    const fullKey = concatPrefix(prefix, key);
    const present = dst.has(key);
    const dv = dst.get(key) ?? null;
    if (present && !merge && dv === null && srcNonNil.has(key)) {
      // The user nulled a chart default: the key goes.
      dst.delete(key);
      setOrigin(dst, key, undefined);
    } else if (!present) {
      dst.set(key, val);
      setOrigin(dst, key, originOf(src, key));
    } else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesFullKey(dv, val, fullKey, merge, warn);
      else warn(`warning: cannot overwrite table with non table for ${fullKey} (${goPrint(val)})`);
    } else if (isTable(dv) && val !== null) {
      warn(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${goPrint(val)})`);
    }
  }
  return dst;
}

export class CoalesceError extends Error {}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

function goTypeOf(v: GoValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'interface {}';
}

/** `%v` of a value in a warning (maps as map[k:v], lists as [a b]); only for messages. */
export function goPrint(v: GoValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `map[${keys.map((k) => `${k}:${goPrint(v.get(k) ?? null)}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

// Go's %v of a float64: shortest digits, exponent form below 1e-4 or from 1e+06 (two-digit exponent).
function goNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mantissa, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Values.Table: the map at a dotted path, or undefined (ErrNoTable). */
export function table(values: GoMap, path: string): GoMap | undefined {
  let current: GoMap = values;
  for (const part of path.split('.')) {
    const next = current.get(part);
    if (!isTable(next)) return undefined;
    current = next;
  }
  return current;
}

/** The segment of a dotted path at which Values.Table stops (what ErrNoTable names). */
export function missingSegment(values: GoMap, path: string): string {
  let current: GoMap = values;
  for (const part of path.split('.')) {
    const next = current.get(part);
    if (!isTable(next)) return part;
    current = next;
  }
  return '';
}

/** Values.PathValue: the non-table value at a dotted path; `undefined` when there is none (ErrNoValue). */
export function pathValue(values: GoMap, path: string): GoValue | undefined {
  const parts = path.split('.');
  const last = parts.pop() as string;
  const parent = parts.length === 0 ? values : table(values, parts.join('.'));
  if (!parent || !parent.has(last)) return undefined;
  const v = parent.get(last) ?? null;
  return isTable(v) ? undefined : v;
}

// Sprig's list and dict functions (list.go, dict.go), with mergo's merge rules for merge/mergeOverwrite.
// Go map iteration order is random; where Sprig returns keys or values in that order (keys, values), this
// returns them sorted, one of the orders Go could give.
import { type FunctionTable, fn, variadic } from '../template/function';
import {
  GoInt,
  type GoMap,
  type GoValue,
  deepCopy,
  goInt,
  goSlice,
  isGoMap,
  mapTypeName,
  originOf,
  setOrigin,
  sliceElemType,
} from '../template/value';
import { deepEqual, isEmpty, kindOf, panic, sliceItems, strslice, strval, toInt64 } from './convert';

function listOf(v: GoValue, what: string): GoValue[] {
  const items = sliceItems(v);
  if (!items) {
    if (v === null) panic('runtime error: invalid memory address or nil pointer dereference');
    panic(`Cannot ${what} on type ${kindOf(v)}`);
  }
  return items;
}

function must<T>(f: () => T): T {
  return f();
}

function uniq(items: GoValue[]): GoValue[] {
  const out: GoValue[] = [];
  for (const x of items) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

/** Where a list function returns a slice: Sprig builds []interface{}. */
function iface(items: GoValue[]): GoValue[] {
  return goSlice(items);
}

function asMap(v: GoValue, fnName: string): GoMap {
  if (!isGoMap(v)) panic(`wrong type for value; expected map[string]interface {}; got ${fnName}`);
  return v;
}

/** mergo.Merge (overwrite=false) / mergo.Merge(WithOverride) of src into dst, as Sprig's merge functions use it. */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): void {
  if (depth > 1000) panic('merge: maximum depth exceeded');
  for (const [k, sv] of src) {
    const has = dst.has(k);
    const dv = dst.get(k) ?? null;
    if (sv === null) {
      if (overwrite) {
        dst.set(k, null);
        setOrigin(dst, k, originOf(src, k));
      }
      continue;
    }
    if (sv instanceof Map && dv instanceof Map) {
      mergeInto(dv, sv, overwrite, depth + 1);
      if (!isEmpty(dv)) continue;
    } else if (has && !isEmpty(dv)) {
      if (Array.isArray(sv) && !overwrite) continue;
      if (sv instanceof Map && dv instanceof Map) continue;
    }
    if (overwrite || !has || isEmpty(dv)) {
      dst.set(k, sv);
      setOrigin(dst, k, originOf(src, k));
    }
  }
}

function sortedKeys(m: GoMap): string[] {
  return [...m.keys()].sort();
}

function pickOmit(m: GoMap, keys: GoValue[], keep: boolean): GoMap {
  const wanted = new Set(keys.map((k) => strval(k)));
  const out: GoMap = new Map();
  for (const [k, v] of m) {
    if (wanted.has(k) === keep) {
      out.set(k, v);
      setOrigin(out, k, originOf(m, k));
    }
  }
  return out;
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) panic('dig needs at least three arguments');
  const dict = args[args.length - 1];
  const def = args[args.length - 2];
  if (!isGoMap(dict) || mapTypeName(dict) !== 'map[string]interface {}') {
    panic(
      `interface conversion: interface {} is ${dict === null ? 'nil' : kindOf(dict) === 'map' ? mapTypeName(dict as GoMap) : kindOf(dict)}, not map[string]interface {}`,
    );
  }
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== 'string') panic(`interface conversion: interface {} is ${kindOf(k)}, not string`);
    return k;
  });
  let current: GoMap = dict;
  for (let i = 0; i < keys.length; i++) {
    if (!current.has(keys[i])) return def;
    const step = current.get(keys[i]) ?? null;
    if (i === keys.length - 1) return step;
    if (!isGoMap(step) || mapTypeName(step) !== 'map[string]interface {}') {
      panic(`interface conversion: interface {} is ${step === null ? 'nil' : kindOf(step)}, not map[string]interface {}`);
    }
    current = step;
  }
  return def;
}

function slice(list: GoValue, indexes: GoValue[]): GoValue {
  const items = sliceItems(list);
  if (!items) {
    if (typeof list === 'string') {
      const [a, b] = [indexes[0] !== undefined ? toInt64(indexes[0]) : 0, indexes[1] !== undefined ? toInt64(indexes[1]) : list.length];
      return list.slice(a, b);
    }
    panic(`list should be type of slice or array but ${kindOf(list)}`);
  }
  const len = items.length;
  const a = indexes.length > 0 ? toInt64(indexes[0]) : 0;
  const b = indexes.length > 1 ? toInt64(indexes[1]) : len;
  if (a < 0 || b > len || a > b) panic(`runtime error: slice bounds out of range [${a}:${b}]`);
  return goSlice(items.slice(a, b), Array.isArray(list) ? sliceElemType(list) : 'uint8');
}

export function collectionFunctions(): FunctionTable {
  const pushFn = (name: string, front: boolean) =>
    fn(['interface {}', 'interface {}'], ([list, v]) => {
      const items = listOf(list, name === 'prepend' ? 'prepend' : 'push');
      return iface(front ? [v, ...items] : [...items, v]);
    });
  const firstLast = (which: 'first' | 'last') =>
    fn(['interface {}'], ([list]) => {
      const items = listOf(list, `find ${which}`);
      if (items.length === 0) return null;
      return which === 'first' ? items[0] : items[items.length - 1];
    });
  const table: FunctionTable = {
    list: variadic(['interface {}'], (args) => iface([...args])),
    tuple: variadic(['interface {}'], (args) => iface([...args])),
    append: pushFn('append', false),
    push: pushFn('push', false),
    prepend: pushFn('prepend', true),
    first: firstLast('first'),
    last: firstLast('last'),
    rest: fn(['interface {}'], ([list]) => {
      const items = listOf(list, 'find rest');
      return items.length === 0 ? null : iface(items.slice(1));
    }),
    initial: fn(['interface {}'], ([list]) => {
      const items = listOf(list, 'find initial');
      return items.length === 0 ? null : iface(items.slice(0, -1));
    }),
    reverse: fn(['interface {}'], ([list]) => iface([...listOf(list, 'find reverse')].reverse())),
    uniq: fn(['interface {}'], ([list]) => iface(uniq(listOf(list, 'find uniq')))),
    compact: fn(['interface {}'], ([list]) => iface(listOf(list, 'compact').filter((x) => !isEmpty(x)))),
    without: variadic(['interface {}', 'interface {}'], ([list, ...omit]) =>
      iface(listOf(list, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x)))),
    ),
    has: fn(['interface {}', 'interface {}'], ([needle, haystack]) => {
      if (haystack === null) return false;
      return listOf(haystack, 'find has').some((x) => deepEqual(needle, x));
    }),
    concat: variadic(['interface {}'], (lists) => {
      const out: GoValue[] = [];
      for (const l of lists) out.push(...listOf(l, 'concat'));
      return iface(out);
    }),
    slice: variadic(['interface {}', 'interface {}'], ([list, ...idx]) => slice(list, idx)),
    until: fn(['int'], ([n]) => range(0, (n as GoInt).value, (n as GoInt).value >= 0 ? 1 : -1)),
    untilStep: fn(['int', 'int', 'int'], ([a, b, s]) => range((a as GoInt).value, (b as GoInt).value, (s as GoInt).value)),
    seq: variadic(['int'], (args) => seq(args.map((a) => (a as GoInt).value))),
    sortAlpha: fn(['interface {}'], ([list]) => {
      if (!sliceItems(list)) return goSlice([strval(list)], 'string');
      return goSlice(strslice(list).sort(), 'string');
    }),
    chunk: fn(['int', 'interface {}'], ([size, list]) => {
      const items = listOf(list, 'chunk');
      const n = (size as GoInt).value;
      const out: GoValue[] = [];
      for (let i = 0; i < items.length; i += n) out.push(iface(items.slice(i, i + n)));
      return iface(out);
    }),
    dict: variadic(['interface {}'], (args) => {
      const m: GoMap = new Map();
      for (let i = 0; i < args.length; i += 2) m.set(strval(args[i]), i + 1 < args.length ? args[i + 1] : '');
      return m;
    }),
    get: fn(['map[string]interface {}', 'string'], ([d, k]) => {
      const m = d as GoMap | null;
      return m?.has(k as string) ? (m.get(k as string) ?? null) : '';
    }),
    set: fn(['map[string]interface {}', 'string', 'interface {}'], ([d, k, v]) => {
      if (d === null) panic('assignment to entry in nil map');
      (d as GoMap).set(k as string, v);
      setOrigin(d as GoMap, k as string, undefined);
      return d;
    }),
    unset: fn(['map[string]interface {}', 'string'], ([d, k]) => {
      (d as GoMap | null)?.delete(k as string);
      return d;
    }),
    hasKey: fn(['map[string]interface {}', 'string'], ([d, k]) => (d as GoMap | null)?.has(k as string) ?? false),
    pluck: variadic(['string', 'map[string]interface {}'], ([k, ...ds]) =>
      iface(ds.filter((d) => (d as GoMap | null)?.has(k as string)).map((d) => (d as GoMap).get(k as string) ?? null)),
    ),
    keys: variadic(['map[string]interface {}'], (ds) =>
      goSlice(
        ds.flatMap((d) => (d ? sortedKeys(d as GoMap) : [])),
        'string',
      ),
    ),
    values: fn(['map[string]interface {}'], ([d]) => iface(d ? sortedKeys(d as GoMap).map((k) => (d as GoMap).get(k) ?? null) : [])),
    pick: variadic(['map[string]interface {}', 'string'], ([d, ...ks]) => pickOmit(d as GoMap, ks, true)),
    omit: variadic(['map[string]interface {}', 'string'], ([d, ...ks]) => pickOmit(d as GoMap, ks, false)),
    merge: variadic(['map[string]interface {}', 'map[string]interface {}'], ([dst, ...srcs]) => {
      for (const s of srcs) if (s) mergeInto(asMap(dst, 'merge'), s as GoMap, false);
      return dst;
    }),
    mergeOverwrite: variadic(['map[string]interface {}', 'map[string]interface {}'], ([dst, ...srcs]) => {
      for (const s of srcs) if (s) mergeInto(asMap(dst, 'mergeOverwrite'), s as GoMap, true);
      return dst;
    }),
    deepCopy: fn(['interface {}'], ([v]) => {
      if (v === null) panic('reflect: call of reflect.Value.Type on zero Value');
      return deepCopy(v);
    }),
    dig: variadic(['interface {}'], (args) => dig(args)),
  };
  // must* variants: the same, with the error returned instead of a panic (both fail the template alike).
  for (const name of [
    'append',
    'push',
    'prepend',
    'first',
    'last',
    'rest',
    'initial',
    'reverse',
    'uniq',
    'compact',
    'without',
    'has',
    'slice',
    'chunk',
    'merge',
    'mergeOverwrite',
    'deepCopy',
  ]) {
    const base = table[name];
    table[`must${name[0].toUpperCase()}${name.slice(1)}`] = { ...base, call: (args, ctx) => must(() => base.call(args, ctx)) };
  }
  return table;
}

function range(start: number, stop: number, step: number): GoValue[] {
  const out: GoValue[] = [];
  if (step === 0) return goSlice(out, 'int');
  if (Math.abs((stop - start) / step) > 10_000_000) panic(`until: ${Math.abs(stop - start)} items is more than this renderer allows`);
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(goInt(i));
  return goSlice(out, 'int');
}

function seq(p: number[]): GoValue {
  const [start, step, end] =
    p.length === 1 ? [1, 1, p[0]] : p.length === 2 ? [p[0], p[0] <= p[1] ? 1 : -1, p[1]] : p.length === 3 ? p : [0, 0, 0];
  if (p.length === 0 || p.length > 3) return '';
  const out: number[] = [];
  if (step === 0 || (step > 0 && start > end) || (step < 0 && start < end)) return '';
  if (Math.abs((end - start) / step) > 10_000_000) panic('seq: too many items');
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i);
  return out.join(' ');
}

export { GoInt };

// Conversions Sprig applies to its interface{} arguments: strval (fmt %v), strslice, spf13/cast's ToInt64/
// ToFloat64 (strings parsed, errors become 0), `empty` (the zero value of its type), reflect.DeepEqual, and
// Go string byte semantics.
import { formatValue } from '../template/fmt';
import { GoInt, GoObject, type GoValue, goSlice, goTypeName, sliceElemType } from '../template/value';
import { fromUtf8, utf8 } from '../template/gostring';

export { fromUtf8, utf8 };

/** Sprig's strval: strings and []byte as text, anything else through fmt %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return fromUtf8(v);
  return formatValue(v);
}

/** Sprig's strslice: a list's non-nil items as strings; a single value as a one-item list; nil as []. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(strval);
  if (v === null) return [];
  return [strval(v)];
}

export function asStringSlice(items: string[]): GoValue[] {
  return goSlice(items, 'string');
}

/** Go's strconv.ParseInt(s, 0, 64)-style parse used by spf13/cast (after trimming a ".0" decimal). */
function castParseInt(s: string): number | undefined {
  let t = s;
  if (/\.0*$/.test(t) && /^[+-]?\d+\.0*$/.test(t)) t = t.replace(/\.0*$/, '');
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(t);
  if (!m) return undefined;
  let body = m[2].replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  if (/^0[oO]/.test(body)) body = '0o' + body.slice(2);
  const n = Number(BigInt(body));
  return m[1] === '-' ? -n : n;
}

/** spf13/cast ToInt64 (errors give 0). */
export function toInt64(v: GoValue): number {
  if (v === null) return 0;
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return castParseInt(v) ?? 0;
  return 0;
}

/** spf13/cast ToFloat64 (errors give 0). */
export function toFloat64(v: GoValue): number {
  if (v === null) return 0;
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim() === v ? v : '';
    if (/^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t.replace(/_/g, ''));
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(t)) return NaN;
    return 0;
  }
  return 0;
}

/** Sprig's empty: the zero value of its type (nil, "", 0, false, empty containers); structs are never empty. */
export function isEmpty(v: GoValue): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
  }
  if (v instanceof GoInt) return v.value === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (v instanceof GoObject) return v.isNil;
  return false;
}

/** reflect.DeepEqual over Go values (types must match: int 1 is not float64 1). */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof GoInt && b instanceof GoInt) return a.value === b.value;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && sliceElemType(a) === sliceElemType(b) && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k) ?? null)) return false;
    return true;
  }
  return false;
}

// ---- Go strings are bytes ----

/** s[from:to] in bytes (Go slicing; a cut character leaves escaped bytes), for ASCII without re-encoding. */
export function byteSlice(s: string, from: number, to?: number): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.slice(from, to);
  return fromUtf8(utf8(s).subarray(from, to));
}

export function byteLength(s: string): number {
  return utf8(s).length;
}

/** A Go panic inside a function (Go's template turns it into "error calling X: ..."). */
export function panic(message: string): never {
  throw new Error(message);
}

/** The `[]interface {}` items of any Go slice (Sprig reflects over any slice type). */
export function sliceItems(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt(b, 'uint8'));
  return undefined;
}

/** reflect's Kind name for Sprig's error messages ("Cannot push on type map"). */
export function kindOf(v: GoValue): string {
  if (v === null) return 'invalid';
  if (v instanceof Map) return 'map';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return v.type;
  if (v instanceof Uint8Array) return 'slice';
  return v.typeName.startsWith('*') ? 'ptr' : 'struct';
}

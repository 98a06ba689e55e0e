// Go text/template's builtin functions (text/template/funcs.go) with Go's type rules: `eq` of an int and a
// float64 is "incompatible types for comparison", `len` counts bytes, `index` of a missing key is the zero
// value. (Sprig's `slice` replaces Go's in Helm's function map, see lists.ts.)
import { compareGoStrings, formatValue, sprint, sprintf, sprintln } from '../template/fmt';
import { type FunctionTable, fn, variadic } from '../template/function';
import { isTrue } from '../template/truth';
import { GoInt, GoObject, type GoValue, goInt, mapElemType, originOf, sliceElemType } from '../template/value';
import { utf8Length } from '../template/position';
import { utf8 } from '../template/gostring';

type Kind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'other';

function basicKind(v: GoValue): Kind {
  if (v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
  }
  if (v instanceof GoInt) return v.type.startsWith('u') ? 'uint' : 'int';
  return 'other';
}

function numeric(v: GoValue): number {
  return v instanceof GoInt ? v.value : (v as number);
}

/** Go's builtin eq: arg1 == arg2 || arg1 == arg3 ... */
export function goEq(a: GoValue, others: GoValue[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) truth = numeric(a) === numeric(b);
      else if (a !== null && b !== null) throw new Error('incompatible types for comparison');
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          truth = a === b;
          break;
        case 'float':
        case 'int':
        case 'uint':
          truth = numeric(a) === numeric(b);
          break;
        case 'invalid':
          truth = true;
          break;
        default:
          if (a instanceof Map || Array.isArray(a) || a instanceof Uint8Array) {
            throw new Error(`non-comparable type ${formatValue(a)}: ${typeNameOf(a)}`);
          }
          truth = a === b;
      }
    }
    if (truth) return true;
  }
  return false;
}

function typeNameOf(v: GoValue): string {
  if (Array.isArray(v)) return `[]${sliceElemType(v)}`;
  if (v instanceof Map) return 'map[string]interface {}';
  return 'unknown';
}

/** Go's builtin lt. */
export function goLt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new Error('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numeric(a) < numeric(b);
    throw new Error('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'string') return compareGoStrings(a as string, b as string) < 0;
  return numeric(a) < numeric(b);
}

function indexArg(index: GoValue, len: number, what = 'slice/array'): number {
  if (index === null) throw new Error(`cannot index ${what} with nil`);
  if (!(index instanceof GoInt)) {
    throw new Error(
      `cannot index ${what} with type ${typeof index === 'number' ? 'float64' : typeof index === 'string' ? 'string' : 'bool'}`,
    );
  }
  const x = index.value;
  if (x < 0 || x > len) throw new Error(`index out of range: ${x}`);
  return x;
}

/** Go's builtin index (maps, slices, strings; nested keys). */
export function goIndex(item: GoValue, indexes: GoValue[]): GoValue {
  let v = item;
  if (v === null) throw new Error('index of untyped nil');
  indexes.forEach((index, i) => {
    if (v === null) {
      if (i > 0) throw new Error('index of nil pointer');
    }
    if (Array.isArray(v) || typeof v === 'string' || v instanceof Uint8Array) {
      const bytes = typeof v === 'string' ? utf8(v) : v;
      const x = indexArg(index, bytes.length);
      if (x === bytes.length) throw new Error(`index out of range: ${x}`);
      v = Array.isArray(bytes) ? bytes[x] : goInt(bytes[x], 'uint8');
    } else if (v instanceof Map) {
      if (index === null) throw new Error('value is nil; should be of type string');
      if (typeof index !== 'string') throw new Error(`value has type ${typeName(index)}; should be string`);
      v = v.has(index) ? (v.get(index) ?? null) : mapElemType(v) === 'string' ? '' : null;
    } else if (v === null) {
      throw new Error('index of nil pointer');
    } else {
      throw new Error(`can't index item of type ${typeName(v)}`);
    }
  });
  return v;
}

function typeName(v: GoValue): string {
  if (v instanceof GoInt) return v.type;
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoObject) return v.typeName;
  return typeNameOf(v);
}

/** Go's builtin len (bytes for strings). */
export function goLen(v: GoValue): GoInt {
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return goInt(utf8Length(v));
  if (Array.isArray(v) || v instanceof Uint8Array) return goInt(v.length);
  if (v instanceof Map) return goInt(v.size);
  throw new Error(`len of type ${typeName(v)}`);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  return Array.from(utf8(s), (b) => {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
    if (c === ' ') return '+';
    return '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
}

/** text/template's evalArgs: one string argument as is, anything else through fmt.Sprint. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export function goFunctions(): FunctionTable {
  return {
    and: variadic(['reflect.Value', 'reflect.Value'], () => null, { shortCircuit: 'and' }),
    or: variadic(['reflect.Value', 'reflect.Value'], () => null, { shortCircuit: 'or' }),
    not: fn(['reflect.Value'], ([v]) => !isTrue(v)),
    eq: variadic(['reflect.Value', 'reflect.Value'], ([a, ...rest]) => goEq(a, rest)),
    ne: fn(['reflect.Value', 'reflect.Value'], ([a, b]) => !goEq(a, [b])),
    lt: fn(['reflect.Value', 'reflect.Value'], ([a, b]) => goLt(a, b)),
    le: fn(['reflect.Value', 'reflect.Value'], ([a, b]) => goLt(a, b) || goEq(a, [b])),
    gt: fn(['reflect.Value', 'reflect.Value'], ([a, b]) => !(goLt(a, b) || goEq(a, [b]))),
    ge: fn(['reflect.Value', 'reflect.Value'], ([a, b]) => !goLt(a, b)),
    len: fn(['reflect.Value'], ([v]) => goLen(v)),
    index: variadic(['reflect.Value', 'reflect.Value'], ([item, ...idx]) => goIndex(item, idx), {
      track: (args, result) => {
        // index of a map/slice keeps the origin of the entry it returns.
        let container = args[0].value;
        let via = args[0].via;
        for (let i = 1; i < args.length; i++) {
          const key = args[i].value;
          if (container instanceof Map && typeof key === 'string') {
            via = originOf(container, key);
            container = container.get(key) ?? null;
          } else if (Array.isArray(container) && key instanceof GoInt) {
            via = originOf(container, key.value);
            container = container[key.value] ?? null;
          } else return { value: result };
        }
        return { value: result, via };
      },
    }),
    print: variadic(['interface {}'], (args) => sprint(args)),
    printf: variadic(['string', 'interface {}'], ([format, ...args]) => sprintf(format as string, args)),
    println: variadic(['interface {}'], (args) => sprintln(args)),
    html: variadic(['interface {}'], (args) => htmlEscape(evalArgs(args))),
    js: variadic(['interface {}'], (args) => jsEscape(evalArgs(args))),
    urlquery: variadic(['interface {}'], (args) => queryEscape(evalArgs(args))),
    // No template value is a Go func (Helm's objects have none), so call only ever fails, as Go words it.
    call: variadic(['reflect.Value', 'reflect.Value'], ([f], ctx) => {
      if (f === null) throw new Error('call of nil');
      throw new Error(`non-function ${ctx.argNames[0]} of type ${typeName(f)}`);
    }),
  };
}

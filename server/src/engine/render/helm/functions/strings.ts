// Sprig's string functions (strings.go, defaults.go, conversions). Functions that only add indentation or cut
// the ends of their text (indent, nindent, trim*, quote) carry the text's origins through; the others make new
// text, which the action that prints it then owns.
import { goQuote, formatValue } from '../template/fmt';
import { type FunctionTable, type Traced, fn, variadic } from '../template/function';
import { indentSpans, shiftSpans, sliceSpans } from '../template/output';
import { GoInt, type GoValue, goInt, goSlice, goTypeName, typedMap } from '../template/value';
import { byteLength, byteSlice, deepEqual as deepEq, isEmpty, kindOf, strslice, strval, toFloat64, toInt64 } from './convert';

/** Origins of a string result that is `text` of the first traced string argument cut to [from, to). */
function cut(arg: Traced | undefined, from: number, to: number, result: GoValue): Traced {
  return {
    value: result,
    spans: sliceSpans(arg?.spans, from, to),
    via: from === 0 && to === String(arg?.value ?? '').length ? arg?.via : undefined,
  };
}

function trackTrim(trimmed: (s: string) => [number, number]): (args: Traced[], result: GoValue) => Traced {
  return (args, result) => {
    const arg = args[args.length - 1];
    if (typeof arg.value !== 'string' || !arg.spans) return { value: result, via: arg.value === result ? arg.via : undefined };
    const [from, to] = trimmed(arg.value);
    return cut(arg, from, to, result);
  };
}

function trimSpaceRange(s: string): [number, number] {
  const start = s.length - s.trimStart().length;
  return [start, start + s.trim().length];
}

function indent(spaces: number, v: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + v.replace(/\n/g, '\n' + pad);
}

function trackIndent(newline: boolean): (args: Traced[], result: GoValue) => Traced {
  return (args, result) => {
    const [n, text] = args;
    if (typeof text.value !== 'string') return { value: result };
    return { value: result, spans: indentSpans(text.value, text.spans, Math.max((n.value as GoInt).value, 0), newline) };
  };
}

function trackWrap(prefix: number): (args: Traced[], result: GoValue) => Traced {
  return (args, result) => {
    const live = args.filter((a) => a.value !== null);
    if (live.length !== 1 || typeof live[0].value !== 'string') return { value: result };
    const a = live[0];
    const text = a.value as string;
    // Only when quoting changed nothing inside (no escapes): the text is the argument shifted by one.
    if (String(result).length !== text.length + 2 * prefix) return { value: result };
    return { value: result, spans: shiftSpans(a.spans, prefix), via: a.via };
  };
}

/** Go's strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function substr(start: number, end: number, s: string): string {
  const len = byteLength(s);
  if (start < 0) return byteSlice(s, 0, checkBounds(end, len));
  if (end < 0 || end > len) return byteSlice(s, checkBounds(start, len));
  if (start > end) throw new Error(`runtime error: slice bounds out of range [${start}:${end}]`);
  return byteSlice(s, start, end);
}

function checkBounds(i: number, len: number): number {
  if (i > len || i < 0) throw new Error(`runtime error: slice bounds out of range [:${i}] with length ${len}`);
  return i;
}

function trunc(c: number, s: string): string {
  const len = byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function splitGo(sep: string, s: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n > 0 && chars.length > n) return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
    return chars;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function splitMap(parts: string[]): Map<string, GoValue> {
  const m = new Map<string, GoValue>();
  parts.forEach((p, i) => m.set(`_${i}`, p));
  return typedMap(m, 'map[string]string');
}

function wordCase(s: string, join: string, upperFirst: boolean, lowerRest: boolean): string {
  const words = s.split(/[\s_\-.]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '');
  return words
    .map((w, i) => {
      const rest = lowerRest ? w.slice(1).toLowerCase() : w.slice(1);
      return (upperFirst || i > 0 ? w[0].toUpperCase() : w[0].toLowerCase()) + rest;
    })
    .join(join);
}

function wrap(width: number, s: string, newline = '\n'): string {
  // Sprig's goutils.WrapCustom: break at spaces so that lines stay within `width`.
  const lines = s.split('\n');
  return lines
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current === '') current = word;
        else if (current.length + 1 + word.length <= width) current += ' ' + word;
        else {
          out.push(current);
          current = word;
        }
      }
      out.push(current);
      return out.join(newline);
    })
    .join('\n');
}

export function stringFunctions(): FunctionTable {
  const s1 = (f: (s: string) => GoValue) => fn(['string'], ([s]) => f(s as string));
  return {
    upper: s1((s) => s.toUpperCase()),
    lower: s1((s) => s.toLowerCase()),
    title: s1(title),
    untitle: s1((s) => s.replace(/(^|\s)(\S)/g, (_m, a: string, c: string) => a + c.toLowerCase())),
    trim: fn(['string'], ([s]) => (s as string).trim(), { track: trackTrim(trimSpaceRange) }),
    trimPrefix: fn(
      ['string', 'string'],
      ([p, s]) => ((s as string).startsWith(p as string) ? (s as string).slice((p as string).length) : s),
      {
        track: (args, result) => {
          const s = args[1].value as string;
          return cut(args[1], s.length - (result as string).length, s.length, result);
        },
      },
    ),
    trimSuffix: fn(
      ['string', 'string'],
      ([x, s]) => (x !== '' && (s as string).endsWith(x as string) ? (s as string).slice(0, -(x as string).length) : s),
      {
        track: (args, result) => cut(args[1], 0, (result as string).length, result),
      },
    ),
    nospace: s1((s) => s.replace(/\s/g, '')),
    repeat: fn(['int', 'string'], ([n, s]) => {
      const count = (n as GoInt).value;
      if (count < 0) throw new Error('strings: negative Repeat count');
      if (count * (s as string).length > 64 * 1024 * 1024) throw new Error('strings: Repeat output length overflow');
      return (s as string).repeat(count);
    }),
    substr: fn(['int', 'int', 'string'], ([a, b, s]) => substr((a as GoInt).value, (b as GoInt).value, s as string)),
    trunc: fn(['int', 'string'], ([c, s]) => trunc((c as GoInt).value, s as string), {
      track: (args, result) => {
        const s = args[1].value as string;
        const r = result as string;
        return s.endsWith(r) && !s.startsWith(r) ? cut(args[1], s.length - r.length, s.length, r) : cut(args[1], 0, r.length, r);
      },
    }),
    abbrev: fn(['int', 'string'], ([w, s]) => abbrev((w as GoInt).value, s as string)),
    abbrevboth: fn(['int', 'int', 'string'], ([l, r, s]) => abbrevBoth((l as GoInt).value, (r as GoInt).value, s as string)),
    initials: s1((s) =>
      s
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => [...w][0])
        .join(''),
    ),
    contains: fn(['string', 'string'], ([sub, s]) => (s as string).includes(sub as string)),
    hasPrefix: fn(['string', 'string'], ([p, s]) => (s as string).startsWith(p as string)),
    hasSuffix: fn(['string', 'string'], ([p, s]) => (s as string).endsWith(p as string)),
    quote: variadic(
      ['interface {}'],
      (args) =>
        args
          .filter((a) => a !== null)
          .map((a) => goQuote(strval(a)))
          .join(' '),
      { track: trackWrap(1) },
    ),
    squote: variadic(
      ['interface {}'],
      (args) =>
        args
          .filter((a) => a !== null)
          .map((a) => `'${strval(a)}'`)
          .join(' '),
      { track: trackWrap(1) },
    ),
    cat: variadic(['interface {}'], (args) =>
      args
        .filter((a) => a !== null)
        .map((a) => formatValue(a))
        .join(' '),
    ),
    indent: fn(['int', 'string'], ([n, s]) => indent((n as GoInt).value, s as string), { track: trackIndent(false) }),
    nindent: fn(['int', 'string'], ([n, s]) => '\n' + indent((n as GoInt).value, s as string), { track: trackIndent(true) }),
    replace: fn(['string', 'string', 'string'], ([o, n, s]) => replaceAll(s as string, o as string, n as string)),
    plural: fn(['string', 'string', 'int'], ([one, many, n]) => ((n as GoInt).value === 1 ? one : many)),
    snakecase: s1((s) => snake(s, '_')),
    kebabcase: s1((s) => snake(s, '-')),
    camelcase: s1((s) => wordCase(s, '', true, false)),
    swapcase: s1((s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
    wrap: fn(['int', 'string'], ([w, s]) => wrap((w as GoInt).value, s as string)),
    wrapWith: fn(['int', 'string', 'string'], ([w, sep, s]) => wrap((w as GoInt).value, s as string, sep as string)),
    split: fn(['string', 'string'], ([sep, s]) => splitMap(splitGo(sep as string, s as string))),
    splitn: fn(['string', 'int', 'string'], ([sep, n, s]) => splitMap(splitGo(sep as string, s as string, (n as GoInt).value))),
    splitList: fn(['string', 'string'], ([sep, s]) => goSlice(splitGo(sep as string, s as string), 'string')),
    toString: fn(['interface {}'], ([v]) => strval(v)),
    toStrings: fn(['interface {}'], ([v]) => goSlice(strslice(v), 'string')),
    join: fn(['string', 'interface {}'], ([sep, v]) => strslice(v).join(sep as string)),
    toDecimal: fn(['interface {}'], ([v]) => {
      const n = parseInt(strval(v), 8);
      return goInt(Number.isNaN(n) ? 0 : n, 'int64');
    }),
    atoi: fn(['string'], ([s]) => goInt(/^[+-]?\d+$/.test(s as string) ? Number(s) : 0)),
    int: fn(['interface {}'], ([v]) => goInt(toInt64(v))),
    int64: fn(['interface {}'], ([v]) => goInt(toInt64(v), 'int64')),
    float64: fn(['interface {}'], ([v]) => toFloat64(v)),
    toBool: fn(['interface {}'], ([v]) => castBool(v)),
    default: variadic(['interface {}', 'interface {}'], ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0])),
    empty: fn(['interface {}'], ([v]) => isEmpty(v)),
    coalesce: variadic(['interface {}'], (args) => args.find((a) => !isEmpty(a)) ?? null),
    all: variadic(['interface {}'], (args) => args.every((a) => !isEmpty(a))),
    any: variadic(['interface {}'], (args) => args.some((a) => !isEmpty(a))),
    ternary: fn(['interface {}', 'interface {}', 'bool'], ([t, f, c]) => (c ? t : f)),
    typeOf: fn(['interface {}'], ([v]) => goTypeName(v)),
    typeIs: fn(['string', 'interface {}'], ([t, v]) => goTypeName(v) === t),
    typeIsLike: fn(['string', 'interface {}'], ([t, v]) => goTypeName(v) === t || `*${goTypeName(v)}` === t),
    kindOf: fn(['interface {}'], ([v]) => goKind(v)),
    kindIs: fn(['string', 'interface {}'], ([k, v]) => goKind(v) === k),
    deepEqual: fn(['interface {}', 'interface {}'], ([a, b]) => deepEq(a, b)),
    shuffle: s1((s) => shuffle(s)),
    ...byteFunctions(),
  };
}

function goKind(v: GoValue): string {
  return kindOf(v);
}

function castBool(v: GoValue): boolean {
  if (typeof v === 'boolean') return v;
  if (v instanceof GoInt) return v.value !== 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
  return false;
}

function shuffle(s: string): string {
  const chars = [...s];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') {
    // Go's strings.Replace with an empty old inserts at every rune boundary.
    const chars = [...s];
    return replacement + chars.map((c) => c + replacement).join('');
  }
  return s.split(old).join(replacement);
}

function snake(s: string, sep: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, `$1${sep}$2`)
    .replace(/([A-Z]+)([A-Z][a-z])/g, `$1${sep}$2`)
    .replace(/[\s_-]+/g, sep)
    .toLowerCase();
}

function abbrev(width: number, s: string): string {
  if (width < 4) return s;
  if (s.length <= width) return s;
  return s.slice(0, width - 3) + '...';
}

function abbrevBoth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  let str = s;
  if (left > 0 && left < str.length) str = '...' + str.slice(left);
  return abbrev(right, str);
}

/** strings.Trim with a cutset. */
function trimChars(s: string, cutset: string, left: boolean, right: boolean): string {
  const [a, b] = trimRange(s, cutset, left, right);
  return s.slice(a, b);
}

function trimRange(s: string, cutset: string, left: boolean, right: boolean): [number, number] {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && cutset.includes(s[a])) a++;
  if (right) while (b > a && cutset.includes(s[b - 1])) b--;
  return [a, b];
}

function byteFunctions(): FunctionTable {
  return {
    // trimAll needs its cutset for the origin rule; done here with both arguments.
    trimAll: fn(['string', 'string'], ([c, s]) => trimChars(s as string, c as string, true, true), {
      track: (args, result) => {
        const [a] = trimRange(args[1].value as string, args[0].value as string, true, true);
        return cut(args[1], a, a + (result as string).length, result);
      },
    }),
  };
}

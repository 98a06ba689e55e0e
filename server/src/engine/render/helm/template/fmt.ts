// Go's fmt for the values templates print: `%v` (what an action prints), Sprint/Sprintln spacing, and Sprintf
// with the verbs charts use. Maps print with sorted keys (`map[a:1 b:2]`), slices as `[a b]`, nil as `<nil>`,
// float64 as strconv's shortest 'g' with fmt's exponent threshold (1000000 -> 1e+06).
import { escapedByte, fromUtf8, utf8 } from './gostring';
import { GoInt, GoObject, type GoValue, goTypeName } from './value';

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v uses it. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  // strconv 'g' with the shortest precision uses %e when the exponent is < -4 or >= 6 (eprec = 6).
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f); // JS prints plain digits in this range, with the same shortest digits
}

/** Go's %v of a value (fmt.Sprint of one operand). */
export function formatValue(v: GoValue, verb = 'v'): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return String(v);
    case 'number':
      return formatFloatG(v);
  }
  if (v instanceof GoInt) return String(v.value);
  if (v instanceof Uint8Array) return `[${Array.from(v).join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, verb)).join(' ')}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${formatValue(v.get(k) ?? null, verb)}`).join(' ')}]`;
  }
  return formatObject(v);
}

function formatObject(o: GoObject): string {
  if (o.format) return o.format();
  if (o.isNil) return '<nil>';
  const inner = `{${[...o.fields.values()].map((f) => formatValue(f)).join(' ')}}`;
  return o.typeName.startsWith('*') ? `&${inner}` : inner;
}

/** Byte-wise comparison of Go strings (UTF-16 order differs for astral characters only). */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintln: spaces always, newline at the end. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatValue(a)).join(' ') + '\n';
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote (Go's %q of a string). */
export function goQuote(s: string): string {
  let out = '"';
  let i = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const raw = escapedByte(s, i);
    i += ch.length;
    if (raw !== undefined) out += '\\x' + raw.toString(16).padStart(2, '0');
    else if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (!GO_PRINTABLE.test(ch)) out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

/** fmt.Sprintf with Go's verbs, flags, width and precision, and Go's `%!verb(type=value)` for mismatches. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argNum = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNum = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argNum++];
        return a instanceof GoInt ? a.value : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNum();
    if (format[i] === '.') {
      i++;
      spec.prec = readNum() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = format[i++];
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(args[argNum++], verb, spec);
  }
  if (argNum < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argNum)
        .map((a) => `${goTypeName(a)}=${formatValue(a)}`)
        .join(', ') +
      ')';
  }
  return out;
}

function pad(s: string, spec: Spec, numeric = false): string {
  const w = spec.width ?? 0;
  const len = [...s].length;
  if (len >= w) return s;
  if (spec.minus) return s + ' '.repeat(w - len);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(w - len) + s.slice(sign.length);
  }
  return ' '.repeat(w - len) + s;
}

function bad(v: GoValue, verb: string): string {
  return v === null ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function formatOne(v: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec);
  if (verb === 'v') {
    if (typeof v === 'number') return pad(withSign(formatFloatG(v), spec), spec, true);
    if (v instanceof GoInt) return pad(withSign(String(v.value), spec), spec, true);
    if (spec.sharp && typeof v === 'string') return pad(goQuote(v), spec);
    return pad(formatValue(v), spec);
  }
  if (Array.isArray(v) && verb !== 's' && verb !== 'q' && verb !== 'x' && verb !== 'X') {
    return `[${v.map((x) => formatOne(x, verb, { ...spec, width: undefined })).join(' ')}]`;
  }
  if (Array.isArray(v) || v instanceof Map) {
    if (v instanceof Map) {
      const keys = [...v.keys()].sort(compareGoStrings);
      return `map[${keys.map((k) => `${formatOne(k, verb, spec)}:${formatOne(v.get(k) ?? null, verb, spec)}`).join(' ')}]`;
    }
    return `[${v.map((x) => formatOne(x, verb, spec)).join(' ')}]`;
  }
  switch (verb) {
    case 's':
      if (typeof v === 'string') return pad(spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v, spec);
      if (v instanceof Uint8Array) return pad(fromUtf8(v), spec);
      if (v instanceof GoObject && v.format) return pad(v.format(), spec);
      return bad(v, verb);
    case 'q':
      if (typeof v === 'string') return pad(goQuote(v), spec);
      if (v instanceof GoInt) return pad(`'${String.fromCodePoint(v.value)}'`, spec);
      return bad(v, verb);
    case 'd':
      if (v instanceof GoInt) return pad(withSign(String(v.value), spec), spec, true);
      return bad(v, verb);
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const radix = verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      if (v instanceof GoInt) {
        let s = Math.abs(v.value).toString(radix);
        if (verb === 'X') s = s.toUpperCase();
        if (spec.sharp && radix === 16) s = (verb === 'X' ? '0X' : '0x') + s;
        return pad((v.value < 0 ? '-' : '') + s, spec, true);
      }
      if ((typeof v === 'string' || v instanceof Uint8Array) && radix === 16) {
        const bytes = typeof v === 'string' ? utf8(v) : v;
        let s = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
        if (verb === 'X') s = s.toUpperCase();
        return pad(s, spec);
      }
      return bad(v, verb);
    }
    case 'c':
      if (v instanceof GoInt) return pad(String.fromCodePoint(v.value), spec);
      return bad(v, verb);
    case 't':
      if (typeof v === 'boolean') return pad(String(v), spec);
      return bad(v, verb);
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (typeof v !== 'number') return bad(v, verb);
      return pad(withSign(formatFloatVerb(v, verb, spec.prec), spec), spec, true);
    }
  }
  return bad(v, verb);
}

function withSign(s: string, spec: Spec): string {
  if (s.startsWith('-')) return s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function formatFloatVerb(f: number, verb: string, prec: number | undefined): string {
  if (!Number.isFinite(f)) return formatFloatG(f);
  switch (verb) {
    case 'f':
    case 'F':
      return f.toFixed(prec ?? 6);
    case 'e':
    case 'E': {
      const s = f.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return verb === 'E' ? s.toUpperCase() : s;
    }
    default: {
      if (prec === undefined) return verb === 'G' ? formatFloatG(f).toUpperCase() : formatFloatG(f);
      const p = prec === 0 ? 1 : prec;
      const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(f.toPrecision(p)))));
      let s: string;
      if (exp < -4 || exp >= p) {
        s = Number(f.toPrecision(p))
          .toExponential()
          .replace(/e([+-])(\d)$/, 'e$10$2');
      } else s = String(Number(f.toPrecision(p)));
      return verb === 'G' ? s.toUpperCase() : s;
    }
  }
}

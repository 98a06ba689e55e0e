// Sprig's regex functions over Go's RE2 syntax, translated to JavaScript where the two differ ((?P<name>,
// \A, \z, \Q...\E, POSIX classes, flags) and refused with a clear error where JavaScript cannot express it.
// Replacement templates use Go's Expand rules ($1, ${1}, $name, $$).
import { type FunctionTable, fn } from '../template/function';
import { type GoInt, type GoValue, goSlice } from '../template/value';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** Compiles a Go regexp as a global JS RegExp; throws Go-like "error parsing regexp" messages. */
export function compileGoRegexp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return new RegExp(hit.source, hit.flags);
  let src = pattern;
  let flags = 'gu';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('U')) throw new Error(`error parsing regexp: the (?U) flag is not supported by this renderer: \`${pattern}\``);
    if (lead[1].includes('i')) flags += 'i';
    if (lead[1].includes('m')) flags += 'm';
    if (lead[1].includes('s')) flags += 's';
    src = src.slice(lead[0].length);
  }
  if (/\(\?[imsU-]+[:)]/.test(src)) {
    throw new Error(`error parsing regexp: inline flag groups are not supported by this renderer: \`${pattern}\``);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new Error(`error parsing regexp: trailing backslash at end of expression: \`\``);
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = src.slice(i + 2, end < 0 ? undefined : end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (n === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (n === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (/[pP]/.test(n) && src[i + 2] !== '{') {
        out += `\\${n}{${src[i + 2]}}`;
        i += 1;
      } else if (/[A-Za-z0-9]/.test(n)) out += '\\' + n;
      else out += /[\\^$.*+?()[\]{}|/]/.test(n) || (inClass && n === '-') ? '\\' + n : n === '-' ? '\\x2d' : n;
      i++;
      continue;
    }
    if (inClass && c === '[' && src[i + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      if (m && POSIX[m[2]]) {
        if (m[1]) throw new Error(`error parsing regexp: negated POSIX classes are not supported by this renderer: \`${pattern}\``);
        out += POSIX[m[2]];
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '[' && !inClass) {
      inClass = true;
      out += c;
      // A ']' (or '^]') right after the opening bracket is a literal in Go.
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (inClass && c === ']') inClass = false;
    else if (!inClass && c === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += inClass && c === '[' ? '\\[' : c;
  }
  let re: RegExp;
  try {
    re = new RegExp(out, flags);
  } catch (e) {
    throw new Error(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}: \`${pattern}\``, { cause: e });
  }
  cache.set(pattern, re);
  return new RegExp(re.source, re.flags);
}

/** Go's Regexp.Expand template syntax for ReplaceAllString. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, d: string, braced?: string, bare?: string) => {
    if (d === '$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(re)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function findAll(re: RegExp, s: string, n: number): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(re)) {
    if (n >= 0 && out.length >= n) break;
    out.push(m[0]);
  }
  return out;
}

function split(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source === '(?:)' && s.length > 0) return [...s];
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (n > 0 && out.length === n - 1) break;
    if (m[0] === '' && (m.index === 0 || m.index === s.length)) continue;
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

export function regexFunctions(): FunctionTable {
  const str = (v: GoValue): string => v as string;
  const int = (v: GoValue): number => (v as GoInt).value;
  const base: FunctionTable = {
    regexMatch: fn(['string', 'string'], ([r, s]) => compileGoRegexp(str(r)).test(str(s))),
    regexFind: fn(['string', 'string'], ([r, s]) => compileGoRegexp(str(r)).exec(str(s))?.[0] ?? ''),
    regexFindAll: fn(['string', 'string', 'int'], ([r, s, n]) => goSlice(findAll(compileGoRegexp(str(r)), str(s), int(n)), 'string')),
    regexReplaceAll: fn(['string', 'string', 'string'], ([r, s, t]) =>
      replaceAll(compileGoRegexp(str(r)), str(s), (m) => expand(str(t), m)),
    ),
    regexReplaceAllLiteral: fn(['string', 'string', 'string'], ([r, s, t]) => replaceAll(compileGoRegexp(str(r)), str(s), () => str(t))),
    regexSplit: fn(['string', 'string', 'int'], ([r, s, n]) => goSlice(split(compileGoRegexp(str(r)), str(s), int(n)), 'string')),
    regexQuoteMeta: fn(['string'], ([s]) => str(s).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
  };
  // regexMatch swallows a bad pattern (false); the must* forms and the others fail (Go's MustCompile panics).
  const lenient = base.regexMatch;
  base.regexMatch = {
    ...lenient,
    call: (args, ctx) => {
      try {
        return lenient.call(args, ctx);
      } catch {
        return false;
      }
    },
  };
  for (const name of ['regexMatch', 'regexFind', 'regexFindAll', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit']) {
    base[`must${name[0].toUpperCase()}${name.slice(1)}`] = name === 'regexMatch' ? lenient : base[name];
  }
  return base;
}

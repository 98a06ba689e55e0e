// Sprig's regex functions over Go's RE2 syntax (translated to JavaScript by re2.ts).
// Replacement templates use Go's Expand rules ($1, ${1}, $name, $$).
import { type FunctionTable, fn } from '../template/function';
import { type GoInt, type GoValue, goSlice } from '../template/value';
import { translateGoRegexp } from './re2';

const cache = new Map<string, RegExp>();

/** Compiles a Go regexp as a global JS RegExp; throws Go-like "error parsing regexp" messages. */
export function compileGoRegexp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return new RegExp(hit.source, hit.flags);
  const { source, flags } = translateGoRegexp(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source, `g${flags}`);
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

// BurntSushi/toml's encoder as Helm's toToml uses it: plain keys first, then sub-tables and arrays of tables,
// keys sorted; an error gives its message as the result, as Helm does.
import { formatFloatG } from '../template/fmt';
import { GoInt, type GoMap, type GoValue } from '../template/value';

function quoteKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

function tomlString(s: string): string {
  return (
    '"' +
    // eslint-disable-next-line no-control-regex
    s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
      const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
      return named[c] ?? '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    }) +
    '"'
  );
}

function isTable(v: GoValue): v is GoMap {
  return v instanceof Map;
}

function isTableArray(v: GoValue): v is GoMap[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof Map);
}

function inline(v: GoValue): string {
  if (v === null) throw new Error('toml: cannot encode a nil value');
  if (typeof v === 'string') return tomlString(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return String(v.value);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    const s = formatFloatG(v);
    return /[.eE]/.test(s) || /inf|nan/.test(s) ? s.replace(/e\+?/, 'e') : s + '.0';
  }
  if (Array.isArray(v)) return '[' + v.map(inline).join(', ') + ']';
  if (v instanceof Map) {
    return (
      '{' +
      [...v.keys()]
        .sort()
        .map((k) => `${quoteKey(k)} = ${inline(v.get(k) ?? null)}`)
        .join(', ') +
      '}'
    );
  }
  throw new Error('toml: unsupported type');
}

export function marshalToml(v: GoValue): string {
  if (!(v instanceof Map)) return 'toml: top-level values must be Go maps or structs';
  try {
    let out = '';
    const table = (m: GoMap, path: string[], indent: string): void => {
      const keys = [...m.keys()].sort();
      for (const k of keys) {
        const x = m.get(k) ?? null;
        if (x === null || isTable(x) || isTableArray(x)) continue;
        out += `${indent}${quoteKey(k)} = ${inline(x)}\n`;
      }
      for (const k of keys) {
        const x = m.get(k) ?? null;
        const p = [...path, quoteKey(k)];
        if (isTable(x)) {
          out += `\n${indent}[${p.join('.')}]\n`;
          table(x, p, indent + '  ');
        } else if (isTableArray(x)) {
          for (const item of x) {
            out += `\n${indent}[[${p.join('.')}]]\n`;
            table(item, p, indent + '  ');
          }
        }
      }
    };
    table(v, [], '');
    return out.replace(/^\n/, '');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

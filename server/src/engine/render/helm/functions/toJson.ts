// Go's encoding/json Marshal of Go values, byte for byte: map keys sorted bytewise, struct fields in their
// order (jsonView.ts), Go's number formatting, HTML escaping, invalid UTF-8 as U+FFFD.
import { formatFloatG } from '../template/fmt';
import { GoInt, GoObject, type GoValue, formatJsonNumber } from '../template/value';
import { jsonObjectView } from './jsonView';

export class JsonError extends Error {}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      out += ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : '\\u00' + c.toString(16).padStart(2, '0');
    } else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else if (c >= 0xd800 && c < 0xdc00 && !(s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) < 0xe000)) out += '\\ufffd';
    else if (c >= 0xdc00 && c < 0xe000 && !(s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) < 0xdc00)) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

export function base64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** json.Marshal (compact), with Go's HTML escaping unless `escapeHtml` is false; `indent` for MarshalIndent. */
export function marshalJson(v: GoValue, escapeHtml = true, indent = ''): string {
  const parts: string[] = [];
  let depth = 0;
  const nl = (d: number): string => (indent ? '\n' + indent.repeat(d) : '');
  const walk = (x: GoValue): void => {
    if (++depth > 10000) throw new JsonError('json: unsupported value: encountered a cycle');
    if (x === null) parts.push('null');
    else if (typeof x === 'boolean') parts.push(String(x));
    else if (typeof x === 'string') parts.push(jsonString(x, escapeHtml));
    else if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new JsonError(`json: unsupported value: ${formatFloatG(x)}`);
      parts.push(formatJsonNumber(x));
    } else if (x instanceof GoInt) parts.push(String(x.value));
    else if (x instanceof Uint8Array) parts.push(jsonString(base64(x), escapeHtml));
    else if (Array.isArray(x)) {
      if (x.length === 0) parts.push('[]');
      else {
        parts.push('[');
        x.forEach((item, i) => {
          if (i > 0) parts.push(',');
          parts.push(nl(depth));
          walk(item);
        });
        parts.push(nl(depth - 1) + ']');
      }
    } else if (x instanceof Map || x instanceof GoObject) {
      const m = x instanceof GoObject ? jsonObjectView(x) : x;
      if (m === null || typeof m === 'string') walk(m);
      else {
        // Maps are written with sorted keys, structs in their fields' order.
        const keys = x instanceof Map ? [...m.keys()].sort() : [...m.keys()];
        if (keys.length === 0) parts.push('{}');
        else {
          parts.push('{');
          keys.forEach((k, i) => {
            if (i > 0) parts.push(',');
            parts.push(nl(depth) + jsonString(k, escapeHtml) + (indent ? ': ' : ':'));
            walk(m.get(k) ?? null);
          });
          parts.push(nl(depth - 1) + '}');
        }
      }
    }
    depth--;
  };
  walk(v);
  return parts.join('');
}

// The name suffix kustomize gives generated ConfigMaps and Secrets: SHA-256 of a JSON encoding (Go's
// encoding/json: sorted keys, HTML characters escaped) of kind, data and type, the first ten hex digits with
// 0, 1, 3, a and e swapped for letters.
import { sha256Hex } from '../sha256';
import { type KNode, field, isMap } from './tree';

/** Go's encoding/json string encoding (HTML-safe: <, >, & and U+2028/U+2029 escaped). */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's encoding/json of plain values (maps with keys sorted bytewise). */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareUtf8);
  return `{${keys.map((key) => `${goJsonString(key)}:${goJson(record[key])}`).join(',')}}`;
}

function compareUtf8(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

/** Kustomize's ten-character encoding of a hex digest. */
export function encodeHash(hex: string): string {
  const swaps: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swaps[c] ?? c).join('');
}

/** The value kustomize's hasher reads at a field: a map's entries (as strings), else the scalar text, else "". */
function hashField(node: KNode, key: string): unknown {
  const value = field(node, key);
  if (value === undefined) return '';
  if (value.kind === 'scalar') return value.text;
  if (isMap(value)) {
    const result: Record<string, unknown> = {};
    for (const entry of value.entries) result[entry.key] = entry.value.kind === 'scalar' ? entry.value.value : null;
    return result;
  }
  return null;
}

/** The hash suffix of a generated ConfigMap or Secret (its name does not take part: kustomize looks it up wrongly). */
export function kustomizeHash(kind: string, node: KNode): string {
  let encoded: Record<string, unknown>;
  if (kind === 'Secret') {
    encoded = { kind: 'Secret', type: hashField(node, 'type'), name: '', data: hashField(node, 'data') };
    const stringData = hashField(node, 'stringData');
    if (stringData !== null && typeof stringData === 'object') encoded.stringData = stringData;
  } else {
    encoded = { kind: 'ConfigMap', name: '', data: hashField(node, 'data') };
    const binaryData = hashField(node, 'binaryData');
    if (binaryData !== null && typeof binaryData === 'object') encoded.binaryData = binaryData;
  }
  return encodeHash(sha256Hex(new TextEncoder().encode(goJson(encoded))));
}

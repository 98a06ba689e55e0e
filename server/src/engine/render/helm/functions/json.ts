// encoding/json Unmarshal into interface{}: objects become maps, numbers float64; errors in Go's wording
// where it is cheap to match.
import { type GoMap, type GoValue, goSlice } from '../template/value';

export function parseJson(text: string): GoValue {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    if (text.trim() === '') throw new Error('unexpected end of JSON input', { cause: e });
    throw new Error(`invalid character in JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return fromJs(raw);
}

function fromJs(v: unknown): GoValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return goSlice(v.map(fromJs));
  const m: GoMap = new Map();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, fromJs(x));
  return m;
}

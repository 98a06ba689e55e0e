// Values files and YAML text as Go values, the way Helm reads them (sigs.k8s.io/yaml: go-yaml v2 resolves plain
// scalars, then everything goes through JSON, so numbers are float64 and keys strings), with the origin of
// each entry; and Go's number syntax and JSON number formatting that goes with it.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Node as YamlNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { SourceRange } from '../../../model/origin';
import { GoInt, type GoMap, type GoValue, originOf, setOrigin } from './value';

/** Thrown by valuesFromYaml: Helm's wording for a values file that is not YAML (or not a map). */
export class ValuesError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/**
 * Parses a values file as Helm does (sigs.k8s.io/yaml: YAML converted to JSON, so numbers become float64,
 * keys strings, anchors and merge keys resolved), recording where each entry's value node is in `file`.
 * An empty document is an empty map.
 */
export function valuesFromYaml(text: string, file: string): GoMap {
  const value = yamlToGo(text, file, true);
  if (value === null) return new Map();
  if (!(value instanceof Map)) {
    throw new ValuesError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`,
      file,
    );
  }
  return value;
}

function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

/**
 * Decodes the first YAML document of a text the way sigs.k8s.io/yaml does: go-yaml v2 resolves plain scalars (YAML 1.1 booleans
 * such as `yes`/`off`, Go integer syntax, timestamps kept as strings, merge keys), then everything goes through
 * JSON (numbers become float64, keys strings). With `file`, records origins. Throws ValuesError.
 */
export function yamlToGo(text: string, file: string | undefined, recordOrigins: boolean): GoValue {
  const lineCounter = new LineCounter();
  const options = { schema: 'failsafe', merge: false, uniqueKeys: false, lineCounter, strict: false, prettyErrors: false } as const;
  // go-yaml v2's Unmarshal decodes the first document of a stream and never looks at the others.
  const docs = parseAllDocuments(text, options);
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc === undefined) return null;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ValuesError(`error converting YAML to JSON: yaml: line ${pos.line}: ${e.message.split('\n')[0]}`, file ?? '', e.pos[0]);
  }
  const where = (n: YamlNode | null): SourceRange | undefined =>
    recordOrigins && file !== undefined && n?.range ? { file, start: n.range[0], end: n.range[1] } : undefined;
  const active = new Set<unknown>();
  const convert = (raw: unknown): GoValue => {
    const node = resolveAlias(raw);
    if (node === null || node === undefined) return null;
    if (isMap(node) || isSeq(node)) {
      // An alias cycle (an anchor used inside itself) would never end.
      if (active.has(node)) throw new ValuesError('error converting YAML to JSON: yaml: anchor cycle', file ?? '');
      active.add(node);
      try {
        return isMap(node) ? convertMap(node) : convertSeq(node);
      } finally {
        active.delete(node);
      }
    }
    if (isScalar(node)) return scalarToGo(node);
    return null;
  };
  const convertMap = (node: YAMLMap): GoMap => {
    const out: GoMap = new Map();
    for (const pair of node.items) {
      const keyNode = resolveAlias(pair.key);
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && !keyNode.tag && keyNode.value === '<<') {
        mergeInto(out, pair.value);
        continue;
      }
      const key = mapKey(isScalar(keyNode) ? scalarToGo(keyNode) : keyNode === null ? null : '{}', file);
      const valueNode = resolveAlias(pair.value) as YamlNode | null;
      out.set(key, convert(valueNode));
      setOrigin(out, key, where(valueNode));
    }
    return out;
  };
  // go-yaml v2: `<<: *a` or `<<: [*a, *b]` sets the merged maps' entries at that point (earlier maps of a list win).
  const mergeInto = (out: GoMap, value: unknown): void => {
    const source = resolveAlias(value);
    const maps = isSeq(source) ? [...source.items].reverse() : [source];
    for (const m of maps) {
      const merged = convert(m);
      if (!(merged instanceof Map)) {
        throw new ValuesError('error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value', file ?? '');
      }
      for (const [k, v] of merged) {
        out.set(k, v);
        setOrigin(out, k, originOf(merged, k));
      }
    }
  };
  const convertSeq = (node: YAMLSeq): GoValue[] => {
    const out: GoValue[] = [];
    node.items.forEach((item, i) => {
      const n = resolveAlias(item) as YamlNode | null;
      out.push(convert(n));
      setOrigin(out, i, where(n));
    });
    return out;
  };
  const resolveAlias = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  return convert(doc.contents);
}

/** sigs.k8s.io/yaml's conversion of a map key to a JSON object key. */
function mapKey(key: GoValue, file: string | undefined): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return String(key);
  if (typeof key === 'number') {
    if (Number.isNaN(key)) return '.nan';
    if (!Number.isFinite(key)) return key > 0 ? '.inf' : '-.inf';
    return Number.isInteger(key) && Math.abs(key) < 2 ** 63 ? String(key) : formatFloat32g(key);
  }
  throw new ValuesError(`error converting YAML to JSON: unsupported map key of type: ${key === null ? '<nil>' : 'map'}`, file ?? '');
}

function formatFloat32g(n: number): string {
  const s = String(Math.fround(n) === n ? n : Number(Math.fround(n).toPrecision(9)));
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const RESOLVE_MAP = new Map<string, GoValue>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, GoValue] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, GoValue] => [s, false]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, GoValue] => [s, null]),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, GoValue] => [s, NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, GoValue] => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, GoValue] => [s, -Infinity]),
]);

function scalarToGo(node: Scalar): GoValue {
  const text = String(node.value);
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str' || tag === '!!str') return text;
  if (node.type !== 'PLAIN' && !tag) return text;
  if (tag && !/^(tag:yaml\.org,2002:|!!)(int|float|bool|null)$/.test(tag)) return text;
  const v = resolvePlainScalar(text);
  if (tag && /float$/.test(tag) && v instanceof GoInt) return v.value;
  return v instanceof GoInt ? v.value : v;
}

/** go-yaml v2's resolve() of a plain scalar (integers come back as GoInt; JSON later makes them float64). */
export function resolvePlainScalar(s: string): GoValue | GoInt {
  if (RESOLVE_MAP.has(s)) return RESOLVE_MAP.get(s) ?? null;
  const c = s[0];
  if (c === '.') {
    const f = parseGoFloat(s);
    return f === undefined ? s : f;
  }
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    const plain = s.replace(/_/g, '');
    const i = parseGoInt(plain);
    if (i !== undefined) return new GoInt(i, 'int');
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== undefined) return f;
    }
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64) (and ParseUint as a fallback), as a JS number. */
export function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let n: bigint;
  if (/^0[oO]/.test(body)) n = BigInt('0o' + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) n = BigInt('0o' + body.slice(1));
  else n = BigInt(body);
  if (m[1] === '-') n = -n;
  if (n > 18446744073709551615n || n < -9223372036854775808n) return undefined;
  return Number(n);
}

/** strconv.ParseFloat(s, 64) for decimal syntax (what YAML plain scalars reach here). */
export function parseGoFloat(s: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** Go's encoding/json float formatting ('f' between 1e-6 and 1e21, else 'e' with a two-digit exponent minimum). */
export function formatJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return n.toExponential(); // JS writes 1e-7 and 1e+21, as Go's encoding/json does
  }
  return String(n);
}

// The Go value model the template executor works on. Helm hands templates Go values (maps decoded from YAML
// through JSON, structs such as *chart.Metadata, typed results of Sprig functions), and the template language's
// rules depend on their Go types: `eq` of an int and a float64 is an error, `%v` prints a float64 1000000 as
// 1e+06, `typeOf` names the type. So values keep their Go type:
// - nil is `null`, bool is `boolean`, string is `string` (Go strings are bytes; see goString helpers),
// - float64 is a JS `number` (every number read from values files, fromYaml or fromJson is a float64),
// - Go integers are `GoInt` (template literals, `len`, `add`, `int`, ...), with their Go type name,
// - slices are JS arrays (element type recorded apart, default `interface {}`), maps are `Map<string, GoValue>`
//   (never plain objects: `constructor` or `__proto__` are ordinary keys), bytes are `Uint8Array`,
// - named Go types with fields and methods (`.Chart`, `.Capabilities`, `.Files`) are `GoObject`s.
// Where a map entry or slice item came from (a node of a values file) is kept beside the container, so origins
// survive lookups, copies and coalescing without changing the values themselves.
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

/** Go integer kinds the template language and Sprig produce. */
export type GoIntType = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

/** A Go integer value with its Go type (JS number: values beyond 2^53 lose precision, as documented). */
export class GoInt {
  constructor(
    readonly value: number,
    readonly type: GoIntType = 'int',
  ) {}
  toString(): string {
    return String(this.value);
  }
}

export type GoMap = Map<string, GoValue>;

/** A method of a Go object: takes and returns Go values; throws (an Error) where Go returns an error. */
export type GoMethod = (...args: GoValue[]) => GoValue;

/** A method with its Go signature, for argument checking as the template executor does it. */
export interface GoMethodSpec {
  params: string[];
  variadic?: boolean;
  fn: GoMethod;
}

/**
 * A named Go type: a struct (fields) and/or a type with methods. `typeName` is what `%T`/`typeOf` print
 * (`*chart.Metadata`, `chartutil.Capabilities`, `engine.files`). `nil` marks a nil pointer of that type.
 */
export class GoObject {
  readonly fields: Map<string, GoValue>;
  readonly methods: Map<string, GoMethodSpec>;
  constructor(
    readonly typeName: string,
    fields?: Map<string, GoValue>,
    methods?: Map<string, GoMethodSpec>,
    readonly isNil = false,
    /** How `%v` prints it when it is not a plain struct (e.g. a version string type). */
    readonly format?: () => string,
  ) {
    this.fields = fields ?? new Map();
    this.methods = methods ?? new Map();
  }
}

export type GoValue = null | boolean | string | number | GoInt | GoValue[] | GoMap | GoObject | Uint8Array;

/** Constructors helm-chart and the functions use. */
export function goInt(n: number, type: GoIntType = 'int'): GoInt {
  return new GoInt(Math.trunc(n), type);
}

export function goObject(
  typeName: string,
  spec: {
    fields?: Record<string, GoValue> | Map<string, GoValue>;
    methods?: Record<string, GoMethod | GoMethodSpec>;
    isNil?: boolean;
    format?: () => string;
  } = {},
): GoObject {
  const fields = spec.fields instanceof Map ? spec.fields : new Map(Object.entries(spec.fields ?? {}));
  const methods = new Map<string, GoMethodSpec>();
  for (const [name, m] of Object.entries(spec.methods ?? {})) methods.set(name, methodSpec(m));
  return new GoObject(typeName, fields, methods, spec.isNil ?? false, spec.format);
}

export function isGoMap(v: GoValue): v is GoMap {
  return v instanceof Map;
}

// ---- Types of containers (slices' element types, named map and slice types, their methods) ----

const sliceTypes = new WeakMap<GoValue[], string>();
const mapTypes = new WeakMap<GoMap, string>();
/** Element types of named container types (`engine.files` holds `[]uint8`); others derive it from the name. */
const namedElemTypes = new WeakMap<GoMap | GoValue[], string>();
const sliceNames = new WeakMap<GoValue[], string>();
const methodTables = new WeakMap<GoMap | GoValue[], Map<string, GoMethodSpec>>();

/** A slice with its Go element type (`string` for `[]string`, `interface {}` by default). */
export function goSlice(items: GoValue[], elemType = 'interface {}'): GoValue[] {
  if (elemType !== 'interface {}') sliceTypes.set(items, elemType);
  return items;
}

export function sliceElemType(items: GoValue[]): string {
  return sliceTypes.get(items) ?? 'interface {}';
}

/** A map with a Go type name (`chartutil.Values`, `map[string]string`); `map[string]interface {}` by default. */
export function typedMap(map: GoMap, typeName: string): GoMap {
  mapTypes.set(map, typeName);
  return map;
}

export function mapTypeName(map: GoMap): string {
  return mapTypes.get(map) ?? 'map[string]interface {}';
}

/** The element type of a map type name (`map[string]string` -> `string`); named types say theirs or `interface {}`. */
export function mapElemType(map: GoMap): string {
  const named = namedElemTypes.get(map);
  if (named) return named;
  const t = mapTypeName(map);
  return t.startsWith('map[string]') ? t.slice('map[string]'.length) : 'interface {}';
}

/**
 * A named Go map or slice type with methods (Helm's `engine.files`, a `map[string][]byte`, and
 * `chartutil.VersionSet`, a `[]string`): it is its map or slice for `range`, `index`, `len`, Sprig's list
 * functions and the encoders, its name for `typeOf` and assignability, and its methods are found first by field
 * access, as Go's evalField looks methods up before map keys.
 */
export function namedContainer<T extends GoMap | GoValue[]>(
  container: T,
  typeName: string,
  elemType: string,
  methods: Record<string, GoMethod | GoMethodSpec> = {},
): T {
  if (container instanceof Map) mapTypes.set(container, typeName);
  else {
    sliceNames.set(container, typeName);
    sliceTypes.set(container, elemType);
  }
  namedElemTypes.set(container, elemType);
  const table = new Map<string, GoMethodSpec>();
  for (const [name, m] of Object.entries(methods)) table.set(name, methodSpec(m));
  methodTables.set(container, table);
  return container;
}

/** The methods of a named map or slice type, if it has any. */
export function containerMethods(v: GoMap | GoValue[]): Map<string, GoMethodSpec> | undefined {
  return methodTables.get(v);
}

/** Gives `to` the named type (and methods) of `from`, for copies of a named container. */
function copyNamedType(from: GoMap | GoValue[], to: GoMap | GoValue[]): void {
  const elem = namedElemTypes.get(from);
  if (elem !== undefined) namedElemTypes.set(to, elem);
  const methods = methodTables.get(from);
  if (methods) methodTables.set(to, methods);
  if (Array.isArray(from) && Array.isArray(to)) {
    const name = sliceNames.get(from);
    if (name) sliceNames.set(to, name);
  }
}

function methodSpec(m: GoMethod | GoMethodSpec): GoMethodSpec {
  return typeof m === 'function' ? { params: Array<string>(m.length).fill('interface {}'), fn: m } : m;
}

/** Go's type name of a value, as `%T` and Sprig's `typeOf` print it. nil prints `<nil>`. */
export function goTypeName(v: GoValue): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.type;
  if (Array.isArray(v)) return sliceNames.get(v) ?? `[]${sliceElemType(v)}`;
  if (v instanceof Map) return mapTypeName(v);
  if (v instanceof Uint8Array) return '[]uint8';
  return v.typeName;
}

/** Go's reflect.Kind name of a value, as Sprig's `kindOf` prints it. */
export function goKindName(v: GoValue): string {
  if (v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.type;
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof Map) return 'map';
  return v.typeName.startsWith('*') ? 'ptr' : 'struct';
}

// ---- Origins: where a container's entries came from ----

const origins = new WeakMap<object, Map<string | number, SourceRange>>();

/** Where the value of `container[key]` came from (a values-file node), if known. */
export function originOf(container: GoValue, key: string | number): SourceRange | undefined {
  if (container === null || typeof container !== 'object') return undefined;
  return origins.get(container)?.get(key);
}

/** Records (or, with undefined, forgets) where the value of `container[key]` came from. */
export function setOrigin(container: GoMap | GoValue[], key: string | number, origin: SourceRange | undefined): void {
  let table = origins.get(container);
  if (origin === undefined) {
    table?.delete(key);
    return;
  }
  if (!table) {
    table = new Map();
    origins.set(container, table);
  }
  table.set(key, origin);
}

/** Copies the origins of one container's entries onto another's (same keys). */
export function copyOrigins(from: GoValue, to: GoMap | GoValue[]): void {
  if (from === null || typeof from !== 'object') return;
  const table = origins.get(from);
  if (table) origins.set(to, new Map(table));
}

/**
 * A deep copy of maps and slices (other values are immutable or shared, as in Go), keeping entry origins,
 * slice element types and map type names.
 */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    const out = goSlice(v.map(deepCopy), sliceElemType(v));
    copyNamedType(v, out);
    copyOrigins(v, out);
    return out;
  }
  if (v instanceof Map) {
    const out: GoMap = new Map();
    for (const [k, item] of v) out.set(k, deepCopy(item));
    const t = mapTypes.get(v);
    if (t) mapTypes.set(out, t);
    copyNamedType(v, out);
    copyOrigins(v, out);
    return out;
  }
  return v;
}

// ---- Values files ----

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

// The Go value model the template executor works on. Helm hands templates Go values (maps decoded from YAML
// through JSON, structs such as *chart.Metadata, typed results of Sprig functions), and the template language's
// rules depend on their Go types: `eq` of an int and a float64 is an error, `%v` prints a float64 1000000 as
// 1e+06, `typeOf` names the type. So values keep their Go type:
// - nil is `null`, bool is `boolean`, string is `string` (Go strings are bytes; see gostring.ts),
// - float64 is a JS `number` (every number read from values files, fromYaml or fromJson is a float64),
// - Go integers are `GoInt` (template literals, `len`, `add`, `int`, ...), with their Go type name,
// - slices are JS arrays (element type recorded apart, default `interface {}`), maps are `Map<string, GoValue>`
//   (never plain objects: `constructor` or `__proto__` are ordinary keys), bytes are `Uint8Array`,
// - Go structs and types with methods (`.Chart`, `.Capabilities`) are `GoObject`s; named map and slice types
//   with methods (`.Files`, `.Capabilities.APIVersions`) are their map or slice (namedContainer).
// Where a map entry or slice item came from (a node of a values file) is kept beside the container, so origins
// survive lookups, copies and coalescing without changing the values themselves. Values files and YAML text
// become Go values in yamlValues.ts.
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

// Decoding YAML into Go values lives beside the model; its API is the model's too.
export { formatJsonNumber, parseGoFloat, parseGoInt, resolvePlainScalar, ValuesError, valuesFromYaml, yamlToGo } from './yamlValues';

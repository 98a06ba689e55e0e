// encoding/json's view of the Go structs templates can reach (`toJson .Chart`, `toYaml .Capabilities.HelmVersion`):
// the fields in declaration order under their json tag names, `omitempty` fields left out when empty, embedded
// structs' fields flattened into the outer object. The tags are those of Helm v3.21.4's types; a struct without
// an entry here has no tags (every field under its Go name, as chartutil.KubeVersion).
import { GoInt, GoObject, type GoValue } from '../template/value';

interface JsonField {
  /** The Go field name. */
  field: string;
  /** The json tag's name (the field name when absent). */
  name?: string;
  omitEmpty?: boolean;
  /** An embedded struct: its fields join the outer object. */
  embedded?: boolean;
}

const omit = (field: string, name: string): JsonField => ({ field, name, omitEmpty: true });

const METADATA: JsonField[] = [
  omit('Name', 'name'),
  omit('Home', 'home'),
  omit('Sources', 'sources'),
  omit('Version', 'version'),
  omit('Description', 'description'),
  omit('Keywords', 'keywords'),
  omit('Maintainers', 'maintainers'),
  omit('Icon', 'icon'),
  omit('APIVersion', 'apiVersion'),
  omit('Condition', 'condition'),
  omit('Tags', 'tags'),
  omit('AppVersion', 'appVersion'),
  omit('Deprecated', 'deprecated'),
  omit('Annotations', 'annotations'),
  omit('KubeVersion', 'kubeVersion'),
  omit('Dependencies', 'dependencies'),
  omit('Type', 'type'),
];

/** Go type name -> its fields as encoding/json sees them. */
const STRUCT_TAGS: Record<string, JsonField[]> = {
  'chart.Metadata': METADATA,
  '*chart.Metadata': METADATA,
  // engine.go's `.Chart`: struct { chart.Metadata; IsRoot bool }.
  'struct { chart.Metadata; IsRoot bool }': [{ field: 'Metadata', embedded: true }, { field: 'IsRoot' }],
  '*chart.Maintainer': [omit('Name', 'name'), omit('Email', 'email'), omit('URL', 'url')],
  '*chart.Dependency': [
    { field: 'Name', name: 'name' },
    omit('Version', 'version'),
    { field: 'Repository', name: 'repository' },
    omit('Condition', 'condition'),
    omit('Tags', 'tags'),
    omit('Enabled', 'enabled'),
    omit('ImportValues', 'import-values'),
    omit('Alias', 'alias'),
  ],
  'version.BuildInfo': [
    omit('Version', 'version'),
    omit('GitCommit', 'git_commit'),
    omit('GitTreeState', 'git_tree_state'),
    omit('GoVersion', 'go_version'),
  ],
};

/** encoding/json's isEmptyValue. */
function isEmpty(v: GoValue): boolean {
  if (v === null || v === false || v === '' || v === 0) return true;
  if (v instanceof GoInt) return v.value === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return v instanceof GoObject && v.isNil;
}

/**
 * A struct's JSON object: its entries in encoding order (not sorted: Go writes struct fields in declaration
 * order). An object without fields that prints itself (a semver version, a time) is that text, as their
 * MarshalJSON/MarshalText give it; a nil pointer is null.
 */
export function jsonObjectView(o: GoObject): Map<string, GoValue> | string | null {
  if (o.isNil) return null;
  if (o.format && o.fields.size === 0) return o.format();
  const out = new Map<string, GoValue>();
  addFields(o, out, new Set());
  return out;
}

function addFields(o: GoObject, out: Map<string, GoValue>, outerNames: Set<string>): void {
  const spec = STRUCT_TAGS[o.typeName] ?? [...o.fields.keys()].map((field) => ({ field }));
  // Go's dominance rule: a field of the outer struct hides a same-named field of an embedded one.
  const own = new Set(spec.filter((f) => !f.embedded).map((f) => f.name ?? f.field));
  for (const f of spec) {
    const value = o.fields.get(f.field) ?? null;
    if (f.embedded) {
      if (value instanceof GoObject && !value.isNil) addFields(value, out, new Set([...outerNames, ...own]));
      continue;
    }
    const name = f.name ?? f.field;
    if (outerNames.has(name) || (f.omitEmpty && isEmpty(value))) continue;
    out.set(name, value);
  }
}

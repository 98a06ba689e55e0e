// Chart.yaml (and a v1 chart's requirements.yaml) decoded as Helm decodes it: sigs.k8s.io/yaml converts YAML to
// JSON, turning numbers and booleans into strings where the Go field is a string, then encoding/json fills
// chart.Metadata (field names matched case-insensitively, a wrong type reported with Go's wording). Then
// Metadata.Validate, with Helm's messages.
import { yamlToGo, ValuesError, GoInt, type GoValue } from '../template/value';
import type { Dependency, Maintainer, Metadata } from './model';
import { parseVersion } from './semver';

export class ChartYamlError extends Error {}

export function emptyMetadata(): Metadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: new Map(),
    kubeVersion: '',
    dependencies: [],
    type: '',
  };
}

/** Decodes `text` into `into` (fields the text sets are replaced). Throws ChartYamlError ("error converting ..."). */
export function decodeMetadata(text: string, into: Metadata): void {
  const doc = parsedDocument(text);
  if (doc === null) return;
  if (!(doc instanceof Map)) throw typeError(doc, '', 'chart.Metadata');
  const decoder = new StructDecoder('Metadata');
  for (const [rawKey, value] of doc) {
    if (value === null) continue;
    const field = fieldName(rawKey, METADATA_FIELDS);
    if (field === undefined) continue;
    if ((STRING_FIELDS as readonly string[]).includes(field)) {
      into[field as StringField] = decoder.string(value, field);
      continue;
    }
    switch (field) {
      case 'sources':
      case 'keywords':
        into[field] = decoder.strings(value, field);
        break;
      case 'maintainers':
        into.maintainers = decoder.list(value, field, '[]*chart.Maintainer', (item) => decodeMaintainer(decoder, item));
        break;
      case 'deprecated':
        into.deprecated = decoder.bool(value, field);
        break;
      case 'annotations':
        into.annotations = decoder.stringMap(value, field);
        break;
      case 'dependencies':
        into.dependencies = decoder.list(value, field, '[]*chart.Dependency', (item) => decodeDependency(decoder, item));
        break;
    }
  }
  decoder.throwFirst();
}

/** Chart.yaml texts decoded to Go values, reused while the text is unchanged (the decoded value is only read). */
const documents = new Map<string, GoValue | ChartYamlError>();
const MAX_DOCUMENTS = 256;

function parsedDocument(text: string): GoValue {
  let doc = documents.get(text);
  if (doc === undefined) {
    try {
      doc = yamlToGo(text, undefined, false);
    } catch (error) {
      doc = new ChartYamlError(error instanceof ValuesError ? error.message : String(error));
    }
    if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
    documents.set(text, doc);
  }
  if (doc instanceof ChartYamlError) throw doc;
  return doc;
}

/** The string fields of chart.Metadata. */
const STRING_FIELDS = [
  'name',
  'home',
  'version',
  'description',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'kubeVersion',
  'type',
] as const;
type StringField = (typeof STRING_FIELDS)[number];

const METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'annotations',
  'kubeVersion',
  'dependencies',
  'type',
];
const DEPENDENCY_FIELDS = ['name', 'version', 'repository', 'condition', 'tags', 'enabled', 'import-values', 'alias'];
const MAINTAINER_FIELDS = ['name', 'email', 'url'];

// encoding/json matches an exact field name first, then a case-insensitive one.
function fieldName(key: string, fields: readonly string[]): string | undefined {
  return fields.includes(key) ? key : fields.find((f) => f.toLowerCase() === key.toLowerCase());
}

function decodeMaintainer(decoder: StructDecoder, value: GoValue): Maintainer | null {
  if (value === null) return null;
  if (!(value instanceof Map)) {
    decoder.fail(value, 'maintainers', 'chart.Maintainer');
    return null;
  }
  const m: Maintainer = { name: '', email: '', url: '' };
  for (const [key, v] of value) {
    if (v === null) continue;
    const f = fieldName(key, MAINTAINER_FIELDS);
    if (f === 'name' || f === 'email' || f === 'url') m[f] = decoder.string(v, `maintainers.${f}`);
  }
  return m;
}

function decodeDependency(decoder: StructDecoder, value: GoValue): Dependency | null {
  if (value === null) return null;
  if (!(value instanceof Map)) {
    decoder.fail(value, 'dependencies', 'chart.Dependency');
    return null;
  }
  const d: Dependency = { name: '', version: '', repository: '', condition: '', tags: [], enabled: false, importValues: [], alias: '' };
  for (const [key, v] of value) {
    if (v === null) continue;
    switch (fieldName(key, DEPENDENCY_FIELDS)) {
      case 'name':
      case 'version':
      case 'repository':
      case 'condition':
      case 'alias': {
        const f = fieldName(key, DEPENDENCY_FIELDS) as 'name' | 'version' | 'repository' | 'condition' | 'alias';
        d[f] = decoder.string(v, `dependencies.${f}`);
        break;
      }
      case 'tags':
        d.tags = decoder.strings(v, 'dependencies.tags');
        break;
      case 'enabled':
        d.enabled = decoder.bool(v, 'dependencies.enabled');
        break;
      case 'import-values':
        if (Array.isArray(v)) d.importValues = v;
        else decoder.fail(v, 'dependencies.import-values', '[]interface {}');
        break;
    }
  }
  return d;
}

/** Fills Go fields from JSON-ish values; remembers the first type error, as encoding/json reports only that. */
class StructDecoder {
  private first: ChartYamlError | undefined;
  constructor(private readonly structName: string) {}

  fail(value: GoValue, field: string, type: string): void {
    this.first ??= typeError(value, `${this.structName}.${field}`, type);
  }

  throwFirst(): void {
    if (this.first) throw this.first;
  }

  string(value: GoValue, field: string): string {
    const s = scalarString(value);
    if (s === undefined) {
      this.fail(value, field, 'string');
      return '';
    }
    return s;
  }

  bool(value: GoValue, field: string): boolean {
    if (typeof value === 'boolean') return value;
    this.fail(value, field, 'bool');
    return false;
  }

  strings(value: GoValue, field: string): string[] {
    return this.list(value, field, '[]string', (item) => (item === null ? '' : this.string(item, field)));
  }

  stringMap(value: GoValue, field: string): Map<string, string> {
    const out = new Map<string, string>();
    if (!(value instanceof Map)) {
      this.fail(value, field, 'map[string]string');
      return out;
    }
    for (const [k, v] of value) out.set(k, v === null ? '' : this.string(v, field));
    return out;
  }

  list<T>(value: GoValue, field: string, type: string, item: (v: GoValue) => T | null): T[] {
    if (!Array.isArray(value)) {
      this.fail(value, field, type);
      return [];
    }
    // A null item stays a nil pointer: Validate reports it.
    return value.map((v) => item(v)) as T[];
  }
}

// sigs.k8s.io/yaml writes numbers and booleans into string fields as strings (floats with 32-bit %g).
function scalarString(value: GoValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof GoInt) return String(value.value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return String(value);
    return formatFloat32g(value);
  }
  return undefined;
}

function formatFloat32g(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const f = Math.fround(n);
  // The shortest decimal that rounds to the same float32.
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return goG(candidate, digits);
  }
  return goG(f, 9);
}

// %g: exponent form when the exponent is < -4 or >= the precision, Go's two-digit exponent.
function goG(n: number, digits: number): string {
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= Math.max(digits, 21)) {
    return n
      .toExponential(digits - 1)
      .replace(/\.?0+e/, 'e')
      .replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

function jsonType(value: GoValue): string {
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'object';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return 'number';
}

function typeError(value: GoValue, field: string, type: string): ChartYamlError {
  const where = field === '' ? `Go value of type ${type}` : `Go struct field ${field} of type ${type}`;
  return new ChartYamlError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonType(value)} into ${where}`);
}

/** Metadata.Validate (which also sanitizes strings in place, as Helm's does). Returns Helm's message or undefined. */
export function validateMetadata(md: Metadata): string | undefined {
  md.name = sanitize(md.name);
  md.description = sanitize(md.description);
  md.home = sanitize(md.home);
  md.icon = sanitize(md.icon);
  md.condition = sanitize(md.condition);
  md.tags = sanitize(md.tags);
  md.appVersion = sanitize(md.appVersion);
  md.kubeVersion = sanitize(md.kubeVersion);
  md.sources = md.sources.map(sanitize);
  md.keywords = md.keywords.map(sanitize);
  if (md.apiVersion === '') return 'validation: chart.metadata.apiVersion is required';
  if (md.name === '') return 'validation: chart.metadata.name is required';
  if (md.name === '.' || md.name === '..') return `validation: chart.metadata.name ${JSON.stringify(md.name)} is not allowed`;
  if (md.name.includes('/')) return `validation: chart.metadata.name ${JSON.stringify(md.name)} is invalid`;
  if (md.version === '') return 'validation: chart.metadata.version is required';
  if (typeof parseVersion(md.version) === 'string') return `validation: chart.metadata.version ${JSON.stringify(md.version)} is invalid`;
  if (!['', 'application', 'library'].includes(md.type)) return 'validation: chart.metadata.type must be application or library';
  for (const m of md.maintainers as (Maintainer | null)[]) {
    if (m === null) return 'validation: maintainers must not contain empty or null nodes';
    m.name = sanitize(m.name);
    m.email = sanitize(m.email);
    m.url = sanitize(m.url);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies as (Dependency | null)[]) {
    if (d === null) return 'validation: dependencies must not contain empty or null nodes';
    d.name = sanitize(d.name);
    d.version = sanitize(d.version);
    d.repository = sanitize(d.repository);
    d.condition = sanitize(d.condition);
    d.tags = d.tags.map(sanitize);
    if (d.alias !== '' && !/^[a-zA-Z0-9_-]+$/.test(d.alias)) {
      return `validation: dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`;
    }
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key)) return `validation: more than one dependency with name or alias ${JSON.stringify(key)}`;
    seen.add(key);
  }
  return undefined;
}

// Whitespace becomes a space, unprintable characters go (Helm's sanitizeString).
function sanitize(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\s/gu, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/gu, '');
}

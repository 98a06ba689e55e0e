// values.schema.json compiled as Helm's validator (santhosh-tekuri/jsonschema v6) compiles it: the draft from
// `$schema` (2020-12 when absent), each keyword read only in the drafts that have it, `$ref` within the file
// (JSON pointers, anchors), `format` asserted only under drafts 4 to 7. What it cannot do here (references to
// other files or URLs, dynamic references, unevaluated*) is one clear error naming it, never a silent pass.
import { FORMATS, type FormatCheck } from './formats';
import { compileGoRegexp } from './regex';

export const ROOT_URL = 'file:///values.schema.json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class SchemaCompileError extends Error {}

export interface Schema {
  location: string;
  draft: number;
  bool?: boolean;
  ref?: Schema;
  types?: string[];
  enumValues?: Json[];
  constValue?: { value: Json };
  format?: { name: string; check: FormatCheck };
  multipleOf?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: { source: string; regex: RegExp };
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema | Schema[];
  additionalItems?: boolean | Schema;
  prefixItems?: Schema[];
  items2020?: Schema;
  contains?: Schema;
  minContains?: number;
  maxContains?: number;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  properties?: Map<string, Schema>;
  patternProperties?: { regex: RegExp; schema: Schema }[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  dependencies?: Map<string, string[] | Schema>;
  dependentRequired?: Map<string, string[]>;
  dependentSchemas?: Map<string, Schema>;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  ifSchema?: Schema;
  thenSchema?: Schema;
  elseSchema?: Schema;
}

const DRAFTS: Record<string, number> = {
  'json-schema.org/schema': 2020,
  'json-schema.org/draft/2020-12/schema': 2020,
  'json-schema.org/draft/2019-09/schema': 2019,
  'json-schema.org/draft-07/schema': 7,
  'json-schema.org/draft-06/schema': 6,
  'json-schema.org/draft-04/schema': 4,
};

export interface CompiledSchema {
  schema: Schema;
  /** `$ref`s to other documents (URLs, other files): Helm fetches them; here they accept anything. */
  unresolved: string[];
}

/** Parses and compiles a schema text. Throws SchemaCompileError with the validator's (or a clear) message. */
export function compileSchema(text: string): CompiledSchema {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (error) {
    throw new SchemaCompileError(`invalid JSON in values.schema.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const compiler = new Compiler(doc);
  const schema = compiler.compile('');
  return { schema, unresolved: [...new Set(compiler.unresolved)] };
}

class Compiler {
  private readonly cache = new Map<string, Schema>();
  private readonly draft: number;
  private readonly anchors = new Map<string, string>();
  /** The root's base URL: its `$id` when it has an absolute one. */
  private readonly base: string;
  /** References to other documents, left unchecked. */
  readonly unresolved: string[] = [];

  constructor(private readonly root: Json) {
    this.draft = draftOf(root);
    const id = isObject(root) ? root[this.draft === 4 ? 'id' : '$id'] : undefined;
    this.base = typeof id === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(id) ? id.replace(/#.*$/, '') : ROOT_URL;
    this.collectAnchors(root, '');
  }

  compile(pointer: string): Schema {
    const cached = this.cache.get(pointer);
    if (cached) return cached;
    const node = resolvePointer(this.root, pointer);
    if (node === undefined) throw new SchemaCompileError(`JSON pointer ${JSON.stringify(pointer)} not found in ${ROOT_URL}`);
    const schema: Schema = { location: `${ROOT_URL}#${encodePointer(pointer)}`, draft: this.draft };
    this.cache.set(pointer, schema);
    if (typeof node === 'boolean') {
      schema.bool = node;
      return schema;
    }
    if (!isObject(node)) return schema;
    this.fill(schema, node, pointer);
    return schema;
  }

  private fill(s: Schema, obj: { [key: string]: Json }, ptr: string): void {
    const d = this.draft;
    const sub = (key: string): Schema | undefined => (key in obj ? this.compile(`${ptr}/${escapeToken(key)}`) : undefined);
    const subArray = (key: string): Schema[] | undefined => {
      const arr = obj[key];
      return Array.isArray(arr) ? arr.map((_, i) => this.compile(`${ptr}/${escapeToken(key)}/${i}`)) : undefined;
    };
    const subMap = (key: string): Map<string, Schema> | undefined => {
      const m = obj[key];
      if (!isObject(m)) return undefined;
      return new Map(Object.keys(m).map((k) => [k, this.compile(`${ptr}/${escapeToken(key)}/${escapeToken(k)}`)]));
    };
    const num = (key: string): number | undefined => (typeof obj[key] === 'number' ? obj[key] : undefined);
    const int = (key: string): number | undefined => {
      const n = num(key);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    };
    const additional = (key: string): boolean | Schema | undefined => (typeof obj[key] === 'boolean' ? obj[key] : sub(key));

    if (typeof obj.$ref === 'string') {
      s.ref = this.resolveRef(obj.$ref, `${s.location}/$ref`);
      // Before 2019-09, the other keywords beside $ref are ignored.
      if (d < 2019) return;
    }
    for (const unsupported of ['$dynamicRef', '$recursiveRef', 'unevaluatedProperties', 'unevaluatedItems']) {
      if (d >= 2019 && unsupported in obj) {
        throw new SchemaCompileError(`values.schema.json uses "${unsupported}" (at ${s.location}), which is not supported here`);
      }
    }
    s.allOf = subArray('allOf');
    s.anyOf = subArray('anyOf');
    s.oneOf = subArray('oneOf');
    s.not = sub('not');
    if (d < 2020 && 'items' in obj) {
      if (Array.isArray(obj.items)) {
        s.items = subArray('items');
        s.additionalItems = additional('additionalItems');
      } else s.items = sub('items');
    }
    s.properties = subMap('properties');
    const patterns = obj.patternProperties;
    if (isObject(patterns)) {
      s.patternProperties = Object.keys(patterns).map((p) => ({
        regex: this.regex(p, `${s.location}/patternProperties`),
        schema: this.compile(`${ptr}/patternProperties/${escapeToken(p)}`),
      }));
    }
    s.additionalProperties = additional('additionalProperties');
    const deps = obj.dependencies;
    if (isObject(deps)) {
      s.dependencies = new Map(
        Object.keys(deps).map((k): [string, string[] | Schema] => {
          const v = deps[k];
          return [
            k,
            Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : this.compile(`${ptr}/dependencies/${escapeToken(k)}`),
          ];
        }),
      );
    }
    const types = typeof obj.type === 'string' ? [obj.type] : Array.isArray(obj.type) ? obj.type.filter((t) => typeof t === 'string') : [];
    const known = TYPE_ORDER.filter((t) => types.includes(t));
    if (known.length > 0) s.types = known;
    if (Array.isArray(obj.enum)) s.enumValues = obj.enum;
    s.multipleOf = num('multipleOf');
    s.maximum = num('maximum');
    if (obj.exclusiveMaximum === true) {
      s.exclusiveMaximum = s.maximum;
      s.maximum = undefined;
    } else s.exclusiveMaximum = num('exclusiveMaximum');
    s.minimum = num('minimum');
    if (obj.exclusiveMinimum === true) {
      s.exclusiveMinimum = s.minimum;
      s.minimum = undefined;
    } else s.exclusiveMinimum = num('exclusiveMinimum');
    s.minLength = int('minLength');
    s.maxLength = int('maxLength');
    if (typeof obj.pattern === 'string') s.pattern = { source: obj.pattern, regex: this.regex(obj.pattern, `${s.location}/pattern`) };
    s.minItems = int('minItems');
    s.maxItems = int('maxItems');
    s.uniqueItems = obj.uniqueItems === true;
    s.maxProperties = int('maxProperties');
    s.minProperties = int('minProperties');
    if (Array.isArray(obj.required)) s.required = obj.required.filter((x): x is string => typeof x === 'string');
    if (d < 2019 && typeof obj.format === 'string') {
      const check = Object.prototype.hasOwnProperty.call(FORMATS, obj.format) ? FORMATS[obj.format] : undefined;
      if (check) s.format = { name: obj.format, check };
    }
    if (d >= 6) {
      s.contains = sub('contains');
      s.propertyNames = sub('propertyNames');
      if ('const' in obj) s.constValue = { value: obj.const };
    }
    if (d >= 7 && 'if' in obj) {
      s.ifSchema = sub('if');
      if (obj.if !== false) s.thenSchema = sub('then');
      if (obj.if !== true) s.elseSchema = sub('else');
    }
    if (d >= 2019) {
      if (s.contains) {
        s.minContains = int('minContains');
        s.maxContains = int('maxContains');
      }
      const dr = obj.dependentRequired;
      if (isObject(dr)) {
        s.dependentRequired = new Map(
          Object.keys(dr)
            .filter((k) => Array.isArray(dr[k]))
            .map((k) => [k, (dr[k] as Json[]).filter((x): x is string => typeof x === 'string')]),
        );
      }
      s.dependentSchemas = subMap('dependentSchemas');
    }
    if (d >= 2020) {
      s.prefixItems = subArray('prefixItems');
      s.items2020 = sub('items');
    }
  }

  private regex(source: string, location: string): RegExp {
    const compiled = compileGoRegexp(source);
    if (typeof compiled === 'string') {
      throw new SchemaCompileError(`invalid regex ${JSON.stringify(source)} at ${JSON.stringify(location)}: ${compiled}`);
    }
    return compiled;
  }

  private resolveRef(ref: string, at: string): Schema {
    const target = resolveUrl(ref, this.base);
    if (target === undefined || (target.url !== this.base && target.url !== ROOT_URL)) {
      // Helm would fetch it (over the network, or from the root of the file system); the engine fetches nothing.
      this.unresolved.push(target?.url ?? ref);
      return { location: `${ROOT_URL}#${encodePointer('')}`, draft: this.draft, bool: true };
    }
    const fragment = decodeURIComponentSafe(target.fragment);
    if (fragment === '' || fragment.startsWith('/')) return this.compile(fragment);
    const pointer = this.anchors.get(fragment);
    if (pointer === undefined) throw new SchemaCompileError(`anchor "${fragment}" not found in ${ROOT_URL} (referenced at ${at})`);
    return this.compile(pointer);
  }

  private collectAnchors(node: Json, ptr: string): void {
    if (Array.isArray(node)) {
      node.forEach((item, i) => this.collectAnchors(item, `${ptr}/${i}`));
      return;
    }
    if (!isObject(node)) return;
    const anchor = this.draft >= 2019 ? node.$anchor : undefined;
    if (typeof anchor === 'string') this.anchors.set(anchor, ptr);
    const id = this.draft === 4 ? node.id : node.$id;
    if (typeof id === 'string' && id.startsWith('#') && id.length > 1) this.anchors.set(id.slice(1), ptr);
    for (const key of Object.keys(node)) {
      // enum and const hold data, not schemas.
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
      this.collectAnchors(node[key], `${ptr}/${escapeToken(key)}`);
    }
  }
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

function draftOf(root: Json): number {
  if (!isObject(root) || typeof root.$schema !== 'string') return 2020;
  const url = root.$schema;
  const hash = url.indexOf('#');
  if (hash >= 0 && hash < url.length - 1) throw new SchemaCompileError(`unsupported $schema ${JSON.stringify(url)} in values.schema.json`);
  const key = (hash < 0 ? url : url.slice(0, hash)).replace(/^https?:\/\//, '');
  const draft = DRAFTS[key];
  if (draft === undefined) {
    throw new SchemaCompileError(`values.schema.json declares $schema ${JSON.stringify(url)}, a metaschema that is not supported here`);
  }
  return draft;
}

export function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolvePointer(root: Json, pointer: string): Json | undefined {
  if (pointer === '') return root;
  let node: Json | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = /^(0|[1-9][0-9]*)$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node)) node = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function encodePointer(pointer: string): string {
  return pointer.replace(/[%"<>\\^`{|} ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A reference resolved against a base URL: the document URL and the fragment. */
function resolveUrl(ref: string, base: string): { url: string; fragment: string } | undefined {
  let resolved: URL;
  try {
    resolved = new URL(ref, base);
  } catch {
    return undefined;
  }
  const fragment = resolved.hash.replace(/^#/, '');
  resolved.hash = '';
  return { url: resolved.href, fragment };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

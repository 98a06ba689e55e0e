// Field specs: "this path in resources of this kind" lists that tell each transformer where to act, applied as
// kustomize's fieldspec filter does (walking sequences, creating missing maps only when asked), and the transformer
// configuration that holds them (built-in defaults merged with `configurations:` files).
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { type Gvk, type Resource, gvkSelected, parseApiVersion } from './resource';
import { type KMap, type KNode, type Produced, entryOf, isMap, map, scalar, seq, stringAt } from './tree';
import { DEFAULT_CONFIG_TEXT } from './defaultConfig';
import { LEGACY_ORDER_FIRST, LEGACY_ORDER_LAST } from './order';

export interface FieldSpec {
  gvk: Partial<Gvk>;
  path: string;
  create: boolean;
}

export interface NameBackReference {
  gvk: Partial<Gvk>;
  referrers: FieldSpec[];
}

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackReference[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

export type FieldSpecListName = Exclude<keyof TransformerConfig, 'nameReference'>;
export const FIELD_SPEC_LISTS: FieldSpecListName[] = [
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'templateLabels',
  'commonAnnotations',
  'varReference',
  'images',
  'replicas',
];

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    labels: [],
    templateLabels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}

// Field specs are sorted in kustomize's "legacy" kind order (a stable sort here; kustomize's is not stable).
function kindOrder(kind: string | undefined): number {
  const first = LEGACY_ORDER_FIRST.indexOf(kind ?? '');
  if (first >= 0) return first - LEGACY_ORDER_FIRST.length;
  const last = LEGACY_ORDER_LAST.indexOf(kind ?? '');
  return last >= 0 ? last + 1 : 0;
}

export function gvkLess(a: Partial<Gvk>, b: Partial<Gvk>): number {
  const order = kindOrder(a.kind) - kindOrder(b.kind);
  if (order !== 0) return order;
  const key = (g: Partial<Gvk>): string => `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sameGvkSpec(a: Partial<Gvk>, b: Partial<Gvk>): boolean {
  return (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '');
}

/** kustomize's FsSlice.MergeOne: a spec already covered (same path, selected by the new one's gvk) is not added. */
export function mergeFieldSpecs(into: FieldSpec[], incoming: FieldSpec[], at: SourceRange): FieldSpec[] {
  const result = [...into];
  const byPath = new Map<string, FieldSpec[]>();
  for (const spec of result) byPath.set(spec.path, [...(byPath.get(spec.path) ?? []), spec]);
  for (const spec of incoming) {
    const samePath = byPath.get(spec.path) ?? [];
    const existing = samePath.find((other) => gvkSelected(fullGvk(other.gvk), spec.gvk));
    if (existing) {
      if (existing.create !== spec.create) fail(`conflicting fieldspecs for path ${spec.path}`, at);
      continue;
    }
    result.push(spec);
    byPath.set(spec.path, [...samePath, spec]);
  }
  return result;
}

function fullGvk(gvk: Partial<Gvk>): Gvk {
  return { group: gvk.group ?? '', version: gvk.version ?? '', kind: gvk.kind ?? '' };
}

export function mergeConfigs(base: TransformerConfig, incoming: TransformerConfig, at: SourceRange): TransformerConfig {
  const merged = emptyConfig();
  for (const name of FIELD_SPEC_LISTS) {
    merged[name] = mergeFieldSpecs(base[name], incoming[name], at).sort((a, b) => gvkLess(a.gvk, b.gvk));
  }
  const refs = base.nameReference.map((ref) => ({ gvk: ref.gvk, referrers: [...ref.referrers] }));
  for (const ref of incoming.nameReference) {
    const existing = refs.find((other) => sameGvkSpec(other.gvk, ref.gvk));
    if (existing) existing.referrers = mergeFieldSpecs(existing.referrers, ref.referrers, at);
    else refs.push({ gvk: ref.gvk, referrers: [...ref.referrers] });
  }
  merged.nameReference = refs.sort((a, b) => gvkLess(a.gvk, b.gvk));
  return merged;
}

/** Reads a transformer config from its decoded YAML (a `configurations:` file or the built-in text). */
export function configFromNode(node: KNode, at: SourceRange): TransformerConfig {
  const config = emptyConfig();
  if (!isMap(node)) return fail('a transformer configuration must be a mapping', node.src ?? at);
  for (const entry of node.entries) {
    if (entry.key === 'nameReference') {
      config.nameReference = listOf(entry.value, at).map((item) => {
        const m = asMap(item, at);
        const fieldSpecs = entryOf(m, 'fieldSpecs')?.value;
        return { gvk: gvkOf(m), referrers: fieldSpecs ? listOf(fieldSpecs, at).map((spec) => fieldSpecOf(spec, at)) : [] };
      });
      continue;
    }
    if (!(FIELD_SPEC_LISTS as string[]).includes(entry.key)) {
      fail(`unknown field "${entry.key}" in a transformer configuration`, entry.src ?? at);
    }
    config[entry.key as FieldSpecListName] = listOf(entry.value, at).map((item) => fieldSpecOf(item, at));
  }
  for (const name of FIELD_SPEC_LISTS) config[name].sort((a, b) => gvkLess(a.gvk, b.gvk));
  config.nameReference.sort((a, b) => gvkLess(a.gvk, b.gvk));
  return config;
}

function listOf(node: KNode, at: SourceRange): KNode[] {
  if (node.kind === 'scalar' && node.value === null) return [];
  if (node.kind !== 'seq') return fail('expected a list in a transformer configuration', node.src ?? at);
  return node.items;
}

function asMap(node: KNode, at: SourceRange): KMap {
  if (!isMap(node)) return fail('expected a mapping in a transformer configuration', node.src ?? at);
  return node;
}

function gvkOf(node: KMap): Partial<Gvk> {
  const gvk: Partial<Gvk> = {};
  for (const key of ['group', 'version', 'kind'] as const) {
    const value = stringAt(node, key);
    if (value) gvk[key] = value;
  }
  return gvk;
}

function fieldSpecOf(node: KNode, at: SourceRange): FieldSpec {
  const m = asMap(node, at);
  const create = entryOf(m, 'create')?.value;
  return { gvk: gvkOf(m), path: stringAt(m, 'path'), create: create?.kind === 'scalar' && create.value === true };
}

let defaultConfig: TransformerConfig | undefined;

/** The built-in transformer configuration (kustomize's defaults). */
export function makeDefaultConfig(): TransformerConfig {
  if (!defaultConfig) defaultConfig = parseDefaultConfig(DEFAULT_CONFIG_TEXT);
  return cloneConfig(defaultConfig);
}

function cloneConfig(config: TransformerConfig): TransformerConfig {
  const copy = emptyConfig();
  for (const name of FIELD_SPEC_LISTS) copy[name] = config[name].map((spec) => ({ ...spec }));
  copy.nameReference = config.nameReference.map((ref) => ({ gvk: ref.gvk, referrers: ref.referrers.map((spec) => ({ ...spec })) }));
  return copy;
}

/**
 * Parses the compact default-config text: `list:` starts a field spec list, `> Kind [group=g] [version=v]` starts a
 * name reference target, and each spec line is `path [+] [Kind] [group=g] [version=v]` (`+` = create).
 */
function parseDefaultConfig(text: string): TransformerConfig {
  const config = emptyConfig();
  let current: FieldSpec[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith(':')) {
      const name = line.slice(0, -1);
      current = name === 'nameReference' ? undefined : config[name as FieldSpecListName];
      continue;
    }
    const tokens = line.split(/\s+/);
    if (tokens[0] === '>') {
      const ref: NameBackReference = { gvk: parseGvkTokens(tokens.slice(1)), referrers: [] };
      config.nameReference.push(ref);
      current = ref.referrers;
      continue;
    }
    const create = tokens[1] === '+';
    (current as FieldSpec[]).push({ path: tokens[0], create, gvk: parseGvkTokens(tokens.slice(create ? 2 : 1)) });
  }
  for (const name of FIELD_SPEC_LISTS) config[name].sort((a, b) => gvkLess(a.gvk, b.gvk));
  config.nameReference.sort((a, b) => gvkLess(a.gvk, b.gvk));
  return config;
}

function parseGvkTokens(tokens: string[]): Partial<Gvk> {
  const gvk: Partial<Gvk> = {};
  for (const token of tokens) {
    if (token.startsWith('group=')) gvk.group = token.slice(6);
    else if (token.startsWith('version=')) gvk.version = token.slice(8);
    else gvk.kind = token;
  }
  return gvk;
}

/** kyaml's PathSplitter: `/`-separated, `\/` escapes a slash. */
export function splitPath(path: string): string[] {
  let parts = path.split('/');
  if (parts.length > 1 && parts[0] === '') parts = parts.slice(1);
  const result = [parts[0]];
  for (let i = 1; i < parts.length; i++) {
    const last = result.length - 1;
    if (result[last].endsWith('\\')) result[last] = `${result[last].slice(0, -1)}/${parts[i]}`;
    else result.push(parts[i]);
  }
  return result;
}

/** Whether a field spec's group/version/kind matches the resource (checked against its current type). */
export function fieldSpecMatches(spec: FieldSpec, resource: Resource): boolean {
  const kind = resource.kind;
  if (spec.gvk.kind && spec.gvk.kind !== kind) return false;
  const { group, version } = parseApiVersion(resource.apiVersion);
  if (spec.gvk.group && spec.gvk.group !== group) return false;
  if (spec.gvk.version && spec.gvk.version !== version) return false;
  return true;
}

/** Sets the value at the end of the path: receives the node there, returns its replacement (or nothing). */
export type SetValue = (node: KNode, parent: KMap | undefined, key: string) => KNode | void;

export interface ApplyOptions {
  /** What to create where the path's last field is missing ('map' for label maps, 'scalar' for names). */
  createKind?: 'map' | 'scalar';
  /** Origin of created nodes. */
  produced?: Produced;
  at: SourceRange;
}

/** Applies a setter at a field spec's path in a resource (when the spec matches its type). */
export function applyFieldSpec(resource: Resource, spec: FieldSpec, set: SetValue, options: ApplyOptions): void {
  if (!fieldSpecMatches(spec, resource)) return;
  const path = splitPath(spec.path);
  walkPath(resource.node, undefined, '', path, spec, set, options, resource);
}

function walkPath(
  node: KNode,
  parent: KMap | undefined,
  key: string,
  path: string[],
  spec: FieldSpec,
  set: SetValue,
  options: ApplyOptions,
  resource: Resource,
): void {
  if (path.length === 0) {
    const replacement = set(node, parent, key);
    if (replacement && parent) {
      const entry = entryOf(parent, key);
      if (entry) entry.value = replacement;
    }
    return;
  }
  if (node.kind === 'scalar') {
    if (node.value === null) return;
    fail(`considering field '${spec.path}' of object ${resource.kind} ${resource.name}: expected sequence or mapping node`, options.at);
  }
  if (node.kind === 'seq') {
    for (const item of node.items) walkPath(item, undefined, '', path, spec, set, options, resource);
    return;
  }
  const isSeqField = path[0].endsWith('[]');
  const name = isSeqField ? path[0].slice(0, -2) : path[0];
  if (name === '') fail('cannot set or create an empty field name', options.at);
  let entry = entryOf(node, name);
  const createKind = !spec.create || !options.createKind || isSeqField ? undefined : path.length <= 1 ? options.createKind : 'map';
  if (!entry) {
    if (!createKind) return;
    const created = createKind === 'map' ? map([], options.produced) : scalar('', options.produced);
    entry = { key: name, value: created, ...(options.produced ? { produced: options.produced } : {}) };
    node.entries.push(entry);
  } else if (entry.value.kind === 'scalar' && entry.value.value === null && (createKind || isSeqField)) {
    entry.value = isSeqField ? seq([], options.produced) : createKind === 'map' ? map([], options.produced) : scalar('', options.produced);
  }
  walkPath(entry.value, node, name, path.slice(1), spec, set, options, resource);
}

// configMapGenerator and secretGenerator: data from env files, literals and files (in that order), options merged
// with generatorOptions, the object produced by its generator entry (each data key by the literal, file or env
// line that gave it).
import { type SourceRange } from '../../model/origin';
import { type Obj, type Pair, type Str, flagOf, objOf, pairsOf, strOf, strsOf } from './decode';
import { fail } from './errors';
import { type Kustomization } from './kustomization';
import { type Loader } from './loader';
import { basenameOf } from './paths';
import { Resource } from './resource';
import { type KEntry, type KNode, type Produced, map, scalar } from './tree';
import { producedBy } from './transformers';

interface DataItem {
  key: string;
  value: string;
  /** Raw bytes when the value came from a file (for base64 and the UTF-8 check). */
  bytes?: Uint8Array;
  produced: Produced;
}

export interface GeneratorOptions {
  labels: Pair[];
  annotations: Pair[];
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

export function optionsOf(obj: Obj | undefined): GeneratorOptions | undefined {
  if (!obj) return undefined;
  return {
    labels: pairsOf(obj, 'labels'),
    annotations: pairsOf(obj, 'annotations'),
    disableNameSuffixHash: flagOf(obj, 'disableNameSuffixHash'),
    immutable: flagOf(obj, 'immutable'),
  };
}

/** kustomize's MergeGlobalOptionsIntoLocal: the entry's own labels/annotations win, the flags add up. */
function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions | undefined {
  if (!global) return local;
  const result: GeneratorOptions = local
    ? { ...local, labels: [...local.labels], annotations: [...local.annotations] }
    : { labels: [], annotations: [], disableNameSuffixHash: false, immutable: false };
  for (const which of ['labels', 'annotations'] as const) {
    for (const pair of global[which]) if (!result[which].some((own) => own.key === pair.key)) result[which].push(pair);
  }
  result.disableNameSuffixHash ||= global.disableNameSuffixHash;
  result.immutable ||= global.immutable;
  return result;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function loadData(loader: Loader, k: Kustomization, args: Obj, kind: string, name: string): DataItem[] {
  const items: DataItem[] = [];
  for (const env of [...strsOf(args, 'envs'), ...(strOf(args, 'env') ? [strOf(args, 'env') as Str] : [])]) {
    const file = loader.resolveFile(env.value, env.node);
    const bytes = loader.readBytes(file, env.node);
    items.push(...envItems(bytes, file, env));
  }
  for (const literal of strsOf(args, 'literals')) {
    const text = literal.value;
    const equals = text.indexOf('=');
    if (equals <= 0) fail(`invalid literal source ${text}, expected key=value`, literal.node.src ?? k.at);
    let value = text.slice(equals + 1);
    if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
    items.push({ key: text.slice(0, equals), value, produced: producedBy(literal.node) });
  }
  for (const source of strsOf(args, 'files')) {
    const text = source.value;
    const separators = text.split('=').length - 1;
    let key: string;
    let path: string;
    if (separators === 0) {
      key = basenameOf(text);
      path = text;
    } else if (separators === 1 && text.startsWith('=')) {
      return fail(`missing key name for file path "${text.slice(1)}" in source "${text}"`, source.node.src ?? k.at);
    } else if (separators === 1 && text.endsWith('=')) {
      return fail(`missing file path for key name "${text.slice(0, -1)}" in source "${text}"`, source.node.src ?? k.at);
    } else if (separators > 1) {
      return fail(`source "${text}" key name or file path contains '='`, source.node.src ?? k.at);
    } else {
      [key, path] = text.split('=');
    }
    const file = loader.resolveFile(path, source.node);
    const bytes = loader.readBytes(file, source.node);
    const produced: Produced = { source: source.node.src ?? k.at, via: [{ file, start: 0, end: bytes.length }] };
    items.push({ key, value: new TextDecoder().decode(bytes), bytes, produced });
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) fail(`${kind.toLowerCase()} ${name} illegally repeats the key \`${item.key}\``, item.produced.source);
    seen.add(item.key);
  }
  return items;
}

/** key=value lines of an env file (comments and blank lines skipped, a BOM dropped), each with its line's range. */
function envItems(bytes: Uint8Array, file: string, entry: Str): DataItem[] {
  if (!isUtf8(bytes)) fail(`env file ${file} has invalid UTF-8`, entry.node.src ?? { file, start: 0, end: 0 });
  const text = new TextDecoder().decode(bytes);
  const items: DataItem[] = [];
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const lineStart = offset;
    offset += rawLine.length + 1;
    if (index === lines.length - 1 && rawLine === '') return;
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals);
    const value = equals < 0 ? '' : line.slice(equals + 1);
    const via = entry.node.src ? [entry.node.src] : undefined;
    items.push({ key, value, produced: { source: { file, start: lineStart, end: lineStart + rawLine.length }, ...(via ? { via } : {}) } });
  });
  return items;
}

/** Base64 as kyaml writes Secret data: wrapped at 70 characters when longer. */
function encodeBase64(bytes: Uint8Array): string {
  const encoded = base64(bytes);
  const lines = Math.floor(encoded.length / 70) + 1;
  if (lines <= 1) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}

/** Builds the resource one generator entry describes. */
export function generate(
  loader: Loader,
  k: Kustomization,
  args: Obj,
  kind: 'ConfigMap' | 'Secret',
  global: GeneratorOptions | undefined,
): Resource {
  const entryRange: SourceRange = args.$node.src ?? k.at;
  const nameStr = strOf(args, 'name');
  if (!nameStr) fail(`a configmap must have a name`, entryRange);
  const made = producedBy(entryRange);
  const options = mergeOptions(optionsOf(objOf(args, 'options')), global);
  const metadata: KEntry[] = [{ key: 'name', value: scalar(nameStr.value, producedBy(nameStr.node)), produced: producedBy(nameStr.node) }];
  const namespace = strOf(args, 'namespace');
  if (namespace) {
    metadata.push({ key: 'namespace', value: scalar(namespace.value, producedBy(namespace.node)), produced: producedBy(namespace.node) });
  }
  for (const which of ['labels', 'annotations'] as const) {
    const pairs = [...(options?.[which] ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (pairs.length === 0) continue;
    const entries = pairs.map((pair) => ({
      key: pair.key,
      value: scalar(pair.value.value, producedBy(pair.value.node)),
      produced: producedBy(pair.entry.src ?? pair.value.node),
    }));
    metadata.push({ key: which, value: map(entries, made), produced: made });
  }
  const entries: KEntry[] = [
    { key: 'apiVersion', value: scalar('v1', made), produced: made },
    { key: 'kind', value: scalar(kind, made), produced: made },
    { key: 'metadata', value: map(metadata, made), produced: made },
  ];
  const secretType = kind === 'Secret' ? (strOf(args, 'type')?.value ?? 'Opaque') : undefined;
  if (secretType !== undefined) entries.push({ key: 'type', value: scalar(secretType, made), produced: made });
  const items = loadData(loader, k, args, kind, nameStr.value).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const data: KEntry[] = [];
  const binary: KEntry[] = [];
  for (const item of items) {
    const bytes = item.bytes ?? new TextEncoder().encode(item.value);
    let value: KNode;
    let target = data;
    if (kind === 'Secret') value = scalar(encodeBase64(bytes), item.produced);
    else if (item.bytes && !isUtf8(item.bytes)) {
      value = scalar(encodeBase64(item.bytes), item.produced);
      target = binary;
    } else value = scalar(item.value, item.produced);
    target.push({ key: item.key, value, produced: item.produced });
  }
  if (kind === 'Secret' || data.length > 0) entries.push({ key: 'data', value: map(data, made), produced: made });
  if (binary.length > 0) entries.push({ key: 'binaryData', value: map(binary, made), produced: made });
  if (options?.immutable) entries.push({ key: 'immutable', value: scalar(true, made), produced: made });
  const resource = new Resource(map(entries, made));
  const behavior = strOf(args, 'behavior')?.value;
  resource.behavior = behavior === 'create' || behavior === 'merge' || behavior === 'replace' ? behavior : 'unspecified';
  resource.needsHashSuffix = !options?.disableNameSuffixHash;
  resource.generatedBy = { entry: entryRange, ...(nameStr.node.src ? { name: nameStr.node.src } : {}) };
  return resource;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (the engine has no Buffer). */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

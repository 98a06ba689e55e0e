// Reading YAML the way kustomize does. Resources go through go-yaml v3, whose plain scalars follow YAML 1.2 but
// still read YAML 1.1 octals (`0755` is 493) and `_` separators; the kustomization file, transformer configs and
// JSON 6902 patches go through sigs.k8s.io/yaml (go-yaml v2, YAML 1.1: `yes`/`on` are booleans too). Every node
// keeps its range in the file; text embedded in another file (an inline patch) maps its offsets back to it.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { parseAllDocumentsLinear } from '../../model/yamlParse';
import { type SourceRange } from '../../model/origin';
import { type KEntry, type KNode, type Produced, type ScalarValue, clone, entryOf } from './tree';

/** Which reader kustomize uses for a text: `resource` (go-yaml v3) or `config` (YAML 1.1). */
export type YamlFlavour = 'resource' | 'config';

/** Where the characters of a text sit in its file: identity for a file's own text. */
export interface TextPlace {
  file: string;
  /** File offset of a text offset. */
  at(offset: number): number;
  /** Used when a range cannot be mapped precisely (the whole embedding node). */
  whole?: SourceRange;
  /** Parsed files kept between builds (only for a file's own text). */
  cache?: ParseCache;
  /**
   * A rendered text's own origins (a Helm chart's output): the source of the range [start, end) of the text, as a
   * node (`src`) or as what produced it (`produced`). When present, `at` is used only for error offsets.
   */
  origin?(start: number, end: number): { src?: SourceRange; produced?: Produced };
}

/** Parsed documents by file and reader, reused while the file's text is unchanged (handed out as copies). */
export interface ParseCache {
  entries: Map<string, { text: string; result: ReadResult }>;
}

export function createParseCache(): ParseCache {
  return { entries: new Map() };
}

export interface YamlError {
  message: string;
  start: number;
  end: number;
}

export interface ReadResult {
  docs: KNode[];
  error?: YamlError;
}

/** Bounds alias expansion ("billion laughs") and absurd inputs. */
const NODE_BUDGET = 1_000_000;

export function filePlace(file: string, cache?: ParseCache): TextPlace {
  return { file, at: (offset) => offset, ...(cache ? { cache } : {}) };
}

/** Parses every non-empty document of a text into value trees (copies of cached trees when the text is known). */
export function readYaml(text: string, place: TextPlace, flavour: YamlFlavour): ReadResult {
  const cache = place.whole ? undefined : place.cache;
  if (!cache) return parseYaml(text, place, flavour);
  const key = `${flavour}\u0000${place.file}`;
  let cached = cache.entries.get(key);
  if (!cached || cached.text !== text) {
    cached = { text, result: parseYaml(text, place, flavour) };
    cache.entries.set(key, cached);
  }
  return { docs: cached.result.docs.map((doc) => clone(doc)), ...(cached.result.error ? { error: cached.result.error } : {}) };
}

function parseYaml(text: string, place: TextPlace, flavour: YamlFlavour): ReadResult {
  let docs: Document.Parsed[];
  try {
    // Duplicate keys checked in linear time, nesting bounded (model/yamlParse.ts), as for every user file.
    docs = parseAllDocumentsLinear(text, { merge: false });
  } catch (error) {
    return { docs: [], error: { message: String(error), start: 0, end: 0 } };
  }
  if (!Array.isArray(docs)) return { docs: [] };
  const budget = { left: NODE_BUDGET };
  const result: KNode[] = [];
  for (const doc of docs) {
    const fatal = doc.errors.find((error) => error.code !== 'TAG_RESOLVE_FAILED');
    if (fatal) {
      const [start, end] = fatal.pos;
      return { docs: result, error: { message: fatal.message.split('\n')[0], start: place.at(start), end: place.at(end) } };
    }
    if (doc.contents === null || doc.contents === undefined) continue;
    try {
      const node = convert(doc.contents, { doc, place, flavour, budget, anchors: new Map() }, 0);
      if (node.kind === 'scalar' && node.value === null) continue;
      result.push(node);
    } catch (error) {
      const range = (doc.contents as YamlNode).range ?? [0, 0];
      return {
        docs: result,
        error: { message: error instanceof Error ? error.message : String(error), start: place.at(range[0]), end: place.at(range[1]) },
      };
    }
  }
  return { docs: result };
}

function rangeOf(node: YamlNode | null | undefined, place: TextPlace): SourceRange | undefined {
  const range = node?.range;
  if (!range) return place.whole;
  if (place.whole && place.at(range[0]) < 0) return place.whole;
  return { file: place.file, start: place.at(range[0]), end: place.at(range[1]) };
}

interface ConvertContext {
  doc: Document;
  place: TextPlace;
  flavour: YamlFlavour;
  budget: { left: number };
  /** Anchors seen so far, in document order (an alias refers to the latest one before it). */
  anchors: Map<string, YamlNode>;
}

function convert(node: YamlNode, ctx: ConvertContext, depth: number): KNode {
  const { doc, place, flavour, budget } = ctx;
  if (--budget.left < 0) throw new Error('the document is too large (more than 1,000,000 YAML nodes after expanding aliases)');
  if (depth > 1000) throw new Error('the document nests deeper than 1,000 levels');
  if (isAlias(node)) {
    const target = ctx.anchors.get(node.source) ?? node.resolve(doc);
    if (!target) throw new Error(`unknown alias *${node.source}`);
    return convert(target, ctx, depth + 1);
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) ctx.anchors.set(anchor, node);
  const src = rangeOf(node, place);
  const placed = place.origin && node.range ? place.origin(node.range[0], node.range[1]) : src ? { src } : {};
  if (isScalar(node)) {
    const { value, text } = scalarValue(node, flavour);
    return { kind: 'scalar', value, text, ...placed };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(item as YamlNode, ctx, depth + 1));
    return { kind: 'seq', items, ...placed };
  }
  if (isMap(node)) {
    const entries: KEntry[] = [];
    const merges: KNode[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = keyNode === null ? '' : keyText(keyNode, doc);
      const valueNode = pair.value as YamlNode | null;
      const value: KNode = valueNode ? convert(valueNode, ctx, depth + 1) : { kind: 'scalar', value: null, text: '' };
      if (key === '<<' && isScalar(keyNode) && (keyNode as unknown as ScalarLike).type === 'PLAIN') {
        merges.push(value);
        continue;
      }
      const keyRange = rangeOf(keyNode, place);
      const valueRange = valueNode ? rangeOf(valueNode, place) : undefined;
      if (place.origin && keyNode?.range) {
        entries.push({ key, value, ...place.origin(keyNode.range[0], valueNode?.range?.[1] ?? keyNode.range[1]) });
        continue;
      }
      const pairSrc = keyRange
        ? { file: keyRange.file, start: keyRange.start, end: Math.max(keyRange.end, valueRange?.end ?? 0) }
        : undefined;
      entries.push({ key, value, ...(pairSrc ? { src: pairSrc } : {}) });
    }
    // `<<` merge keys: the mapping's own keys win, then earlier merged maps over later ones.
    for (const merged of merges) {
      const sources = merged.kind === 'seq' ? merged.items : [merged];
      for (const source of sources) {
        if (source.kind !== 'map') throw new Error('a merge key (<<) must refer to a mapping');
        for (const entry of source.entries) if (!entryOf({ kind: 'map', entries }, entry.key)) entries.push(entry);
      }
    }
    return { kind: 'map', entries, ...placed };
  }
  return { kind: 'scalar', value: null, text: '', ...placed };
}

interface ScalarLike {
  value: unknown;
  source?: string;
  type?: string;
  tag?: string;
}

function keyText(node: YamlNode, doc: Document): string {
  if (isScalar(node)) {
    const scalarNode = node as unknown as ScalarLike;
    return scalarNode.source ?? String(scalarNode.value);
  }
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target ? keyText(target, doc) : '';
  }
  return String(node);
}

function scalarValue(node: ScalarLike, flavour: YamlFlavour): { value: ScalarValue; text: string } {
  const source = node.source ?? (node.value === null || node.value === undefined ? '' : String(node.value));
  const tag = node.tag;
  if (tag !== undefined && tag !== '!') {
    const short = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    if (short === '!!str' || short === '!!binary' || short === '!!timestamp') return { value: source, text: source };
    if (short === '!!null') return { value: null, text: source };
    if (short === '!!bool' || short === '!!int' || short === '!!float') {
      const resolved = resolvePlain(source, flavour);
      return { value: resolved, text: source };
    }
    return { value: source, text: source };
  }
  if (node.type === 'PLAIN') return { value: resolvePlain(source, flavour), text: source };
  return { value: source, text: source };
}

const YAML11_BOOLEANS: Record<string, boolean> = {};
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) YAML11_BOOLEANS[word] = true;
for (const word of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) YAML11_BOOLEANS[word] = false;
const CORE_BOOLEANS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** The value of a plain scalar under go-yaml's resolution rules (v3 for resources, v2 for configs). */
export function resolvePlain(text: string, flavour: YamlFlavour): ScalarValue {
  if (NULLS.has(text)) return null;
  const booleans = flavour === 'config' ? YAML11_BOOLEANS : CORE_BOOLEANS;
  if (Object.prototype.hasOwnProperty.call(booleans, text)) return booleans[text];
  if (Object.prototype.hasOwnProperty.call(SPECIAL_FLOATS, text)) return SPECIAL_FLOATS[text];
  const first = text[0];
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : text;
  if (first !== '+' && first !== '-' && !(first >= '0' && first <= '9')) return text;
  const plain = text.replace(/_/g, '');
  const integer = parseGoInteger(plain);
  if (integer !== undefined) return integer;
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return text;
}

/** Go's strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b and leading-0 octal prefixes), as a number. */
function parseGoInteger(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest[0] === '+' || rest[0] === '-') {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  let digits = /^[0-9]+$/;
  let radix = 10;
  if (/^0[xX]/.test(rest)) {
    radix = 16;
    digits = /^[0-9a-fA-F]+$/;
    rest = rest.slice(2);
  } else if (/^0[bB]/.test(rest)) {
    radix = 2;
    digits = /^[01]+$/;
    rest = rest.slice(2);
  } else if (/^0[oO]/.test(rest)) {
    radix = 8;
    digits = /^[0-7]+$/;
    rest = rest.slice(2);
  } else if (rest.length > 1 && rest[0] === '0') {
    radix = 8;
    digits = /^[0-7]+$/;
    rest = rest.slice(1);
  }
  if (!digits.test(rest)) return undefined;
  const magnitude = radix === 10 ? Number(rest) : parseInt(rest, radix);
  // Past int64/uint64 Go's integer parse fails (a decimal then reads as a float, which Number gives too).
  if (magnitude > 2 ** 64 || (sign < 0 && magnitude > 2 ** 63)) return undefined;
  return sign < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

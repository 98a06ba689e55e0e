// sigs.k8s.io/yaml's Marshal (JSON, then go-yaml v2's emitter) of Go values, byte for byte: keys in go-yaml's
// order, numbers through JSON text (so a float64 3 becomes the int 3), the scalar styles of yamlScalar.ts and
// go-yaml's folding of long lines at 80 columns. toYaml also reports where each emitted value came from.
import type { OriginSpan, SourceRange } from '../../../model/origin';
import { formatFloatG } from '../template/fmt';
import { GoInt, GoObject, type GoValue, formatJsonNumber, originOf, resolvePlainScalar } from '../template/value';
import { jsonObjectView } from './jsonView';
import { base64, JsonError } from './toJson';
import { compareYamlKeys, escapeFor, isBreakChar, isPrintable, isSimpleKey, scalarStyle, type Style } from './yamlScalar';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** The document go-yaml sees after the JSON round trip: maps with string keys, ints, floats, strings. */
type YNode =
  | { kind: 'map'; entries: [string, YNode][]; origin?: SourceRange }
  | { kind: 'seq'; items: YNode[]; origin?: SourceRange }
  | { kind: 'scalar'; value: string; isString: boolean; origin?: SourceRange };

function toYNode(v: GoValue, origin: SourceRange | undefined, depth: number): YNode {
  if (depth > 10000) throw new JsonError('json: unsupported value: encountered a cycle');
  if (v === null) return { kind: 'scalar', value: 'null', isString: false, origin };
  if (typeof v === 'boolean') return { kind: 'scalar', value: String(v), isString: false, origin };
  if (typeof v === 'string') return { kind: 'scalar', value: toValidUtf16(v), isString: true, origin };
  if (typeof v === 'number' || v instanceof GoInt) return { kind: 'scalar', value: yamlNumber(v), isString: false, origin };
  if (v instanceof Uint8Array) return { kind: 'scalar', value: base64(v), isString: true, origin };
  if (Array.isArray(v)) return { kind: 'seq', items: v.map((x, i) => toYNode(x, originOf(v, i), depth + 1)), origin };
  const m = v instanceof GoObject ? jsonObjectView(v) : v;
  if (m === null || typeof m === 'string') return toYNode(m, origin, depth);
  const keys = [...m.keys()].sort(compareYamlKeys);
  return {
    kind: 'map',
    entries: keys.map((k) => [toValidUtf16(k), toYNode(m.get(k) ?? null, v instanceof Map ? originOf(v, k) : undefined, depth + 1)]),
    origin,
  };
}

function toValidUtf16(s: string): string {
  // json.Marshal replaces invalid UTF-8 (here: lone surrogates) with U+FFFD.
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A number's JSON text read back by go-yaml and written again (ints as ints, floats with 'g'). */
function yamlNumber(v: number | GoInt): string {
  if (v instanceof GoInt) return String(v.value);
  if (!Number.isFinite(v)) throw new JsonError(`json: unsupported value: ${formatFloatG(v)}`);
  const text = formatJsonNumber(v);
  const r = resolvePlainScalar(text);
  if (r instanceof GoInt) return text.startsWith('-') || !text.includes('e') ? BigInt(text).toString() : text;
  if (/^-?\d+$/.test(text)) return text; // an integer beyond int64 that fits uint64 is still written as digits
  return formatFloatG(v);
}

class YamlWriter {
  out = '';
  column = 0;
  readonly spans: OriginSpan[] = [];

  private put(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl >= 0 ? [...s.slice(nl + 1)].length : this.column + [...s].length;
  }

  private newline(indent: number): void {
    this.put('\n' + ' '.repeat(indent));
  }

  private record(start: number, origin: SourceRange | undefined): void {
    if (origin && this.out.length > start) this.spans.push({ start, end: this.out.length, kind: 'node', source: origin });
  }

  document(node: YNode): void {
    const start = this.out.length;
    if (node.kind === 'map' && node.entries.length > 0) this.map(node, 0, true);
    else if (node.kind === 'seq' && node.items.length > 0) this.seq(node, 0, true);
    else this.inlineValue(node, BEST_INDENT, false);
    this.record(start, node.origin);
    this.put('\n');
  }

  /** A mapping at `indent`; `inline`: the first key goes where the cursor is (after "- "). */
  private map(node: Extract<YNode, { kind: 'map' }>, indent: number, inline: boolean): void {
    node.entries.forEach(([key, value], i) => {
      if (i > 0 || !inline) {
        if (this.out.length > 0) this.newline(indent);
        else this.put(' '.repeat(indent));
      }
      if (!isSimpleKey(key)) return this.complexEntry(key, value, indent);
      this.key(key);
      this.put(':');
      const start = this.out.length;
      if (value.kind === 'map' && value.entries.length > 0) {
        this.map(value, indent + BEST_INDENT, false);
      } else if (value.kind === 'seq' && value.items.length > 0) {
        this.seq(value, indent, false);
      } else {
        this.put(' ');
        this.inlineValue(value, indent + BEST_INDENT, false);
      }
      this.record(value.kind === 'scalar' || isEmptyCollection(value) ? start + 1 : start, value.origin);
    });
  }

  /** A key go-yaml cannot write as a simple key (multi-line, or over 128 bytes): `? key`, then `: value`. */
  private complexEntry(key: string, value: YNode, indent: number): void {
    this.put('? ');
    this.scalar(key, scalarStyle({ value: key, isString: true }, false), indent + BEST_INDENT, true);
    this.newline(indent);
    this.put(': ');
    const start = this.out.length;
    if (value.kind === 'map' && value.entries.length > 0) this.map(value, indent + BEST_INDENT, true);
    else if (value.kind === 'seq' && value.items.length > 0) this.seq(value, indent + BEST_INDENT, true);
    else this.inlineValue(value, indent + BEST_INDENT, false);
    this.record(start, value.origin);
  }

  private seq(node: Extract<YNode, { kind: 'seq' }>, indent: number, inline: boolean): void {
    node.items.forEach((item, i) => {
      if (i > 0 || !inline) {
        if (this.out.length > 0) this.newline(indent);
        else this.put(' '.repeat(indent));
      }
      this.put('-');
      const start = this.out.length + 1;
      this.put(' ');
      if (item.kind === 'map' && item.entries.length > 0) this.map(item, indent + BEST_INDENT, true);
      else if (item.kind === 'seq' && item.items.length > 0) this.seq(item, indent + BEST_INDENT, true);
      else this.inlineValue(item, indent + BEST_INDENT, false);
      this.record(start, item.origin);
    });
  }

  private key(key: string): void {
    const style = scalarStyle({ value: key, isString: true }, true);
    this.scalar(key, style, 0, false);
  }

  /** A scalar or empty collection after "key: " or "- "; `indent` is the continuation indent. */
  private inlineValue(node: YNode, indent: number, simpleKey: boolean): void {
    if (node.kind === 'map') return this.put('{}');
    if (node.kind === 'seq') return this.put('[]');
    this.scalar(node.value, scalarStyle(node, simpleKey), indent, !simpleKey);
  }

  private scalar(value: string, style: Style, indent: number, allowBreaks: boolean): void {
    switch (style) {
      case 'plain':
        return this.plain(value, indent, allowBreaks);
      case 'single':
        return this.singleQuoted(value, indent, allowBreaks);
      case 'double':
        return this.doubleQuoted(value, indent, allowBreaks);
      case 'literal':
        return this.literal(value, indent);
    }
  }

  private plain(value: string, indent: number, allowBreaks: boolean): void {
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.newline(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
  }

  private singleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    this.put("'");
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') {
          this.newline(indent);
        } else this.put(c);
        spaces = true;
      } else if (isBreakChar(c)) {
        if (!breaks && c === '\n') this.put('\n');
        this.put(c);
        if (c !== '\n') this.column = 0;
        breaks = true;
      } else {
        if (breaks) this.put(' '.repeat(Math.max(indent - this.column, 0)));
        this.put(c === "'" ? "''" : c);
        spaces = false;
        breaks = false;
      }
    }
    this.put("'");
  }

  private doubleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    this.put('"');
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const code = c.codePointAt(0) ?? 0;
      if (!isPrintable(c) || code === 0xfeff || isBreakChar(c) || c === '"' || c === '\\') {
        this.put('\\' + escapeFor(code));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.newline(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.put('"');
  }

  private literal(value: string, indent: number): void {
    let hints = '|';
    if (value[0] === ' ' || isBreakChar(value[0])) hints += String(BEST_INDENT);
    const chars = [...value];
    const last = chars[chars.length - 1];
    if (!isBreakChar(last)) hints += '-';
    else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) hints += '+';
    this.put(hints);
    this.put('\n');
    let breaks = true;
    for (const c of chars) {
      if (isBreakChar(c)) {
        // go-yaml's write_break: a line feed is written as such, any other break character as itself.
        this.put(c);
        if (c !== '\n') this.column = 0;
        breaks = true;
      } else {
        if (breaks) this.put(' '.repeat(indent));
        this.put(c);
        breaks = false;
      }
    }
    // The emitter's next write starts a new line; drop the break the value itself ended with.
    if (this.out.endsWith('\n')) this.out = this.out.slice(0, -1);
    this.column = 1;
  }
}

/** yaml_emitter_check_simple_key for a string key: one line, at most 128 bytes. */
function isEmptyCollection(n: YNode): boolean {
  return (n.kind === 'map' && n.entries.length === 0) || (n.kind === 'seq' && n.items.length === 0);
}

export function marshalYaml(v: GoValue, origin?: SourceRange): { text: string; spans: OriginSpan[] } {
  const writer = new YamlWriter();
  writer.document(toYNode(v, origin, 0));
  return { text: writer.out, spans: writer.spans };
}

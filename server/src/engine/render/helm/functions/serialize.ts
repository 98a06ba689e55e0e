// Go's encoding/json Marshal and sigs.k8s.io/yaml's Marshal (JSON, then go-yaml v2's emitter) of Go values,
// byte for byte: keys sorted (json: bytewise; go-yaml: its natural order), numbers through JSON text (so a
// float64 3 becomes the int 3), go-yaml's scalar styles (plain, single- or double-quoted, literal blocks) and
// its folding of long lines at 80 columns. toYaml also reports where each emitted value came from.
import type { OriginSpan, SourceRange } from '../../../model/origin';
import { formatFloatG } from '../template/fmt';
import { GoInt, GoObject, type GoValue, formatJsonNumber, originOf, resolvePlainScalar } from '../template/value';
import { jsonObjectView } from './jsonView';
import { utf8Length } from '../template/position';

// ---- JSON ----

export class JsonError extends Error {}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      out += ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : '\\u00' + c.toString(16).padStart(2, '0');
    } else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else if (c >= 0xd800 && c < 0xdc00 && !(s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) < 0xe000)) out += '\\ufffd';
    else if (c >= 0xdc00 && c < 0xe000 && !(s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) < 0xdc00)) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** json.Marshal (compact), with Go's HTML escaping unless `escapeHtml` is false; `indent` for MarshalIndent. */
export function marshalJson(v: GoValue, escapeHtml = true, indent = ''): string {
  const parts: string[] = [];
  let depth = 0;
  const nl = (d: number): string => (indent ? '\n' + indent.repeat(d) : '');
  const walk = (x: GoValue): void => {
    if (++depth > 10000) throw new JsonError('json: unsupported value: encountered a cycle');
    if (x === null) parts.push('null');
    else if (typeof x === 'boolean') parts.push(String(x));
    else if (typeof x === 'string') parts.push(jsonString(x, escapeHtml));
    else if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new JsonError(`json: unsupported value: ${formatFloatG(x)}`);
      parts.push(formatJsonNumber(x));
    } else if (x instanceof GoInt) parts.push(String(x.value));
    else if (x instanceof Uint8Array) parts.push(jsonString(base64(x), escapeHtml));
    else if (Array.isArray(x)) {
      if (x.length === 0) parts.push('[]');
      else {
        parts.push('[');
        x.forEach((item, i) => {
          if (i > 0) parts.push(',');
          parts.push(nl(depth));
          walk(item);
        });
        parts.push(nl(depth - 1) + ']');
      }
    } else if (x instanceof Map || x instanceof GoObject) {
      const m = x instanceof GoObject ? jsonObjectView(x) : x;
      if (m === null || typeof m === 'string') walk(m);
      else {
        // Maps are written with sorted keys, structs in their fields' order.
        const keys = x instanceof Map ? [...m.keys()].sort() : [...m.keys()];
        if (keys.length === 0) parts.push('{}');
        else {
          parts.push('{');
          keys.forEach((k, i) => {
            if (i > 0) parts.push(',');
            parts.push(nl(depth) + jsonString(k, escapeHtml) + (indent ? ': ' : ':'));
            walk(m.get(k) ?? null);
          });
          parts.push(nl(depth - 1) + '}');
        }
      }
    }
    depth--;
  };
  walk(v);
  return parts.join('');
}

// ---- YAML (sigs.k8s.io/yaml -> go-yaml v2) ----

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

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return /\p{Nd}/u.test(c);
}

/** go-yaml v2's keyList.Less for string keys: letters before others, digit runs compared as numbers. */
export function compareYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i] ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i] < br[i] ? -1 : 1;
  }
  return ar.length - br.length;
}

/** go-yaml v2's parseTimestamp: such plain scalars would read back as timestamps, so strings like it are quoted. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  const hour = Number(m[4] ?? m[7] ?? 0);
  const minute = Number(m[5] ?? m[8] ?? 0);
  const second = Number(m[6] ?? m[9] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if (c === 0x0a) return true;
  if (c >= 0x20 && c <= 0x7e) return true;
  if (c >= 0xa0 && c <= 0xd7ff) return true;
  if (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) return true;
  return c >= 0x10000 && c <= 0x10ffff;
}

const isBreakChar = (ch: string | undefined): boolean =>
  ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
const isBlankChar = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** yaml_emitter_analyze_scalar (block context: flow-plain rules are irrelevant here). */
function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlankChar(next) || isBreakChar(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankChar(c) || isBreakChar(c);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** encoder.stringv + yaml_emitter_select_scalar_style. */
function scalarStyle(node: { value: string; isString: boolean }, simpleKey: boolean): Style {
  if (!node.isString) return 'plain';
  const s = node.value;
  const resolved = resolvePlainScalar(s);
  const canUsePlain = typeof resolved === 'string' && !BASE60_FLOAT.test(s) && !isTimestamp(s);
  let style: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  const a = analyze(s);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s === '' && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

/** Writes go-yaml v2's block-style output, tracking the column for folding and origins for each value. */
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
function isSimpleKey(key: string): boolean {
  return !/[\r\n\u0085\u2028\u2029]/.test(key) && utf8Length(key) <= 128;
}

function isEmptyCollection(n: YNode): boolean {
  return (n.kind === 'map' && n.entries.length === 0) || (n.kind === 'seq' && n.items.length === 0);
}

function escapeFor(code: number): string {
  const named: Record<number, string> = {
    0: '0',
    7: 'a',
    8: 'b',
    9: 't',
    10: 'n',
    11: 'v',
    12: 'f',
    13: 'r',
    0x1b: 'e',
    0x22: '"',
    0x5c: '\\',
    0x85: 'N',
    0xa0: '_',
    0x2028: 'L',
    0x2029: 'P',
  };
  if (code in named) return named[code];
  if (code <= 0xff) return 'x' + code.toString(16).toUpperCase().padStart(2, '0');
  if (code <= 0xffff) return 'u' + code.toString(16).toUpperCase().padStart(4, '0');
  return 'U' + code.toString(16).toUpperCase().padStart(8, '0');
}

/** sigs.k8s.io/yaml Marshal, with a final newline; spans are `node` origins of emitted values. */
export function marshalYaml(v: GoValue, origin?: SourceRange): { text: string; spans: OriginSpan[] } {
  const writer = new YamlWriter();
  writer.document(toYNode(v, origin, 0));
  return { text: writer.out, spans: writer.spans };
}

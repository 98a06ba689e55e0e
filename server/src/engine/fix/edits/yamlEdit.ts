// Minimal text edits on YAML source: insert keys into a mapping, set a nested path, replace a scalar.
// Edits touch only the inserted or replaced text, so comments, anchors, blank lines, key order and line
// endings elsewhere stay byte-for-byte. Maps reached through an alias or a merge key are shared with other
// places, so they are never edited: those fixes are simply not offered.
import { isAlias, isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../types';
import type { DocRef } from '../../model/yamlAccess';
import { blockLines, Commented, flowText, scalarText, type EmitValue } from './emit';
import { columnOf, lineStart, writingStyle, type WritingStyle } from './style';

function isRecord(value: unknown): value is Record<string, EmitValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Commented);
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && (node.value === null || node.value === ''));
}

/** `key: {}` in a block mapping: filled as a block, as a person would write it, rather than as `{a: 1}`. */
function isEmptyFlowIn(parent: YAMLMap, node: Node | null): boolean {
  return !parent.flow && isMap(node) && node.flow === true && node.items.length === 0 && node.range !== undefined && !node.anchor;
}

function nest(path: string[], value: EmitValue): EmitValue {
  return path.reduceRight<EmitValue>((inner, name) => ({ [name]: inner }), value);
}

/** Joins zero-length insertions at the same offset, in order, so every applier inserts them in the same order. */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const same = result.find((other) => other.length === 0 && edit.length === 0 && other.offset === edit.offset);
    if (same) {
      same.newText += edit.newText;
    } else {
      result.push({ ...edit });
    }
  }
  return result;
}

export class YamlEditor {
  readonly style: WritingStyle;
  private readonly source: string;

  constructor(private readonly ref: DocRef) {
    this.source = ref.source ?? '';
    this.style = writingStyle(ref.doc, this.source);
  }

  private edit(start: number, end: number, newText: string): TextEdit {
    return { offset: this.ref.base + start, length: end - start, newText };
  }

  /** The pair for `key` written in this map itself (not merged in). */
  ownPair(map: YAMLMap, key: string): Pair | undefined {
    const found: Pair | undefined = map.items.find(
      (item) => isScalar(item.key) && typeof item.key.value !== 'symbol' && String(item.key.value) === key,
    );
    return found;
  }

  /** End of the last line holding content of `node` (before its line break), trailing comments included. */
  private endOfContentLine(end: number): number {
    let last = Math.min(end, this.source.length);
    while (last > 0 && /\s/.test(this.source[last - 1])) {
      last--;
    }
    const newline = this.source.indexOf('\n', last);
    const lineEnd = newline < 0 ? this.source.length : newline;
    return this.source[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  }

  /**
   * Inserts entries (absent keys) into a block or flow mapping: at the end, or in a block mapping before the key
   * named by `before` (and before the comment lines directly above it, which belong to that key).
   */
  insertEntries(map: YAMLMap, entries: Record<string, EmitValue>, before?: string): TextEdit | undefined {
    if (!map.range) {
      return undefined;
    }
    const { style } = this;
    if (map.flow) {
      const last = map.items[map.items.length - 1] as Pair | undefined;
      const text = Object.entries(entries)
        .map(([key, value]) => `${scalarText(key, style)}: ${flowText(value, style)}`)
        .join(', ');
      if (!last) {
        const open = this.source.indexOf('{', map.range[0]);
        return open < 0 ? undefined : this.edit(open + 1, open + 1, text);
      }
      const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node | null)?.range)?.[1];
      return lastEnd === undefined ? undefined : this.edit(lastEnd, lastEnd, `, ${text}`);
    }
    const first = map.items[0] as Pair | undefined;
    const firstKey = first?.key as Node | null | undefined;
    if (!firstKey?.range) {
      return undefined;
    }
    const indent = columnOf(this.source, firstKey.range[0]);
    const anchorKey = before ? (this.ownPair(map, before)?.key as Node | undefined) : undefined;
    if (
      anchorKey?.range &&
      columnOf(this.source, anchorKey.range[0]) === indent &&
      /^[ \t]*$/.test(this.source.slice(lineStart(this.source, anchorKey.range[0]), anchorKey.range[0]))
    ) {
      let at = lineStart(this.source, anchorKey.range[0]);
      while (at > 0) {
        const previous = lineStart(this.source, at - 1);
        const line = this.source.slice(previous, at);
        if (!/^\s*#/.test(line) || columnOf(this.source, previous + line.indexOf('#')) < indent) {
          break;
        }
        at = previous;
      }
      const lines = blockLines(entries, indent, style);
      return this.edit(at, at, lines.join(style.eol) + style.eol);
    }
    const last = map.items[map.items.length - 1];
    const lastNode = (last.value as Node | null)?.range ? (last.value as Node) : (last.key as Node);
    const at = this.endOfContentLine(lastNode.range![1]);
    const lines = blockLines(entries, indent, style);
    return this.edit(at, at, style.eol + lines.join(style.eol));
  }

  /** Fills a key whose value is empty (`strategy:` with nothing under it) with a block mapping. */
  private fillEmptyValue(pair: Pair, entries: Record<string, EmitValue>): TextEdit | undefined {
    const key = pair.key as Node;
    if (!key.range) {
      return undefined;
    }
    const at = this.endOfContentLine(key.range[1]);
    const indent = columnOf(this.source, key.range[0]) + this.style.indent;
    const block = this.style.eol + blockLines(entries, indent, this.style).join(this.style.eol);
    const value = pair.value as Node | null;
    // `key: null` / `key: ~` written out: replace the literal rather than leaving it before the block.
    if (value?.range && value.range[1] > value.range[0]) {
      const colon = this.source.indexOf(':', key.range[1]);
      return colon < 0 || colon > value.range[0] ? undefined : this.edit(colon, value.range[1], `:${block}`);
    }
    return this.edit(at, at, block);
  }

  /**
   * Sets `path` under `map` to `value`, creating the missing mappings on the way. At the end of the path, scalars
   * are replaced and mappings get `value`'s entries set (see setEntries).
   */
  setPath(map: YAMLMap, path: string[], value: EmitValue, before?: string): TextEdit[] | undefined {
    if (path.length === 0) {
      return isRecord(value) ? this.setEntries(map, value) : undefined;
    }
    const [key, ...rest] = path;
    const pair = this.ownPair(map, key);
    if (!pair) {
      const edit = this.insertEntries(map, { [key]: nest(rest, value) }, before);
      return edit ? [edit] : undefined;
    }
    if (rest.length === 0) {
      return this.setEntries(map, { [key]: value });
    }
    const current = pair.value as Node | null;
    if (isMap(current) && !isEmptyFlowIn(map, current)) {
      return this.setPath(current, rest, value);
    }
    if (isEmpty(current) || isEmptyFlowIn(map, current)) {
      const edit = this.fillEmptyValue(pair, nest(rest, value) as Record<string, EmitValue>);
      return edit ? [edit] : undefined;
    }
    return undefined; // an alias (shared), a sequence or a scalar where a mapping should be: leave it to a human
  }

  /** Sets each entry: replaces existing scalars, recurses into existing mappings, inserts absent keys in one edit. */
  setEntries(map: YAMLMap, entries: Record<string, EmitValue>): TextEdit[] | undefined {
    const edits: TextEdit[] = [];
    const absent: Record<string, EmitValue> = {};
    for (const [key, value] of Object.entries(entries)) {
      const pair = this.ownPair(map, key);
      if (!pair) {
        absent[key] = value;
        continue;
      }
      const current = pair.value as Node | null;
      if (isAlias(current)) {
        return undefined;
      }
      if (isRecord(value)) {
        const sub =
          isMap(current) && !isEmptyFlowIn(map, current)
            ? this.setEntries(current, value)
            : isEmpty(current) || isEmptyFlowIn(map, current)
              ? [this.fillEmptyValue(pair, value)].filter((edit): edit is TextEdit => edit !== undefined)
              : undefined;
        if (!sub) {
          return undefined;
        }
        edits.push(...sub);
      } else if (isScalar(current) && current.value !== null && current.value !== '') {
        if (current.value !== value) {
          const edit = this.replaceScalar(current, value as string | number | boolean | null);
          if (!edit) {
            return undefined;
          }
          edits.push(edit);
        }
      } else if (isEmpty(current) && !Array.isArray(value)) {
        const text = flowText(value, this.style);
        const key = pair.key as Node;
        if (!key.range) {
          return undefined;
        }
        const colon = this.source.indexOf(':', key.range[1]);
        const end = current?.range && current.range[1] > current.range[0] ? current.range[1] : colon + 1;
        edits.push(this.edit(colon, end, `: ${text}`));
      } else {
        return undefined;
      }
    }
    if (Object.keys(absent).length > 0) {
      const edit = this.insertEntries(map, absent);
      if (!edit) {
        return undefined;
      }
      edits.push(edit);
    }
    return edits;
  }

  /** Source lines [from the line of `start`, to the end of the line of `end`), each indented by `by` more spaces. */
  reindented(start: number, end: number, by: number): string {
    const from = lineStart(this.source, start);
    const to = this.endOfContentLine(end);
    const pad = ' '.repeat(by);
    return this.source
      .slice(from, to)
      .split('\n')
      .map((line) => (line.trim() === '' ? line : pad + line))
      .join('\n');
  }

  endOfLine(offset: number): number {
    return this.endOfContentLine(offset);
  }

  /** Replaces a scalar's text, keeping its quote style for strings. */
  replaceScalar(node: Node, value: string | number | boolean | null): TextEdit | undefined {
    if (!isScalar(node) || !node.range || node.anchor) {
      return undefined; // anchored values are referenced elsewhere
    }
    let text: string;
    if (typeof value === 'string' && node.type === 'QUOTE_DOUBLE') {
      text = JSON.stringify(value);
    } else if (typeof value === 'string' && node.type === 'QUOTE_SINGLE') {
      text = `'${value.replace(/'/g, "''")}'`;
    } else {
      text = scalarText(value, this.style);
    }
    return this.edit(node.range[0], node.range[1], text);
  }

  /** A raw replacement of source offsets (chunk-relative). */
  replace(start: number, end: number, newText: string): TextEdit {
    return this.edit(start, end, newText);
  }

  /** Column of the line on which `offset` sits, and that line's start. */
  lineOf(offset: number): { start: number; column: number } {
    return { start: lineStart(this.source, offset), column: columnOf(this.source, offset) };
  }

  get text(): string {
    return this.source;
  }
}

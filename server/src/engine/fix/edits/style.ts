// How a document is written, so inserted YAML looks like the text around it: line ending, indentation step,
// whether block sequences are indented under their key (`containers:\n  - name`) or not (`containers:\n- name`),
// and which quotes it prefers.
import { isMap, isPair, isSeq, visit, type Document, type Node, type Pair } from 'yaml';

export interface WritingStyle {
  eol: '\n' | '\r\n' | '\r';
  /** Spaces per nesting level of block maps. */
  indent: number;
  /** Spaces between a key's column and its block sequence's `-` (0 = unindented sequences). */
  sequenceIndent: number;
  quote: '"' | "'";
}

const cache = new WeakMap<Document, WritingStyle>();

export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

export function columnOf(source: string, offset: number): number {
  return offset - lineStart(source, offset);
}

function mode(counts: Map<number, number>, fallback: number): number {
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

export function writingStyle(doc: Document, source: string, loneCr = false): WritingStyle {
  const cached = cache.get(doc);
  if (cached) {
    return cached;
  }
  const indents = new Map<number, number>();
  const sequenceIndents = new Map<number, number>();
  let double = 0;
  let single = 0;
  let samples = 0;
  // A sample of the document is enough to know its style; stopping early keeps big documents cheap.
  visit(doc, {
    Pair(_key, pair: Pair) {
      if (++samples > 200) {
        return visit.BREAK;
      }
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range) {
        return undefined;
      }
      const keyColumn = columnOf(source, key.range[0]);
      if (isMap(value) && !value.flow && value.items.length > 0) {
        const first = value.items[0];
        const firstKey = isPair(first) ? (first.key as Node | null) : null;
        if (firstKey?.range && lineStart(source, firstKey.range[0]) !== lineStart(source, key.range[0])) {
          const step = columnOf(source, firstKey.range[0]) - keyColumn;
          if (step > 0) {
            indents.set(step, (indents.get(step) ?? 0) + 1);
          }
        }
      } else if (isSeq(value) && !value.flow && value.items.length > 0) {
        const dash = source.lastIndexOf('-', (value.items[0] as Node).range?.[0] ?? value.range[0]);
        if (dash >= 0 && lineStart(source, dash) !== lineStart(source, key.range[0])) {
          const step = columnOf(source, dash) - keyColumn;
          if (step >= 0) {
            sequenceIndents.set(step, (sequenceIndents.get(step) ?? 0) + 1);
          }
        }
      }
      return undefined;
    },
    Scalar(_key, scalar) {
      if (scalar.type === 'QUOTE_DOUBLE') {
        double++;
      } else if (scalar.type === 'QUOTE_SINGLE') {
        single++;
      }
    },
  });
  const indent = mode(indents, 2);
  const style: WritingStyle = {
    eol: loneCr ? '\r' : source.includes('\r\n') ? '\r\n' : '\n',
    indent,
    sequenceIndent: mode(sequenceIndents, indent),
    quote: single > double ? "'" : '"',
  };
  cache.set(doc, style);
  return style;
}

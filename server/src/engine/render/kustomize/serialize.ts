// Writing built objects as one YAML text, one document per object, and recording as it goes where each mapping
// entry and sequence item came from. Ranges follow the `yaml` package's conventions (block collections and block
// scalars end after their last newline), so a parsed node's range finds its span.
import { type OriginSpan } from '../../model/origin';
import { type KMap, type KNode, type KSeq, type Produced } from './tree';
import { resolvePlain } from './yamlRead';
import { type SourceRange } from '../../model/origin';

interface Origin {
  src?: SourceRange;
  produced?: Produced;
}

class Emitter {
  private parts: string[] = [];
  pos = 0;
  spans: OriginSpan[] = [];

  write(text: string): void {
    this.parts.push(text);
    this.pos += text.length;
  }

  text(): string {
    return this.parts.join('');
  }

  /** Opens a span at the current position for a node with an origin; close it with `end`. */
  open(origin: Origin): OriginSpan | undefined {
    const span = spanFor(origin, this.pos);
    if (span) this.spans.push(span);
    return span;
  }
}

function spanFor(origin: Origin, start: number): OriginSpan | undefined {
  if (origin.produced) {
    const { source, via } = origin.produced;
    return { start, end: start, kind: 'produced', source, ...(via && via.length > 0 ? { via } : {}) };
  }
  if (origin.src) return { start, end: start, kind: 'node', source: origin.src };
  return undefined;
}

/** Serialises documents; returns the text and its origin spans (sorted by start). */
export function serializeDocuments(docs: KMap[]): { text: string; origins: OriginSpan[] } {
  const emitter = new Emitter();
  docs.forEach((doc, index) => {
    if (index > 0) emitter.write('---\n');
    const span = emitter.open(doc);
    if (doc.entries.length === 0) emitter.write('{}\n');
    else emitMap(emitter, doc, 0, false);
    if (span) span.end = emitter.pos;
  });
  return { text: emitter.text(), origins: emitter.spans };
}

function indentOf(level: number): string {
  return ' '.repeat(level);
}

/** A block mapping at `indent`; the first key is written at the current position when `inline`. */
function emitMap(emitter: Emitter, node: KMap, indent: number, inline: boolean): void {
  node.entries.forEach((entry, index) => {
    if (index > 0 || !inline) emitter.write(indentOf(indent));
    const pairSpan = emitter.open(entry);
    emitter.write(formatKey(entry.key));
    emitter.write(':');
    const end = emitValue(emitter, entry.value, indent, 'map');
    if (pairSpan) pairSpan.end = end;
  });
}

/** A block sequence whose dashes are at `indent`; the first dash at the current position when `inline`. */
function emitSeq(emitter: Emitter, node: KSeq, indent: number, inline: boolean): void {
  node.items.forEach((item, index) => {
    if (index > 0 || !inline) emitter.write(indentOf(indent));
    emitter.write('-');
    emitValue(emitter, item, indent, 'seq');
  });
}

/** A value after `key:` or `-` (nothing written yet after the indicator); returns where the value ends. */
function emitValue(emitter: Emitter, value: KNode, indent: number, parent: 'map' | 'seq'): number {
  if (value.kind === 'map' && value.entries.length > 0) {
    if (parent === 'map') {
      emitter.write('\n');
      emitter.write(indentOf(indent + 2));
    } else emitter.write(' ');
    const span = emitter.open(value);
    emitMap(emitter, value, indent + 2, true);
    if (span) span.end = emitter.pos;
    return emitter.pos;
  }
  if (value.kind === 'seq' && value.items.length > 0) {
    const childIndent = parent === 'map' ? indent : indent + 2;
    if (parent === 'map') {
      emitter.write('\n');
      emitter.write(indentOf(childIndent));
    } else emitter.write(' ');
    const span = emitter.open(value);
    emitSeq(emitter, value, childIndent, true);
    if (span) span.end = emitter.pos;
    return emitter.pos;
  }
  emitter.write(' ');
  const span = emitter.open(value);
  if (value.kind === 'map') emitter.write('{}');
  else if (value.kind === 'seq') emitter.write('[]');
  else {
    const block = value.value !== null && typeof value.value === 'string' ? blockLiteral(value.value) : undefined;
    if (block) {
      emitter.write(`${block.header}\n`);
      const contentIndent = indentOf(indent + 2);
      for (const line of block.lines) emitter.write(line === '' ? '\n' : `${contentIndent}${line}\n`);
      if (span) span.end = emitter.pos;
      return emitter.pos;
    }
    emitter.write(formatScalar(value.value));
  }
  const end = emitter.pos;
  if (span) span.end = end;
  emitter.write('\n');
  return end;
}

const PLAIN = /^[A-Za-z0-9_/.][A-Za-z0-9_/.@+=()$-]*(?:[ :][A-Za-z0-9_/.@+=()$-]+)*$/;
// Characters a literal block cannot hold (control characters, lone surrogates, BOM): such strings are quoted.
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/;

function isPlainSafe(text: string): boolean {
  if (!PLAIN.test(text) || text.includes(': ') || text.includes(' #')) return false;
  return resolvePlain(text, 'config') === text && resolvePlain(text, 'resource') === text;
}

function formatKey(key: string): string {
  return isPlainSafe(key) ? key : quote(key);
}

export function formatScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  return isPlainSafe(value) ? value : quote(value);
}

/** A double-quoted scalar (JSON escapes are YAML escapes; non-printable characters escaped too). */
function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A literal block (`|2-`, `|2`, `|2+`) for a multi-line string YAML can hold that way. */
function blockLiteral(text: string): { header: string; lines: string[] } | undefined {
  if (!text.includes('\n') || NON_PRINTABLE.test(text) || /[\u2028\u2029\u0085]/.test(text)) return undefined;
  let chomp: string;
  let body: string;
  if (!text.endsWith('\n')) {
    chomp = '-';
    body = text;
  } else if (text.endsWith('\n\n')) {
    chomp = '+';
    body = text.slice(0, -1);
  } else {
    chomp = '';
    body = text.slice(0, -1);
  }
  const lines = body.split('\n');
  // A trailing whitespace-only line would be read as indentation of an empty line: keep such strings quoted.
  if (/^[ \t]+$/.test(lines[lines.length - 1]) || body === '') return undefined;
  return { header: `|2${chomp}`, lines };
}

// Writes small JS values (probes, strategy blocks, retry policies) as YAML text in a given style.
// Maps become block mappings; lists of scalars are written in flow style (`["sleep", "10"]`), as people do.
import type { WritingStyle } from './style';

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** A trailing comment for an inserted line, e.g. to point the user at a value to check. */
export class Commented {
  constructor(
    readonly value: string | number,
    readonly comment: string,
  ) {}
}

/** A multi-line string written as a literal block scalar (`|`), e.g. YAML inside an annotation. */
export class Block {
  constructor(readonly text: string) {}
}

export type EmitValue = YamlValue | Commented | Block | EmitValue[] | { [key: string]: EmitValue };

/** A literal block scalar's lines: the header, then each line of the text indented by `indent` spaces. */
export function blockScalarLines(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines = text.replace(/\n+$/, '').split('\n');
  return ['|', ...lines.map((line) => (line.trim() === '' ? '' : pad + line))];
}

const PLAIN_SAFE = /^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/;
const LOOKS_TYPED = /^(true|false|yes|no|on|off|null|~|y|n|-?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i;

export function scalarText(value: string | number | boolean | null, style: WritingStyle): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  if (PLAIN_SAFE.test(value) && !LOOKS_TYPED.test(value)) {
    return value;
  }
  if (style.quote === "'" && !value.includes('\n')) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  return JSON.stringify(value);
}

function quoted(value: string, style: WritingStyle): string {
  return style.quote === "'" && !value.includes('\n') ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, EmitValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Commented) && !(value instanceof Block);
}

export function flowText(value: EmitValue, style: WritingStyle): string {
  if (value instanceof Commented) {
    return scalarText(value.value, style);
  }
  if (value instanceof Block) {
    return JSON.stringify(value.text);
  }
  if (Array.isArray(value)) {
    // A list of strings is quoted all alike (`["sleep", "10"]`) when any item needs quotes.
    const strings = value.every((item) => typeof item === 'string');
    const quoteAll = strings && value.some((item) => scalarText(item as string, style) !== item);
    return `[${value.map((item) => (quoteAll ? quoted(item as string, style) : flowText(item, style))).join(', ')}]`;
  }
  if (isRecord(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${scalarText(key, style)}: ${flowText(item, style)}`)
      .join(', ')}}`;
  }
  return scalarText(value, style);
}

function isScalarList(value: EmitValue[]): boolean {
  return value.every((item) => !Array.isArray(item) && !isRecord(item));
}

/** Lines of block-mapping entries, each starting with `indent` spaces. */
export function blockLines(entries: Record<string, EmitValue>, indent: number, style: WritingStyle): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entries)) {
    const keyText = scalarText(key, style);
    if (value instanceof Commented) {
      lines.push(`${pad}${keyText}: ${scalarText(value.value, style)} # ${value.comment}`);
    } else if (value instanceof Block) {
      const [header, ...rest] = blockScalarLines(value.text, indent + style.indent);
      lines.push(`${pad}${keyText}: ${header}`, ...rest);
    } else if (isRecord(value) && Object.keys(value).length > 0) {
      lines.push(`${pad}${keyText}:`, ...blockLines(value, indent + style.indent, style));
    } else if (Array.isArray(value) && value.length > 0 && !isScalarList(value)) {
      lines.push(`${pad}${keyText}:`);
      const dashPad = ' '.repeat(indent + style.sequenceIndent);
      for (const item of value) {
        if (isRecord(item)) {
          const [first, ...rest] = blockLines(item, indent + style.sequenceIndent + 2, style);
          lines.push(`${dashPad}- ${first.trimStart()}`, ...rest);
        } else {
          lines.push(`${dashPad}- ${flowText(item, style)}`);
        }
      }
    } else {
      lines.push(`${pad}${keyText}: ${flowText(value, style)}`);
    }
  }
  return lines;
}

// Splits a file into YAML documents and parses each on its own.
// A document marker (`---`) or end marker (`...`) at the start of a line ends any scalar, so splitting there
// is safe; parsing documents one by one is about twice as fast as one whole-file parse, lets a broken
// document leave its neighbours alone, and lets callers reuse the parse of every document that did not change.
import type { Document } from 'yaml';
import { parseAllDocumentsLinear } from './yamlParse';

export interface Chunk {
  /** Offset of the chunk in the whole text. */
  start: number;
  text: string;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/;
const DOCUMENT_END = /^\.\.\.(?=[ \t\r\n]|$)/;

/**
 * Cuts the text before every `---` line (and after every `...` line). Directive lines (`%YAML`) just before a
 * `---` travel with the document they introduce.
 */
export function splitDocuments(text: string): Chunk[] {
  const cuts: number[] = [0];
  let lineStart = 0;
  let directiveRunStart = -1;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const first = text.charCodeAt(lineStart);
    if (first === 0x2d /* - */ && DOCUMENT_START.test(text.slice(lineStart, lineStart + 4))) {
      cuts.push(directiveRunStart >= 0 ? directiveRunStart : lineStart);
      directiveRunStart = -1;
    } else if (first === 0x2e /* . */ && DOCUMENT_END.test(text.slice(lineStart, lineStart + 4))) {
      cuts.push(lineEnd);
      directiveRunStart = -1;
    } else if (first === 0x25 /* % */) {
      if (directiveRunStart < 0) {
        directiveRunStart = lineStart;
      }
    } else if (directiveRunStart >= 0 && !isBlankOrComment(text, lineStart, lineEnd)) {
      directiveRunStart = -1;
    }
    lineStart = lineEnd;
  }
  const chunks: Chunk[] = [];
  const unique = [...new Set(cuts)].sort((a, b) => a - b);
  for (let i = 0; i < unique.length; i++) {
    const start = unique[i];
    const end = i + 1 < unique.length ? unique[i + 1] : text.length;
    if (end > start) {
      chunks.push({ start, text: text.slice(start, end) });
    }
  }
  return chunks;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      return true;
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) {
      return false;
    }
  }
  return true;
}

export interface ParsedDocument {
  doc: Document.Parsed;
  /** Offset of this document inside its chunk. */
  offsetInChunk: number;
  error?: { message: string; start: number; end: number };
}

export const PARSE_OPTIONS = {
  keepSourceTokens: false,
  // Kubernetes' own decoder is YAML 1.2-ish but accepts merge keys, which manifests use.
  merge: true,
} as const;

export function parseChunk(text: string): ParsedDocument[] {
  // Duplicate keys are checked in linear time (yamlParse.ts): the package's own check is quadratic per mapping.
  const docs = parseAllDocumentsLinear(text, PARSE_OPTIONS);
  const result: ParsedDocument[] = [];
  for (const doc of docs) {
    const firstError = doc.errors[0];
    result.push({
      doc,
      offsetInChunk: 0,
      error: firstError
        ? { message: firstError.message.split('\n')[0], start: firstError.pos[0], end: Math.max(firstError.pos[1], firstError.pos[0] + 1) }
        : undefined,
    });
  }
  return result;
}

/**
 * Go-template syntax in YAML positions (`{{- if }}` lines, `key: {{ .Values.x }}`, `- {{ ... }}`).
 * Text inside quotes or after a comment does not count: rendered dashboards and alert templates in
 * ConfigMaps are ordinary YAML.
 */
const TEMPLATE_LINE = /^[ \t]*(?:-[ \t]+)?\{\{|^[^#'"\n]*:[ \t]+\{\{|^[ \t]*-[ \t]+[^#'"\n]*\{\{/m;

export function looksLikeHelmTemplate(text: string): boolean {
  return text.includes('{{') && TEMPLATE_LINE.test(text);
}

/** NUL bytes or lots of control characters near the start: not a text file. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) {
    return true;
  }
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) {
      control++;
    }
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

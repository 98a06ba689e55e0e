// Carrying a fix of a rendered document over to the files it was rendered from. Literal text (`copy` spans) is
// edited in place through the origin map. A rendered node that stands for a node of another file (a `node` span:
// `toYaml .Values.resources`, a container a Kustomize build carried over; or a scalar printed whole from one
// values node: `replicas: {{ .Values.replicaCount }}`) is edited as that node: the fix is applied to the rendered
// document, the node's value before and after is compared, and the difference is written into the source
// document with the YamlEditor, in that file's own style. Anything else has no faithful edit: no fix.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import type { OriginMap } from '../model/originMap';
import type { SourceRange } from '../model/origin';
import { PARSE_OPTIONS } from '../model/documents';
import type { YamlChunk } from '../model/yamlChunk';
import type { Fix, TextEdit } from '../types';
import type { EmitValue } from './edits/emit';
import { YamlEditor } from './edits/yamlEdit';
import { applyEdits } from './fixAll';

/** Read access to the source files (the values files a chart's output came from). */
export interface SourceTexts {
  readText(file: string): string | undefined;
}

type Path = (string | number)[];

/** A rendered node and the source node it stands for. */
interface Image {
  node: Node;
  path: Path;
  start: number;
  end: number;
  source: SourceNode;
}

interface SourceNode {
  file: string;
  text: string;
  doc: Document.Parsed;
  node: Node;
}

/**
 * The fix with every edit in a source file, or undefined when an edit has no faithful place there. Edits are
 * relative to the chunk (those with `file` set are already in a source file); `chunkStart`: the chunk's offset
 * in the rendered text the origin map describes.
 */
export function carryFix(fix: Fix, chunk: YamlChunk, chunkStart: number, origins: OriginMap, sources?: SourceTexts): Fix | undefined {
  const carried: TextEdit[] = fix.edits.filter((edit) => edit.file !== undefined);
  let local = fix.edits.filter((edit) => edit.file === undefined);
  if (sources && local.some((edit) => touchesValueSpan(edit, chunkStart, origins))) {
    const images = touchedImages(local, chunk, chunkStart, origins, sources);
    if (images.length > 0) {
      const changed = changedImages(chunk, local, images);
      if (!changed) return undefined;
      for (const { image, after } of changed) {
        const edits = sourceEdits(image.source, after);
        if (!edits) return undefined;
        carried.push(...edits);
        local = local.filter((edit) => !touches(edit, image.start, image.end));
      }
    }
  }
  for (const edit of local) {
    const mapped = origins.mapEdit({ ...edit, offset: edit.offset + chunkStart });
    if (!mapped) return undefined;
    carried.push(mapped);
  }
  return { ...fix, edits: carried };
}

function touches(edit: TextEdit, start: number, end: number): boolean {
  return start <= edit.offset && edit.offset + edit.length <= end;
}

function touchesValueSpan(edit: TextEdit, chunkStart: number, origins: OriginMap): boolean {
  const at = edit.offset + chunkStart;
  return origins
    .spansTouching(at, at + edit.length)
    .some((span) => span.kind === 'node' || (span.kind === 'produced' && span.via?.length === 1));
}

/** The outermost images whose content an edit touches. */
function touchedImages(edits: TextEdit[], chunk: YamlChunk, chunkStart: number, origins: OriginMap, sources: SourceTexts): Image[] {
  const images: Image[] = [];
  const visit = (node: unknown, path: Path): void => {
    if (!node || isAlias(node) || !(isMap(node) || isSeq(node) || isScalar(node)) || !node.range) return;
    const start = node.range[0];
    const end = contentEnd(chunk.text, start, node.range[1]);
    if (!edits.some((edit) => touches(edit, start, end))) return;
    const source = sourceOf(node, start, end, chunk.text, chunkStart, origins, sources);
    if (source) {
      images.push({ node, path, start, end, source });
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number')) {
          visit(pair.value, [...path, pair.key.value]);
        }
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  for (const parsed of chunk.parsed) {
    if (!parsed.error) visit(parsed.doc.contents, []);
  }
  return images;
}

/** End of a node's content: its range end without the line breaks and spaces a block node takes with it. */
function contentEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The source node a rendered node stands for, when it stands for one whole and with the same value. */
function sourceOf(
  node: Node,
  start: number,
  end: number,
  text: string,
  chunkStart: number,
  origins: OriginMap,
  sources: SourceTexts,
): SourceNode | undefined {
  for (const span of origins.spansAt(start + chunkStart, end + chunkStart)) {
    let range: SourceRange | undefined;
    if (span.kind === 'node') {
      // The span is the node's own when only whitespace (the indentation toYaml's caller added) lies around it.
      const before = text.slice(Math.max(0, span.start - chunkStart), start);
      const after = text.slice(end, Math.max(end, span.end - chunkStart));
      if (before.trim() === '' && after.trim() === '') range = span.source;
    } else if (
      span.kind === 'produced' &&
      span.via?.length === 1 &&
      isScalar(node) &&
      span.start === start + chunkStart &&
      span.end === end + chunkStart
    ) {
      range = span.via[0];
    }
    if (!range) continue;
    const resolved = sourceNode(range, sources);
    if (resolved && looselyEqual(resolved.node.toJSON(), node.toJSON())) return resolved;
    return undefined;
  }
  return undefined;
}

const parsedSources = new Map<string, Document.Parsed>();
const MAX_PARSED_SOURCES = 16;

function sourceNode(range: SourceRange, sources: SourceTexts): SourceNode | undefined {
  const text = sources.readText(range.file);
  if (text === undefined) return undefined;
  let doc = parsedSources.get(text);
  if (!doc) {
    doc = parseDocument(text, PARSE_OPTIONS);
    if (parsedSources.size >= MAX_PARSED_SOURCES) parsedSources.delete(parsedSources.keys().next().value as string);
    parsedSources.set(text, doc);
  }
  if (doc.errors.length > 0) return undefined;
  let start = range.start;
  while (start < range.end && /\s/.test(text[start])) start++;
  const node = valueNodeAt(doc.contents, start);
  return node ? { file: range.file, text, doc, node } : undefined;
}

/** The outermost value node (never a key) starting at `start`. */
function valueNodeAt(node: unknown, start: number): Node | undefined {
  if (!node || !(isMap(node) || isSeq(node) || isScalar(node)) || !node.range) return undefined;
  if (node.range[0] === start) return node;
  if (start < node.range[0] || start > node.range[2]) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = valueNodeAt(pair.value, start);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = valueNodeAt(item, start);
      if (found) return found;
    }
  }
  return undefined;
}

/** Each image the fix changes, with its value after the fix; undefined when the fixed text no longer parses. */
function changedImages(chunk: YamlChunk, edits: TextEdit[], images: Image[]): { image: Image; after: unknown }[] | undefined {
  let fixed: Document.Parsed[];
  try {
    fixed = parseAllDocuments(applyEdits(chunk.text, edits), PARSE_OPTIONS) as Document.Parsed[];
  } catch {
    return undefined;
  }
  const changed: { image: Image; after: unknown }[] = [];
  for (const image of images) {
    const index = chunk.parsed.findIndex((parsed) => parsed.doc.range[0] <= image.start && image.start <= parsed.doc.range[2]);
    const doc = fixed[index];
    if (!doc || doc.errors.length > 0) return undefined;
    const node = doc.getIn(image.path, true) as Node | undefined;
    if (node === undefined) return undefined;
    const after = isMap(node) || isSeq(node) || isScalar(node) ? node.toJSON() : node;
    if (!looselyEqual(image.node.toJSON(), after)) changed.push({ image, after });
  }
  return changed;
}

/** The edits that give the source node the value `after`, written with the source document's own style. */
function sourceEdits(source: SourceNode, after: unknown): TextEdit[] | undefined {
  const editor = new YamlEditor({ doc: source.doc, base: 0, source: source.text });
  const before: unknown = source.node.toJSON();
  let edits: TextEdit[] | undefined;
  if (isScalar(source.node) && isScalarValue(after)) {
    const edit = editor.replaceScalar(source.node, after);
    edits = edit ? [edit] : undefined;
  } else if (isMap(source.node) && isRecord(before) && isRecord(after)) {
    const entries = changedEntries(before, after);
    edits = entries ? editor.setEntries(source.node, entries) : undefined;
  }
  return edits?.map((edit) => ({ ...edit, file: source.file }));
}

/** The entries of `after` that are new or different from `before`; undefined when `after` lost an entry. */
function changedEntries(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, EmitValue> | undefined {
  const entries: Record<string, EmitValue> = {};
  for (const key of Object.keys(before)) if (!(key in after)) return undefined;
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) entries[key] = value as EmitValue;
    else if (!looselyEqual(before[key], value)) {
      const old = before[key];
      if (isRecord(old) && isRecord(value)) {
        const nested = changedEntries(old, value);
        if (!nested) return undefined;
        entries[key] = nested;
      } else entries[key] = value as EmitValue;
    }
  }
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalarValue(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Equal as a manifest reader sees them: scalars by their text (`1` and "1" print alike once rendered). */
export function looselyEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => looselyEqual(item, b[i]));
  }
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && looselyEqual(a[key], b[key]));
  }
  return a === b || ((a ?? null) !== null && (b ?? null) !== null && String(a) === String(b));
}

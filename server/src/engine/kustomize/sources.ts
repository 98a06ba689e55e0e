// The source files of Kustomize builds as the judge reads them: a file model per file (parsed once per text), and
// the lookups placement, suppressions and fixes need in them: the YAML node starting at an offset, the pair of a
// key in a mapping, the YAML document an offset is in, the Kubernetes object at an offset.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { type K8sObject } from '../k8s/objects';
import { FileModel, type PlacedChunk } from '../model/fileModel';
import { type ProjectFiles } from '../model/origin';
import type { DocRef } from '../model/yamlAccess';
import type { ChunkDocument } from '../model/yamlChunk';

/** A node of a source file, with the chunk it is in (node offsets are relative to the chunk). */
export interface SourceNode {
  file: string;
  placed: PlacedChunk;
  document: ChunkDocument;
  ref: DocRef;
  node: Node;
}

const MAX_MODELS = 256;

export class SourceModels {
  private readonly models = new Map<string, { text: string; model: FileModel }>();

  constructor(readonly files: ProjectFiles) {}

  text(file: string): string | undefined {
    return this.files.readText(file);
  }

  /** The model of a file's current text (undefined when it cannot be read). */
  model(file: string): FileModel | undefined {
    const text = this.files.readText(file);
    if (text === undefined) return undefined;
    const known = this.models.get(file);
    if (known?.text === text) return known.model;
    const model = known?.model ?? new FileModel();
    model.setText(text);
    if (!known && this.models.size >= MAX_MODELS) this.models.delete(this.models.keys().next().value as string);
    this.models.set(file, { text, model });
    return model;
  }

  /** Index of the YAML document of `file` holding `offset` (0 when unknown). */
  docIndexAt(file: string, offset: number): number {
    const placed = this.model(file)?.chunkAt(offset);
    if (!placed) return 0;
    const local = offset - placed.start;
    const index = placed.chunk.parsed.findIndex((parsed) => local <= parsed.doc.range[2]);
    return placed.docBase + Math.max(0, index < 0 ? placed.chunk.docCount - 1 : index);
  }

  /** The outermost value node (a map, sequence or scalar; never a key) starting at `offset`, whitespace skipped. */
  nodeAt(file: string, offset: number): SourceNode | undefined {
    const model = this.model(file);
    const text = model?.text;
    if (!model || text === undefined) return undefined;
    let at = offset;
    while (at < text.length && /\s/.test(text[at])) at++;
    const placed = model.chunkAt(at);
    if (!placed) return undefined;
    const local = at - placed.start;
    for (const document of placed.chunk.documents(false)) {
      if (!document.ref) continue;
      const node = valueNodeAt(document.ref.doc.contents, local);
      if (node) return { file, placed, document, ref: document.ref, node };
    }
    return undefined;
  }

  /** The Kubernetes object whose mapping starts at `offset` of `file`. */
  objectAt(file: string, offset: number): { object: K8sObject; placed: PlacedChunk } | undefined {
    const found = this.nodeAt(file, offset);
    if (!found || !isMap(found.node)) return undefined;
    const object = found.document.objects.find((candidate) => candidate.node === found.node);
    return object ? { object, placed: found.placed } : undefined;
  }
}

/** The pair of `key` written in a mapping (not merged in). */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
}

/** The outermost value node (never a key) starting at `start`. */
function valueNodeAt(node: unknown, start: number): Node | undefined {
  if (!node || !(isMap(node) || isSeq(node) || isScalar(node)) || !node.range) return undefined;
  if (node.range[0] === start) return node;
  if (start < node.range[0] || start > node.range[2]) return undefined;
  const children: unknown[] = isMap(node) ? node.items.map((pair) => pair.value) : isSeq(node) ? node.items : [];
  for (const child of children) {
    const found = valueNodeAt(child, start);
    if (found) return found;
  }
  return undefined;
}

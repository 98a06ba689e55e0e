// One chunk of a file: the text from one document marker to the next, parsed once, with everything derived
// from the parse (the Kubernetes objects and workloads of each YAML document, their cross-object facts) made
// here and shared by every view of the file: the linter, suppressions, Ignore fixes, the rollout timeline, the
// project index. Other modules memoise what they derive from a chunk on it (`memo`), so a second view never
// parses or walks again. The parse and everything memoised can be released (the memory budget of big files)
// and are made again on demand; the facts, small plain data, stay.
import { isMap } from 'yaml';
import { collectFacts, emptyFacts } from '../facts/collect';
import type { Facts } from '../facts/types';
import { asWorkload, markPatches, objectsInDocument, type K8sObject, type Workload } from '../k8s/objects';
import { looksLikeHelmTemplate, parseChunk, type ParsedDocument } from './documents';
import { deref, type DocRef } from './yamlAccess';

/** One YAML document of a chunk. Offsets of its nodes are relative to the chunk. */
export interface ChunkDocument {
  /** Index of the document inside the chunk. */
  index: number;
  parsed: ParsedDocument;
  /** Absent when the document does not parse. */
  ref?: DocRef;
  /** Kubernetes objects: the root map, or the items of a List; none for a document that is not a mapping. */
  objects: K8sObject[];
  workloads: Workload[];
}

export class YamlChunk {
  readonly docCount: number;
  readonly hasError: boolean;
  /** Go-template syntax: not YAML until rendered, not judged. */
  readonly helm: boolean;
  /** The cross-object facts of the chunk's objects (no origins: offsets move with edits above). */
  readonly facts: Facts;
  /** The facts as text: what "the facts changed" means from one version of the file to the next. */
  readonly factsKey: string;
  /** Stamp of the last operation that needed the parse (see FileModel's memory budget). */
  used = 0;
  private parsedDocuments: ParsedDocument[] | undefined;
  private readonly memos = new Map<unknown, unknown>();

  /** `rendered`: the text is a renderer's output, final YAML (`{{` in it is data, e.g. a Go template in a ConfigMap). */
  constructor(
    readonly text: string,
    readonly rendered = false,
  ) {
    this.helm = !rendered && looksLikeHelmTemplate(text);
    this.parsedDocuments = parseChunk(text);
    this.docCount = this.parsedDocuments.length;
    this.hasError = this.parsedDocuments.some((document) => document.error !== undefined);
    const facts = emptyFacts();
    if (!this.helm) {
      for (const document of this.documents(false)) {
        for (const object of document.objects) collectFacts(object, facts);
      }
    }
    this.facts = facts;
    this.factsKey = JSON.stringify(facts);
  }

  get parsed(): ParsedDocument[] {
    this.parsedDocuments ??= parseChunk(this.text);
    return this.parsedDocuments;
  }

  get isParsed(): boolean {
    return this.parsedDocuments !== undefined;
  }

  /**
   * The documents with their objects. `patchFile`: the file is listed as a Kustomize patch, so every object is a
   * fragment whatever it contains (two derivations, since a kustomization may start or stop listing the file).
   */
  documents(patchFile: boolean): ChunkDocument[] {
    return this.memo(patchFile ? DOCUMENTS_AS_PATCHES : DOCUMENTS, () =>
      this.parsed.map((parsed, index): ChunkDocument => {
        if (parsed.error) return { index, parsed, objects: [], workloads: [] };
        const ref: DocRef = { doc: parsed.doc, base: 0, source: this.text };
        if (!isMap(deref(parsed.doc.contents, ref))) return { index, parsed, ref, objects: [], workloads: [] };
        const objects = markPatches(objectsInDocument(ref, index), patchFile);
        const workloads = objects.map(asWorkload).filter((workload): workload is Workload => workload !== undefined);
        return { index, parsed, ref, objects, workloads };
      }),
    );
  }

  /** A value derived from this chunk's parse, computed once per `key` until the parse is released. */
  memo<T>(key: unknown, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Drops the parse and everything derived from it. */
  release(): void {
    this.parsedDocuments = undefined;
    this.memos.clear();
  }
}

const DOCUMENTS = Symbol('documents');
const DOCUMENTS_AS_PATCHES = Symbol('documents as patches');

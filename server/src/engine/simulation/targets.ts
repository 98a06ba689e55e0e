// Finds the Deployments and StatefulSets of a text (with the file's cross-object facts, so an HPA in another
// document counts) and simulates one of them. Documents are split and parsed the way the linter does it
// (documents.ts), so doc indexes and offsets agree with the diagnostics.
import { looksBinary, looksLikeHelmTemplate, parseChunk, splitDocuments } from '../model/documents';
import { collectFacts, emptyFacts, mergeFacts } from '../facts/collect';
import { asWorkload, objectsInDocument, type K8sObject } from '../k8s/objects';
import { readRollingUpdate } from '../k8s/rollout';
import type { FileContext } from '../catalog/rule';
import { getInt, getMap, getPair, type DocRef } from '../model/yamlAccess';
import { isRolloutKind, readRolloutInputs } from './model';
import { simulateInputs } from './simulate';
import type { RolloutAssumptions, RolloutSimulation } from './types';

export interface RolloutTarget {
  object: K8sObject;
  /** Facts of the whole file (Services, HPAs). Offsets in `object` are relative to its YAML chunk; use the ranges here. */
  file: FileContext;
  docIndex: number;
  kind: 'Deployment' | 'StatefulSet';
  name?: string;
  namespace?: string;
  /** The `kind:` entry, offsets into the text: where the CodeLens goes. */
  kindRange: [number, number];
  /** The object's map, offsets into the text. */
  range: [number, number];
  /**
   * Worth a CodeLens: a whole object (not a patch) whose replicas and rollout settings are numbers, not
   * template placeholders.
   */
  complete: boolean;
}

export interface TargetSelector {
  docIndex?: number;
  kind?: string;
  name?: string;
}

interface ChunkTargets {
  /** YAML documents in the chunk (for document indexes). */
  documents: number;
  /** Facts the chunk contributes to the file. */
  facts: FileContext;
  /** Rollout objects, offsets relative to the chunk; docIndex relative to the chunk. */
  objects: { object: K8sObject; docIndex: number; end: number; complete: boolean }[];
}

function analyseChunk(text: string): ChunkTargets {
  const parsed = parseChunk(text);
  const facts = emptyFacts();
  const objects: ChunkTargets['objects'] = [];
  if (!looksLikeHelmTemplate(text)) {
    parsed.forEach((document, j) => {
      if (document.error) return;
      const ref: DocRef = { doc: document.doc, base: 0, source: text };
      for (const object of objectsInDocument(ref, j)) {
        collectFacts(object, facts);
        if (isRolloutKind(object)) {
          objects.push({ object, docIndex: j, end: object.node.range?.[1] ?? object.node.range?.[0] ?? 0, complete: isComplete(object) });
        }
      }
    });
  }
  return { documents: parsed.length, facts, objects };
}

/**
 * Finds the Deployments and StatefulSets of successive versions of one text, parsing again only the YAML
 * documents whose text changed (the way the linter splits them), so an editor can ask after every edit.
 * Unchanged documents keep their K8sObject instances, which callers may use as cache keys.
 */
export class RolloutTargetFinder {
  private chunks = new Map<string, ChunkTargets>();

  find(text: string): RolloutTarget[] {
    if (looksBinary(text)) {
      this.chunks.clear();
      return [];
    }
    const previous = this.chunks;
    const current = new Map<string, ChunkTargets>();
    const file = emptyFacts();
    const found: RolloutTarget[] = [];
    let docIndex = 0;
    for (const chunk of splitDocuments(text)) {
      let analysed = current.get(chunk.text) ?? previous.get(chunk.text);
      if (!analysed) analysed = analyseChunk(chunk.text);
      current.set(chunk.text, analysed);
      mergeFacts(file, analysed.facts);
      for (const { object, docIndex: inChunk, end, complete } of analysed.objects) {
        found.push({
          object,
          file,
          docIndex: docIndex + inChunk,
          kind: object.kind as RolloutTarget['kind'],
          name: object.name,
          namespace: object.namespace,
          kindRange: [chunk.start + object.kindRange[0], chunk.start + object.kindRange[1]],
          range: [chunk.start + object.start, chunk.start + end],
          complete,
        });
      }
      docIndex += analysed.documents;
    }
    this.chunks = current;
    return found;
  }
}

/** Every Deployment and StatefulSet in the text, in document order. */
export function rolloutTargets(text: string): RolloutTarget[] {
  return new RolloutTargetFinder().find(text);
}

function isComplete(object: K8sObject): boolean {
  const workload = asWorkload(object);
  if (!workload || workload.isFragment) return false;
  const spec = getMap(object.node, 'spec', object.ref);
  if (getPair(spec, 'replicas', object.ref) && getInt(spec, 'replicas', object.ref) === undefined) return false;
  return object.kind !== 'Deployment' || readRollingUpdate(object).understood;
}

/**
 * The target a selector names: same document index, kind and name first; then, when the text changed and
 * documents moved, the only object of that kind and name.
 */
export function findRolloutTarget(targets: readonly RolloutTarget[], selector: TargetSelector): RolloutTarget | undefined {
  const sameIdentity = (t: RolloutTarget) =>
    (selector.kind === undefined || t.kind === selector.kind) && (selector.name === undefined || t.name === selector.name);
  const exact = targets.find((t) => t.docIndex === selector.docIndex && sameIdentity(t));
  if (exact) return exact;
  const byName = targets.filter(sameIdentity);
  if (byName.length === 1 && (selector.name !== undefined || selector.docIndex === undefined)) return byName[0];
  return selector.docIndex !== undefined && selector.kind === undefined && selector.name === undefined
    ? targets.find((t) => t.docIndex === selector.docIndex)
    : undefined;
}

/** Simulates the rollout of a Deployment or StatefulSet. `file` adds the file's facts (an HPA scaling it). */
export function simulateRollout(object: K8sObject, assumptions?: Partial<RolloutAssumptions>, file?: FileContext): RolloutSimulation {
  const inputs = readRolloutInputs(object, file);
  if (!inputs) throw new Error(`${object.kind} is not a Deployment or StatefulSet: there is no rollout to simulate`);
  return simulateInputs(inputs, assumptions);
}

/** Simulates a target found by rolloutTargets. */
export function simulateTarget(target: RolloutTarget, assumptions?: Partial<RolloutAssumptions>): RolloutSimulation {
  return simulateRollout(target.object, assumptions, target.file);
}

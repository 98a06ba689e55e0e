// Finds the Deployments and StatefulSets of a file model, with the project they are judged in (an HPA in another
// document or file counts), and simulates one of them. Targets come from the model's own chunks (memoised on
// each), so doc indexes, offsets and facts agree with the diagnostics of the same version.
import { emptyProject, type Project } from '../facts/project';
import { asWorkload, type K8sObject } from '../k8s/objects';
import { readRollingUpdate } from '../k8s/rollout';
import type { FileModel } from '../model/fileModel';
import type { YamlChunk } from '../model/yamlChunk';
import { getInt, getMap, getPair } from '../model/yamlAccess';
import { Linter } from '../run/linter';
import type { LintOptions } from '../types';
import { isRolloutKind, readRolloutInputs } from './model';
import { simulateInputs } from './simulate';
import type { RolloutAssumptions, RolloutSimulation } from './types';

export interface RolloutTarget {
  /** Offsets in `object` are relative to its YAML chunk; use the ranges here. */
  object: K8sObject;
  /** The project the object is judged in: the same facts the linter's findings used. */
  project: Project;
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
  /** The Kustomize root whose build deploys the object this way (a base's workload, seen through each root). */
  root?: string;
}

export interface TargetSelector {
  docIndex?: number;
  kind?: string;
  name?: string;
}

interface ChunkTarget {
  object: K8sObject;
  docIndex: number;
  end: number;
  complete: boolean;
}

const TARGETS = Symbol('rollout targets');

function chunkTargets(chunk: YamlChunk, patchFile: boolean): ChunkTarget[] {
  return chunk.memo(patchFile ? TARGETS_AS_PATCHES : TARGETS, () => {
    const found: ChunkTarget[] = [];
    if (chunk.helm) return found;
    for (const document of chunk.documents(patchFile)) {
      for (const object of document.objects) {
        if (isRolloutKind(object)) {
          found.push({
            object,
            docIndex: document.index,
            end: object.node.range?.[1] ?? object.node.range?.[0] ?? 0,
            complete: isComplete(object),
          });
        }
      }
    }
    return found;
  });
}

const TARGETS_AS_PATCHES = Symbol('rollout targets as patches');

/** Every Deployment and StatefulSet of the model's text, in document order, judged in `project`. */
export function rolloutTargetsOf(model: FileModel, project: Project, patchFile = false): RolloutTarget[] {
  const found: RolloutTarget[] = [];
  for (const { chunk, start, docBase } of model.chunks) {
    for (const { object, docIndex, end, complete } of chunkTargets(chunk, patchFile)) {
      found.push({
        object,
        project,
        docIndex: docBase + docIndex,
        kind: object.kind as RolloutTarget['kind'],
        name: object.name,
        namespace: object.namespace,
        kindRange: [start + object.kindRange[0], start + object.kindRange[1]],
        range: [start + object.start, start + end],
        complete,
      });
    }
  }
  return found;
}

/** Every Deployment and StatefulSet in the text, judged with the text's own facts plus those the options give. */
export function rolloutTargets(text: string, options: LintOptions = {}): RolloutTarget[] {
  const linter = new Linter();
  linter.lint(text, options);
  return rolloutTargetsOf(linter.model, linter.project(), options.isPatchFile === true);
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

/** Simulates the rollout of a Deployment or StatefulSet; `project` gives the objects around it (an HPA scaling it). */
export function simulateRollout(
  object: K8sObject,
  assumptions?: Partial<RolloutAssumptions>,
  project: Project = emptyProject(),
): RolloutSimulation {
  const inputs = readRolloutInputs(object, project);
  if (!inputs) throw new Error(`${object.kind} is not a Deployment or StatefulSet: there is no rollout to simulate`);
  return simulateInputs(inputs, assumptions);
}

/** Simulates a target found by rolloutTargets. */
export function simulateTarget(target: RolloutTarget, assumptions?: Partial<RolloutAssumptions>): RolloutSimulation {
  return simulateRollout(target.object, assumptions, target.project);
}

// Which cross-object facts a document's findings can depend on, so that a change elsewhere in the file (a renamed
// Deployment, a Service being typed, a document broken for a keystroke) re-checks only the documents it concerns.
//
// The signature of a document lists (by identity) a superset of the facts its rules may read: for each of its
// workloads, the Services, PDBs and HPAs that could select or scale it; for each of its PDBs, the workloads they
// could select and those workloads' HPAs, plus everything pdb-selects-nothing counts. A rule that starts reading
// other facts must extend this file; test/src/unit/incremental.test.ts compares incremental with full analysis.
import { lookup, type FactLookup } from '../facts/lookup';
import type { FileContext, WorkloadFact } from '../catalog/rule';

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A stable number per fact object (facts of an unchanged document are the same objects from lint to lint). */
function idOf(fact: object): number {
  let id = ids.get(fact);
  if (id === undefined) {
    id = nextId++;
    ids.set(fact, id);
  }
  return id;
}

/** Candidates come from the same indexes the rules' lookups use (lookup.ts), so both see the same supersets. */
export class FactIndex {
  private readonly candidates: FactLookup;

  /**
   * @param workloadsGeneration changes whenever the file's list of workloads does (pdb-selects-nothing counts them)
   */
  constructor(
    private readonly file: FileContext,
    private readonly workloadsGeneration: number,
  ) {
    this.candidates = lookup(file);
  }

  /** The facts (by identity) the findings of a document with these facts may depend on. */
  signature(own: FileContext): string {
    const parts: number[] = [];
    for (const workload of own.workloads) {
      this.addWorkloadDependencies(workload, parts);
    }
    for (const pdb of own.pdbs) {
      for (const workload of this.candidates.workloadsFor(pdb)) {
        parts.push(idOf(workload));
        for (const hpa of this.candidates.autoscalersFor(workload.name)) {
          parts.push(idOf(hpa));
        }
      }
    }
    let text = parts.join(',');
    if (own.pdbs.length > 0) {
      text += `|w${this.workloadsGeneration}|o${this.file.opaque.length > 0 ? 1 : 0}`;
    }
    return text;
  }

  private addWorkloadDependencies(workload: WorkloadFact, parts: number[]): void {
    for (const fact of [
      ...this.candidates.servicesFor(workload.podLabels),
      ...this.candidates.pdbsFor(workload.podLabels),
      ...this.candidates.autoscalersFor(workload.name),
    ]) {
      parts.push(idOf(fact));
    }
    parts.push(-1);
  }
}

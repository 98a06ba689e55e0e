// Which cross-object facts a document's findings can depend on, so that a change elsewhere in the file (a renamed
// Deployment, a Service being typed, a document broken for a keystroke) re-checks only the documents it concerns.
//
// The signature of a document lists (by identity) a superset of the facts its rules may read: for each of its
// workloads, the Services, PDBs and HPAs that could select or scale it; for each of its PDBs, the workloads they
// could select and those workloads' HPAs, plus everything pdb-selects-nothing counts. A rule that starts reading
// other facts must extend this file; test/src/unit/incremental.test.ts compares incremental with full analysis.
import type { AutoscalerFact, FileContext, PdbFact, ServiceFact, WorkloadFact } from './rule';

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

function pair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

export class FactIndex {
  private readonly servicesByLabel = new Map<string, ServiceFact[]>();
  private readonly pdbsByLabel = new Map<string, PdbFact[]>();
  /** PDBs that may select pods without a label in common: no matchLabels, or a selector that can't be read. */
  private readonly pdbsAny: PdbFact[] = [];
  private readonly autoscalersByTarget = new Map<string, AutoscalerFact[]>();
  private readonly workloadsByLabel = new Map<string, WorkloadFact[]>();
  private readonly allWorkloads: WorkloadFact[];

  /**
   * @param workloadsGeneration changes whenever the file's list of workloads does (pdb-selects-nothing counts them)
   */
  constructor(
    private readonly file: FileContext,
    private readonly workloadsGeneration: number,
  ) {
    for (const service of file.services) {
      const first = Object.entries(service.selector)[0];
      if (first) {
        push(this.servicesByLabel, pair(first[0], first[1]), service);
      }
    }
    for (const pdb of file.pdbs) {
      const first = Object.entries(pdb.selector?.matchLabels ?? {})[0];
      if (first) {
        push(this.pdbsByLabel, pair(first[0], first[1]), pdb);
      } else {
        this.pdbsAny.push(pdb);
      }
    }
    for (const hpa of file.autoscalers) {
      if (hpa.targetName !== undefined) {
        push(this.autoscalersByTarget, hpa.targetName, hpa);
      }
    }
    for (const workload of file.workloads) {
      for (const [key, value] of Object.entries(workload.podLabels ?? {})) {
        push(this.workloadsByLabel, pair(key, value), workload);
      }
    }
    this.allWorkloads = file.workloads;
  }

  /** The facts (by identity) the findings of a document with these facts may depend on. */
  signature(own: FileContext): string {
    const parts: number[] = [];
    for (const workload of own.workloads) {
      this.addWorkloadDependencies(workload, parts);
    }
    for (const pdb of own.pdbs) {
      const first = Object.entries(pdb.selector?.matchLabels ?? {})[0];
      const candidates = first ? (this.workloadsByLabel.get(pair(first[0], first[1])) ?? []) : this.allWorkloads;
      for (const workload of candidates) {
        parts.push(idOf(workload));
        for (const hpa of workload.name === undefined ? [] : (this.autoscalersByTarget.get(workload.name) ?? [])) {
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
    for (const [key, value] of Object.entries(workload.podLabels ?? {})) {
      for (const service of this.servicesByLabel.get(pair(key, value)) ?? []) {
        parts.push(idOf(service));
      }
      for (const pdb of this.pdbsByLabel.get(pair(key, value)) ?? []) {
        parts.push(idOf(pdb));
      }
    }
    for (const pdb of this.pdbsAny) {
      parts.push(idOf(pdb));
    }
    for (const hpa of workload.name === undefined ? [] : (this.autoscalersByTarget.get(workload.name) ?? [])) {
      parts.push(idOf(hpa));
    }
    parts.push(-1);
  }
}

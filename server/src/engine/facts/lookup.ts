// Indexed lookups over a file's cross-object facts. Rules ask "which Services select these pods?", "which HPA
// scales this Deployment?" for every workload; scanning every fact each time is quadratic on a file with
// thousands of documents. The index gives the candidates (a superset, in file order); callers still apply
// the exact match, so results are the same as a scan.
import type { AutoscalerFact, FileContext, PdbFact, ServiceFact, WorkloadFact } from '../catalog/rule';

const indexes = new WeakMap<FileContext, FactLookup>();

/** The lookup for this file context, built on first use (a context is built once per lint). */
export function lookup(file: FileContext): FactLookup {
  let index = indexes.get(file);
  if (!index) {
    index = new FactLookup(file);
    indexes.set(file, index);
  }
  return index;
}

function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** Items of several candidate lists, each once, in their original order. */
function inOrder<T>(lists: (T[] | undefined)[], order: Map<T, number>): T[] {
  const seen = new Set<T>();
  for (const list of lists) {
    for (const item of list ?? []) {
      seen.add(item);
    }
  }
  return [...seen].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

export class FactLookup {
  private readonly servicesByLabel = new Map<string, ServiceFact[]>();
  private readonly serviceOrder = new Map<ServiceFact, number>();
  private readonly pdbsByLabel = new Map<string, PdbFact[]>();
  private readonly pdbsAny: PdbFact[] = [];
  private readonly pdbOrder = new Map<PdbFact, number>();
  private readonly workloadsByLabel = new Map<string, WorkloadFact[]>();
  private readonly workloadOrder = new Map<WorkloadFact, number>();
  private readonly autoscalersByName = new Map<string, AutoscalerFact[]>();

  constructor(private readonly file: FileContext) {
    file.services.forEach((service, i) => {
      this.serviceOrder.set(service, i);
      const first = Object.entries(service.selector)[0];
      if (first) {
        add(this.servicesByLabel, labelKey(first[0], first[1]), service);
      }
    });
    file.pdbs.forEach((pdb, i) => {
      this.pdbOrder.set(pdb, i);
      const first = Object.entries(pdb.selector?.matchLabels ?? {})[0];
      if (first) {
        add(this.pdbsByLabel, labelKey(first[0], first[1]), pdb);
      } else {
        this.pdbsAny.push(pdb);
      }
    });
    file.workloads.forEach((workload, i) => {
      this.workloadOrder.set(workload, i);
      for (const [key, value] of Object.entries(workload.podLabels ?? {})) {
        add(this.workloadsByLabel, labelKey(key, value), workload);
      }
    });
    for (const hpa of file.autoscalers) {
      if (hpa.targetName !== undefined) {
        add(this.autoscalersByName, hpa.targetName, hpa);
      }
    }
  }

  /** Services that may select pods with these labels (each selector's first entry is among the labels). */
  servicesFor(labels: Record<string, string> | undefined): ServiceFact[] {
    const entries = Object.entries(labels ?? {});
    return inOrder(
      entries.map(([key, value]) => this.servicesByLabel.get(labelKey(key, value))),
      this.serviceOrder,
    );
  }

  /** PDBs that may select pods with these labels, including those without matchLabels. */
  pdbsFor(labels: Record<string, string> | undefined): PdbFact[] {
    const entries = Object.entries(labels ?? {});
    return inOrder([...entries.map(([key, value]) => this.pdbsByLabel.get(labelKey(key, value))), this.pdbsAny], this.pdbOrder);
  }

  /** Workloads whose pods a PDB may select (all of them when it has no matchLabels). */
  workloadsFor(pdb: PdbFact): WorkloadFact[] {
    const first = Object.entries(pdb.selector?.matchLabels ?? {})[0];
    return first ? [...(this.workloadsByLabel.get(labelKey(first[0], first[1])) ?? [])] : this.file.workloads;
  }

  /** HPAs whose scaleTargetRef names this object, in file order. */
  autoscalersFor(name: string | undefined): AutoscalerFact[] {
    return name === undefined ? [] : (this.autoscalersByName.get(name) ?? []);
  }
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

// The facts of many files, indexed for the questions rules ask ("which Services select these pods?", "which
// HPA scales this Deployment?"). One index serves a whole project: the CLI's paths, a workspace folder of the
// language server. Files are added, replaced and removed one at a time, and each change costs the size of that
// file's facts, not of the project: a keystroke in a 20,000-file workspace must not rebuild anything global.
// Answers are candidates (a superset, in project order: files in the order they were first added, then
// position); callers apply the exact match (facts/project.ts).
import { asPatchFacts, emptyFacts } from './collect';
import type { AutoscalerFact, Facts, MeshRouteFact, NamespaceFact, OpaqueFact, PdbFact, ServiceFact, WorkloadFact } from './types';

type Fact = ServiceFact | AutoscalerFact | PdbFact | WorkloadFact | NamespaceFact | MeshRouteFact | OpaqueFact;

interface Entry<T extends Fact> {
  fact: T;
  file: string;
  /** Project order: the file's rank, then the fact's place in it. */
  order: number;
}

/** What a kustomization lists, as project paths. */
export interface KustomizationPaths {
  /** The files it lists as patches. */
  patches: readonly string[];
  /** Its resources, bases and components (files or folders). */
  sources: readonly string[];
  /** It builds from a remote resource or base. */
  remote: boolean;
}

interface IndexedFile {
  rank: number;
  /** The facts as given. */
  facts: Facts;
  /** What the index holds: the same, as fragments when a kustomization lists the file as a patch. */
  indexed: Facts;
  /** Kustomization files: the project paths of the files they list as patches. */
  patches?: string[];
  /** Kustomization files: their sources, and whether one is remote. */
  sources?: readonly string[];
  remote?: boolean;
  /** Undo what indexing the file added. */
  removals: (() => void)[];
}

/** Facts per file are ranked within a file by their position; a file holds fewer than this many facts. */
const FACTS_PER_FILE = 1 << 20;

function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

class Buckets<T extends Fact> {
  private readonly byKey = new Map<string, Set<Entry<T>>>();

  add(key: string, entry: Entry<T>): void {
    let bucket = this.byKey.get(key);
    if (!bucket) {
      bucket = new Set();
      this.byKey.set(key, bucket);
    }
    bucket.add(entry);
  }

  remove(key: string, entry: Entry<T>): void {
    const bucket = this.byKey.get(key);
    bucket?.delete(entry);
    if (bucket?.size === 0) this.byKey.delete(key);
  }

  get(key: string): Iterable<Entry<T>> {
    return this.byKey.get(key) ?? [];
  }
}

/** Entries of several buckets, each once, without those of `exclude`, in project order. */
function collect<T extends Fact>(sources: Iterable<Entry<T>>[], exclude: string | undefined): T[] {
  const seen = new Set<Entry<T>>();
  for (const source of sources) {
    for (const entry of source) {
      if (entry.file !== exclude) seen.add(entry);
    }
  }
  return [...seen].sort((a, b) => a.order - b.order).map((entry) => entry.fact);
}

export class ProjectIndex {
  private readonly files = new Map<string, IndexedFile>();
  private nextRank = 0;
  /** Files some kustomization lists as a patch, with how many list them. */
  private readonly patchFiles = new Map<string, number>();
  private readonly services = new Buckets<ServiceFact>();
  private readonly pdbs = new Buckets<PdbFact>();
  private readonly pdbsWithoutLabels = new Set<Entry<PdbFact>>();
  private readonly workloadsByLabel = new Buckets<WorkloadFact>();
  private readonly workloadsByNamespace = new Buckets<WorkloadFact>();
  private readonly workloadsByName = new Buckets<WorkloadFact>();
  private readonly workloadsWithoutNamespace = new Set<Entry<WorkloadFact>>();
  private readonly allWorkloads = new Set<Entry<WorkloadFact>>();
  private readonly autoscalers = new Buckets<AutoscalerFact>();
  private readonly namespaces = new Buckets<NamespaceFact>();
  /** Canaries by target name, VirtualServices by the name of each Service they route to. */
  private readonly meshRoutes = new Buckets<MeshRouteFact>();
  private readonly opaque = new Set<Entry<OpaqueFact>>();
  /** Incremented on every change: what a cached answer is checked against. */
  generation = 0;
  /** Folders holding indexed files, with how many (a kustomization may list a folder). */
  private readonly folders = new Map<string, number>();
  private outsideSources: { generation: number; outside: boolean } | undefined;

  /** Sets (or replaces) the facts of a file; `kustomization`: what it lists, when it is a kustomization. */
  set(file: string, facts: Facts, listed?: KustomizationPaths): void {
    const previous = this.files.get(file);
    const rank = previous?.rank ?? this.nextRank++;
    if (previous) this.unindex(previous);
    else this.addFolders(file, 1);
    this.updatePatchList(previous?.patches, listed?.patches);
    const entry: IndexedFile = {
      rank,
      facts,
      indexed: facts,
      removals: [],
      ...(listed ? { patches: [...listed.patches], sources: listed.sources, remote: listed.remote } : {}),
    };
    this.files.set(file, entry);
    this.index(file, entry);
    this.generation++;
  }

  delete(file: string): void {
    const previous = this.files.get(file);
    if (!previous) return;
    this.unindex(previous);
    this.updatePatchList(previous.patches, undefined);
    this.files.delete(file);
    this.addFolders(file, -1);
    this.generation++;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get size(): number {
    return this.files.size;
  }

  /** Is the file listed as a patch by a kustomization of the project (its objects are fragments)? */
  isPatchFile(file: string): boolean {
    return this.patchFiles.has(file);
  }

  /** The facts of one file as the index holds them (fragments for patch files); undefined when unknown. */
  factsOf(file: string): Facts | undefined {
    return this.files.get(file)?.indexed;
  }

  servicesFor(labels: Record<string, string> | undefined, exclude?: string): ServiceFact[] {
    return collect(
      Object.entries(labels ?? {}).map(([key, value]) => this.services.get(labelKey(key, value))),
      exclude,
    );
  }

  pdbsFor(labels: Record<string, string> | undefined, exclude?: string): PdbFact[] {
    return collect(
      [...Object.entries(labels ?? {}).map(([key, value]) => this.pdbs.get(labelKey(key, value))), this.pdbsWithoutLabels],
      exclude,
    );
  }

  /** Workloads whose pods a PDB may select: those with its first matchLabels entry, or all without one. */
  workloadsFor(pdb: PdbFact, exclude?: string): WorkloadFact[] {
    const first = Object.entries(pdb.selector?.matchLabels ?? {})[0];
    return collect([first ? this.workloadsByLabel.get(labelKey(first[0], first[1])) : this.allWorkloads], exclude);
  }

  /** Workloads that may be in the namespace (those without one count for every namespace, as in sameNamespace). */
  workloadsIn(namespace: string | undefined, exclude?: string): WorkloadFact[] {
    if (namespace === undefined) return collect([this.allWorkloads], exclude);
    return collect([this.workloadsByNamespace.get(namespace), this.workloadsWithoutNamespace], exclude);
  }

  /** Workloads of that name (any kind, any namespace). */
  workloadsNamed(name: string, exclude?: string): WorkloadFact[] {
    return collect([this.workloadsByName.get(name)], exclude);
  }

  autoscalersFor(name: string | undefined, exclude?: string): AutoscalerFact[] {
    return name === undefined ? [] : collect([this.autoscalers.get(name)], exclude);
  }

  /**
   * Does a kustomization of the project build from something the project does not hold (a `../base` outside the
   * folder, a remote URL)? Then the objects of those builds are unknown, as a Helm template's are.
   */
  hasOutsideSources(): boolean {
    if (this.outsideSources?.generation !== this.generation) {
      let outside = false;
      for (const entry of this.files.values()) {
        if (entry.remote || (entry.sources ?? []).some((source) => !this.files.has(source) && !this.folders.has(source))) {
          outside = true;
          break;
        }
      }
      this.outsideSources = { generation: this.generation, outside };
    }
    return this.outsideSources.outside;
  }

  /** Counts the files under each folder (every ancestor of `file`), so a kustomization's folder sources are found. */
  private addFolders(file: string, by: 1 | -1): void {
    for (let at = file.search(/[\\/][^\\/]*$/); at > 0; at = file.slice(0, at).search(/[\\/][^\\/]*$/)) {
      const folder = file.slice(0, at);
      const count = (this.folders.get(folder) ?? 0) + by;
      if (count > 0) this.folders.set(folder, count);
      else this.folders.delete(folder);
    }
  }

  namespacesNamed(name: string, exclude?: string): NamespaceFact[] {
    return collect([this.namespaces.get(name)], exclude);
  }

  /** Canaries targeting a workload of that name, and VirtualServices routing to a Service of that name. */
  meshRoutesNaming(name: string, exclude?: string): MeshRouteFact[] {
    return collect([this.meshRoutes.get(name)], exclude);
  }

  hasOpaque(exclude?: string): boolean {
    for (const entry of this.opaque) {
      if (entry.file !== exclude) return true;
    }
    return false;
  }

  private updatePatchList(before: readonly string[] | undefined, after: readonly string[] | undefined): void {
    const changed = new Set<string>();
    for (const file of before ?? []) {
      const count = (this.patchFiles.get(file) ?? 1) - 1;
      if (count === 0) {
        this.patchFiles.delete(file);
        changed.add(file);
      } else this.patchFiles.set(file, count);
    }
    for (const file of after ?? []) {
      const count = this.patchFiles.get(file) ?? 0;
      this.patchFiles.set(file, count + 1);
      // Listed again by the same kustomization: no change of status.
      if (count === 0 && !changed.delete(file)) changed.add(file);
    }
    // A file that became (or stopped being) a patch is indexed again, as fragments or as whole objects.
    for (const file of changed) {
      const entry = this.files.get(file);
      if (!entry) continue;
      this.unindex(entry);
      this.index(file, entry);
    }
  }

  private index(file: string, entry: IndexedFile): void {
    entry.indexed = this.patchFiles.has(file) ? asPatchFacts(entry.facts) : entry.facts;
    const facts = entry.indexed;
    const removals: (() => void)[] = [];
    let position = 0;
    const make = <T extends Fact>(fact: T): Entry<T> => ({ fact, file, order: entry.rank * FACTS_PER_FILE + position++ });
    const into = <T extends Fact>(buckets: Buckets<T>, key: string, made: Entry<T>): void => {
      buckets.add(key, made);
      removals.push(() => buckets.remove(key, made));
    };
    const inSet = <T extends Fact>(set: Set<Entry<T>>, made: Entry<T>): void => {
      set.add(made);
      removals.push(() => set.delete(made));
    };
    for (const service of facts.services) {
      const made = make(service);
      const first = Object.entries(service.selector)[0];
      if (first) into(this.services, labelKey(first[0], first[1]), made);
    }
    for (const pdb of facts.pdbs) {
      const made = make(pdb);
      const first = Object.entries(pdb.selector?.matchLabels ?? {})[0];
      if (first) into(this.pdbs, labelKey(first[0], first[1]), made);
      else inSet(this.pdbsWithoutLabels, made);
    }
    for (const workload of facts.workloads) {
      const made = make(workload);
      inSet(this.allWorkloads, made);
      for (const [key, value] of Object.entries(workload.podLabels ?? {})) into(this.workloadsByLabel, labelKey(key, value), made);
      if (workload.name !== undefined) into(this.workloadsByName, workload.name, made);
      if (workload.namespace === undefined) inSet(this.workloadsWithoutNamespace, made);
      else into(this.workloadsByNamespace, workload.namespace, made);
    }
    for (const hpa of facts.autoscalers) {
      const made = make(hpa);
      if (hpa.targetName !== undefined) into(this.autoscalers, hpa.targetName, made);
    }
    for (const namespace of facts.namespaces ?? []) {
      const made = make(namespace);
      if (namespace.name !== undefined) into(this.namespaces, namespace.name, made);
    }
    for (const route of facts.meshRoutes ?? []) {
      const made = make(route);
      if (route.targetName !== undefined) into(this.meshRoutes, route.targetName, made);
      for (const service of route.services ?? []) into(this.meshRoutes, service.name, made);
    }
    for (const opaque of facts.opaque) inSet(this.opaque, make(opaque));
    entry.removals = removals;
  }

  private unindex(entry: IndexedFile): void {
    for (const remove of entry.removals) remove();
    entry.removals = [];
  }
}

/** An index of a single set of facts under one file name (tests, fixtures, a lone file's own facts). */
export function indexOf(facts: Partial<Facts>, file = ''): ProjectIndex {
  const index = new ProjectIndex();
  index.set(file, { ...emptyFacts(), ...facts });
  return index;
}

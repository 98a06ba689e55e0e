// The facts of many files, indexed for the questions rules ask ("which Services select these pods?", "which
// HPA scales this Deployment?"). One index serves a whole project: the CLI's paths, a workspace folder of the
// language server. Files are added, replaced and removed one at a time, and each change costs the size of that
// file's facts, not of the project: a keystroke in a 20,000-file workspace must not rebuild anything global.
// Answers are candidates (a superset, in project order: files in the order they were first added or as `reorder`
// set it, then position); callers apply the exact match (facts/project.ts). Storage: facts/buckets.ts.
import { Buckets, collect, labelKey, source, type Entry, type Fact, type Source } from './buckets';
import { asPatchFacts, emptyFacts, mergeFacts } from './collect';
import type { AutoscalerFact, Facts, MeshRouteFact, NamespaceFact, OpaqueFact, PdbFact, ServiceFact, WorkloadFact } from './types';

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
  /** How many of its indexed workloads are whole objects (not patch fragments). */
  wholeWorkloads: number;
}

/** Changes kept in the log: beyond them, whoever is that far behind asks every question again. */
const MAX_LOGGED_CHANGES = 256;
/** Facts changed at once beyond which asking every question again is cheaper than checking each against them. */
const MAX_CHANGED_FACTS = 512;

/** Stands in the change log for a change of the project's files or of what a kustomization builds from. */
const LAYOUT_CHANGE: OpaqueFact = { reason: 'outside-sources' };

function factCount(facts: Facts): number {
  return (
    facts.services.length +
    facts.autoscalers.length +
    facts.pdbs.length +
    facts.workloads.length +
    facts.namespaces.length +
    facts.meshRoutes.length +
    facts.opaque.length
  );
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
  private wholeWorkloads = 0;
  /** Incremented on every change: what a cached answer is checked against. */
  generation = 0;
  /** Folders holding indexed files, with how many (a kustomization may list a folder). */
  private readonly folders = new Map<string, number>();
  private outsideSources: { generation: number; outside: boolean } | undefined;
  /** The facts that left or entered the index, by the generation the change made (the last changes only). */
  private readonly log: { generation: number; file: string; facts: Facts }[] = [];
  /** Changes made before this generation (and at it) may be missing from the log. */
  private logStart = 0;

  /** Sets (or replaces) the facts of a file; `kustomization`: what it lists, when it is a kustomization. */
  set(file: string, facts: Facts, listed?: KustomizationPaths): void {
    const previous = this.files.get(file);
    const rank = previous?.rank ?? this.nextRank++;
    if (previous) this.unindex(file, previous);
    else this.addFolders(file, 1);
    this.updatePatchList(previous?.patches, listed?.patches);
    // What a kustomization builds from, or the folders it may name, changed: whether its sources are all in the
    // project (hasOutsideSources, part of hasOpaque) is asked again.
    if (!previous || listed || previous.sources) this.logLayoutChange(file);
    const entry: IndexedFile = {
      rank,
      facts,
      indexed: facts,
      removals: [],
      wholeWorkloads: 0,
      ...(listed ? { patches: [...listed.patches], sources: listed.sources, remote: listed.remote } : {}),
    };
    this.files.set(file, entry);
    this.index(file, entry);
    this.generation++;
  }

  delete(file: string): void {
    const previous = this.files.get(file);
    if (!previous) return;
    this.unindex(file, previous);
    this.updatePatchList(previous.patches, undefined);
    this.files.delete(file);
    this.addFolders(file, -1);
    this.logLayoutChange(file);
    this.generation++;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /**
   * The facts that left or entered the index since `generation` (those of `exclude` left out): an answer none of
   * them could be part of stands. Undefined when that is not known any more, or too many to be worth going through.
   */
  changesSince(generation: number, exclude?: string): Facts | undefined {
    if (generation < this.logStart) return undefined;
    const changed = emptyFacts();
    let count = 0;
    for (let i = this.log.length - 1; i >= 0 && this.log[i].generation > generation; i--) {
      const { file, facts } = this.log[i];
      // A layout change is the project's, not the file's: it counts whoever asks (hasOutsideSources reads every file).
      if (file === exclude && !facts.opaque.includes(LAYOUT_CHANGE)) continue;
      mergeFacts(changed, facts);
      count += factCount(facts);
      if (count > MAX_CHANGED_FACTS) return undefined;
    }
    return changed;
  }

  /** Puts files in this project order (the others after them, in their order), without indexing anything again. */
  reorder(order: readonly string[]): void {
    const listed = new Set(order);
    const rest = [...this.files].filter(([file]) => !listed.has(file)).sort(([, a], [, b]) => a.rank - b.rank);
    let rank = 0;
    let moved = false;
    const rankAs = (entry: IndexedFile | undefined): void => {
      if (!entry) return;
      if (entry.rank !== rank) moved = true;
      entry.rank = rank++;
    };
    for (const file of order) rankAs(this.files.get(file));
    for (const [, entry] of rest) rankAs(entry);
    this.nextRank = rank;
    if (moved) this.generation++;
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

  /** Workloads whose pods a PDB may select (a superset: namespace and selector are matched by the caller). */
  workloadsFor(pdb: PdbFact, exclude?: string): WorkloadFact[] {
    return collect(this.workloadSource(pdb).parts, exclude);
  }

  /** Does `accept` take one of the workloads a PDB may select? Stops at the first it takes. */
  someWorkloadFor(pdb: PdbFact, accept: (workload: WorkloadFact) => boolean, exclude?: string): boolean {
    for (const part of this.workloadSource(pdb).parts) {
      for (const entry of part) {
        if (entry.file !== exclude && accept(entry.fact)) return true;
      }
    }
    return false;
  }

  /** Workloads that may be in the namespace (those without one count for every namespace, as in sameNamespace). */
  workloadsIn(namespace: string | undefined, exclude?: string): WorkloadFact[] {
    return collect(this.namespaceSource(namespace).parts, exclude);
  }

  /** How many workloads are whole objects (not patch fragments), those of `exclude` left out. */
  wholeWorkloadCount(exclude?: string): number {
    const excluded = exclude === undefined ? undefined : this.files.get(exclude);
    return this.wholeWorkloads - (excluded?.wholeWorkloads ?? 0);
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

  /**
   * The smallest set of workloads that holds every one the PDB may select: those with one of its matchLabels
   * entries (the rarest), or those of its namespace; all of them only when neither narrows it down.
   */
  private workloadSource(pdb: PdbFact): Source<WorkloadFact> {
    let best = this.namespaceSource(pdb.namespace);
    for (const [key, value] of Object.entries(pdb.selector?.matchLabels ?? {})) {
      const size = this.workloadsByLabel.size(labelKey(key, value));
      if (size < best.size) best = source(this.workloadsByLabel.get(labelKey(key, value)));
    }
    return best;
  }

  private namespaceSource(namespace: string | undefined): Source<WorkloadFact> {
    if (namespace === undefined) return source(this.allWorkloads);
    return source(this.workloadsByNamespace.get(namespace), this.workloadsWithoutNamespace);
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
      this.unindex(file, entry);
      this.index(file, entry);
    }
  }

  private index(file: string, entry: IndexedFile): void {
    entry.indexed = this.patchFiles.has(file) ? asPatchFacts(entry.facts) : entry.facts;
    const facts = entry.indexed;
    this.logChange(file, facts);
    const removals: (() => void)[] = [];
    let position = 0;
    const make = <T extends Fact>(fact: T): Entry<T> => ({ fact, file, owner: entry, position: position++ });
    const into = <T extends Fact>(buckets: Buckets<T>, key: string, made: Entry<T>): void => {
      buckets.add(key, made);
      removals.push(() => buckets.remove(key, made));
    };
    const inSet = <T extends Fact>(set: Set<Entry<T>>, made: Entry<T>): void => {
      set.add(made);
      removals.push(() => set.delete(made));
    };
    // A Service (a PDB) selects only pods that have every entry of its selector: it is filed under one entry, the
    // one the fewest others are filed under so far, so that no bucket holds the Services of a label they all share.
    for (const service of facts.services) {
      const made = make(service);
      const key = this.services.smallest(Object.entries(service.selector).map(([k, v]) => labelKey(k, v)));
      if (key !== undefined) into(this.services, key, made);
    }
    for (const pdb of facts.pdbs) {
      const made = make(pdb);
      const key = this.pdbs.smallest(Object.entries(pdb.selector?.matchLabels ?? {}).map(([k, v]) => labelKey(k, v)));
      if (key !== undefined) into(this.pdbs, key, made);
      else inSet(this.pdbsWithoutLabels, made);
    }
    let whole = 0;
    for (const workload of facts.workloads) {
      const made = make(workload);
      if (!workload.fragment) whole++;
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
    this.wholeWorkloads += whole;
    entry.wholeWorkloads = whole;
    removals.push(() => (this.wholeWorkloads -= whole));
    entry.removals = removals;
  }

  /** Records facts leaving or entering the index with the change being made (it ends with `generation++`). */
  private logChange(file: string, facts: Facts): void {
    if (factCount(facts) === 0) return;
    this.log.push({ generation: this.generation + 1, file, facts });
    if (this.log.length > MAX_LOGGED_CHANGES) this.logStart = this.log.splice(0, this.log.length / 2).pop()!.generation;
  }

  /** Records that the files or a kustomization's sources changed, as an opaque fact: whoever asked hasOpaque asks again. */
  private logLayoutChange(file: string): void {
    this.logChange(file, { ...emptyFacts(), opaque: [LAYOUT_CHANGE] });
  }

  private unindex(file: string, entry: IndexedFile): void {
    this.logChange(file, entry.indexed);
    for (const remove of entry.removals) remove();
    entry.removals = [];
    entry.wholeWorkloads = 0;
  }
}

/** An index of a single set of facts under one file name (tests, fixtures, a lone file's own facts). */
export function indexOf(facts: Partial<Facts>, file = ''): ProjectIndex {
  const index = new ProjectIndex();
  index.set(file, { ...emptyFacts(), ...facts });
  return index;
}

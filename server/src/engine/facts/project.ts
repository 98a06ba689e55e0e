// What a rule may know about objects outside the YAML document it checks: the other documents of its file
// (their facts, without origins) and the other files of the project (with origins). Rules ask exact questions
// ("the PDBs selecting these pods"); each answer comes from the indexes (facts/projectIndex.ts) with the exact
// match applied, the file's own facts first. A RecordingProject remembers every question a check asked and the
// facts of each answer, so the linter knows what a document's findings depend on without a hand-kept list: when
// the facts change, the questions the changed facts could touch are asked again (all of them when what changed
// is not known), and only documents whose answers changed are checked again.
import { sameNamespace, selectorMatches } from '../k8s/objects';
import { labelSelectorMatches } from './collect';
import { ProjectIndex } from './projectIndex';
import type { AutoscalerFact, Facts, MeshRouteFact, NamespaceFact, PdbFact, ServiceFact, WorkloadFact } from './types';

/**
 * What the facts cover: the file alone, or the file plus other files (a workspace folder, the CLI's paths);
 * `complete` when every YAML file of the project was seen, so absence of an object may be concluded.
 */
export interface Scope {
  crossFile: boolean;
  complete: boolean;
  /** The text is the whole output of a build (a Kustomize root): "in the build" rather than "in the folder". */
  build?: boolean;
}

/** An object that may be scaled or selected: a workload (as an object of the document or as a fact). */
export interface ScaleTarget {
  kind: string;
  name?: string;
  namespace?: string;
}

export interface Project {
  readonly scope: Scope;
  /** Services of the namespace whose selector selects pods with these labels. */
  servicesSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): ServiceFact[];
  /**
   * PDBs of the namespace that select pods with these labels (a selector that cannot be read counts: no false
   * alarms; a PDB without a selector selects nothing).
   */
  pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): PdbFact[];
  /** Workloads (whole objects and patches) of the PDB's namespace whose pods it selects. */
  workloadsSelectedBy(pdb: PdbFact): WorkloadFact[];
  /** Does the PDB select the pods of any workload (whole object or patch) of its namespace? Cheaper than listing them. */
  selectsAnyWorkload(pdb: PdbFact): boolean;
  /** Workloads that may be in the namespace (every one of them: for suggestions, not for a verdict). */
  workloadsIn(namespace: string | undefined): WorkloadFact[];
  /** Workloads of that name (any kind: whole objects and patches) that may be in the namespace. */
  workloadsNamed(name: string, namespace: string | undefined): WorkloadFact[];
  /**
   * Patches (fragments) of this workload that set its replicas, in the linted file or in another file of its folder:
   * the overlay a budget beside them is built with (a Kustomize overlay's replicas patch).
   */
  replicaPatchesNear(target: ScaleTarget): WorkloadFact[];
  /** How many workloads the project has, patches of workloads left out. */
  wholeWorkloadCount(): number;
  /** The HPA (or other autoscaler) whose scaleTargetRef names this object. */
  autoscalerOf(target: ScaleTarget): AutoscalerFact | undefined;
  /** The Namespace object of that name, when the project holds one. */
  namespaceNamed(name: string): NamespaceFact | undefined;
  /** Flagger Canaries on Istio whose targetRef names this workload. */
  canariesTargeting(target: ScaleTarget): MeshRouteFact[];
  /** Istio VirtualServices that route to this Service (by name, in its namespace). */
  virtualServicesRoutingTo(service: { name?: string; namespace?: string }): MeshRouteFact[];
  /**
   * Some objects of the project are unknown: a document could not be read (a Helm template, a YAML error), or a
   * kustomization builds from a folder or URL outside the project.
   */
  hasOpaque(): boolean;
}

/** The project as one file sees it: its own facts, then the other files' (the file's own entries left out). */
export class ProjectView implements Project {
  constructor(
    /** The facts of the linted text (one entry per YAML chunk, in document order). */
    private readonly own: ProjectIndex,
    /** The facts of the other files, when there are any. */
    private readonly others: ProjectIndex | undefined,
    /** How the others index spells the linted file (its entries there are older than the text). */
    private readonly self: string | undefined,
    readonly scope: Scope,
  ) {}

  servicesSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): ServiceFact[] {
    return this.both((index, exclude) => index.servicesFor(labels, exclude)).filter(serviceSelects(labels, namespace));
  }

  pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): PdbFact[] {
    return this.both((index, exclude) => index.pdbsFor(labels, exclude)).filter(pdbSelects(labels, namespace));
  }

  workloadsSelectedBy(pdb: PdbFact): WorkloadFact[] {
    const selects = selectionBy(pdb);
    return selects ? this.both((index, exclude) => index.workloadsFor(pdb, exclude)).filter(selects) : [];
  }

  selectsAnyWorkload(pdb: PdbFact): boolean {
    const selects = selectionBy(pdb);
    if (!selects) return false;
    return this.own.someWorkloadFor(pdb, selects) || (this.others?.someWorkloadFor(pdb, selects, this.self) ?? false);
  }

  workloadsIn(namespace: string | undefined): WorkloadFact[] {
    return this.both((index, exclude) => index.workloadsIn(namespace, exclude)).filter(inNamespace(namespace));
  }

  wholeWorkloadCount(): number {
    return this.own.wholeWorkloadCount() + (this.others?.wholeWorkloadCount(this.self) ?? 0);
  }

  workloadsNamed(name: string, namespace: string | undefined): WorkloadFact[] {
    return this.both((index, exclude) => index.workloadsNamed(name, exclude)).filter((workload) =>
      sameNamespace(namespace, workload.namespace),
    );
  }

  replicaPatchesNear(target: ScaleTarget): WorkloadFact[] {
    const name = target.name;
    if (name === undefined) return [];
    const folder = this.self === undefined ? undefined : folderOf(this.self);
    return this.both((index, exclude) => index.workloadsNamed(name, exclude)).filter(
      (workload) =>
        workload.fragment &&
        workload.replicas !== undefined &&
        workload.kind === target.kind &&
        sameNamespace(target.namespace, workload.namespace) &&
        (workload.origin === undefined || (folder !== undefined && folderOf(workload.origin.file) === folder)),
    );
  }

  autoscalerOf(target: ScaleTarget): AutoscalerFact | undefined {
    return this.both((index, exclude) => index.autoscalersFor(target.name, exclude)).find(scales(target));
  }

  namespaceNamed(name: string): NamespaceFact | undefined {
    return this.both((index, exclude) => index.namespacesNamed(name, exclude))[0];
  }

  canariesTargeting(target: ScaleTarget): MeshRouteFact[] {
    const name = target.name;
    if (name === undefined) return [];
    return this.both((index, exclude) => index.meshRoutesNaming(name, exclude)).filter(
      (route) =>
        route.kind === 'Canary' &&
        route.targetName === name &&
        (route.targetKind ?? 'Deployment') === target.kind &&
        sameNamespace(route.namespace, target.namespace),
    );
  }

  virtualServicesRoutingTo(service: { name?: string; namespace?: string }): MeshRouteFact[] {
    const name = service.name;
    if (name === undefined) return [];
    return this.both((index, exclude) => index.meshRoutesNaming(name, exclude)).filter(
      (route) =>
        route.kind === 'VirtualService' &&
        (route.services ?? []).some((to) => to.name === name && sameNamespace(to.namespace ?? route.namespace, service.namespace)),
    );
  }

  hasOpaque(): boolean {
    return this.own.hasOpaque() || (this.others !== undefined && (this.others.hasOpaque(this.self) || this.others.hasOutsideSources()));
  }

  private both<T>(ask: (index: ProjectIndex, exclude: string | undefined) => T[]): T[] {
    const own = ask(this.own, undefined);
    return this.others ? [...own, ...ask(this.others, this.self)] : own;
  }
}

/** The folder part of a path or URI (whatever its separator). */
function folderOf(file: string): string {
  return file.slice(0, Math.max(0, file.search(/[\\/][^\\/]*$/)));
}

// The exact matches, each shared by the answer and by the test of whether a changed fact could be part of it.

function serviceSelects(labels: Record<string, string> | undefined, namespace: string | undefined): (service: ServiceFact) => boolean {
  return (service) => sameNamespace(service.namespace, namespace) && selectorMatches(service.selector, labels);
}

function pdbSelects(labels: Record<string, string> | undefined, namespace: string | undefined): (pdb: PdbFact) => boolean {
  return (pdb) =>
    sameNamespace(pdb.namespace, namespace) &&
    !pdb.noSelector &&
    (pdb.selector === undefined || labelSelectorMatches(pdb.selector, labels, pdb.emptySelectsAll));
}

function inNamespace(namespace: string | undefined): (workload: WorkloadFact) => boolean {
  return (workload) => sameNamespace(namespace, workload.namespace);
}

function scales(target: ScaleTarget): (hpa: AutoscalerFact) => boolean {
  return (hpa) =>
    hpa.targetKind === target.kind &&
    hpa.targetName !== undefined &&
    hpa.targetName === target.name &&
    sameNamespace(hpa.namespace, target.namespace);
}

/** Whether a workload's pods are selected by the PDB (namespace and selector); undefined when its selector is unknown. */
function selectionBy(pdb: PdbFact): ((workload: WorkloadFact) => boolean) | undefined {
  const selector = pdb.selector;
  if (!selector) return undefined;
  return (workload) =>
    sameNamespace(pdb.namespace, workload.namespace) && labelSelectorMatches(selector, workload.podLabels, pdb.emptySelectsAll);
}

/** A project of nothing: an object judged alone. */
export function emptyProject(): Project {
  return new ProjectView(new ProjectIndex(), undefined, undefined, { crossFile: false, complete: false });
}

interface Question {
  ask(project: Project): unknown;
  answer: string;
  /** Could a change of these facts (added or removed) change the answer? False: it stands without asking. */
  touchedBy(changed: Facts): boolean;
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A stable number per fact object (the facts of an unchanged document are the same objects from lint to lint). */
function idOf(fact: object): number {
  let id = ids.get(fact);
  if (id === undefined) {
    id = nextId++;
    ids.set(fact, id);
  }
  return id;
}

function answerKey(answer: unknown): string {
  if (Array.isArray(answer)) return answer.map((fact: object) => idOf(fact)).join(',');
  if (answer !== null && typeof answer === 'object') return String(idOf(answer));
  return String(answer);
}

/** The questions one check asked, with their answers: what its findings depend on. */
export class Dependencies {
  constructor(private readonly questions: readonly Question[]) {}

  /**
   * Would every question get the same answer from this project? `changed`: the facts added or removed since the
   * answers were given, when known; only the questions they could touch are asked again.
   */
  unchangedIn(project: Project, changed?: Facts): boolean {
    return this.questions.every(
      (question) => (changed !== undefined && !question.touchedBy(changed)) || answerKey(question.ask(project)) === question.answer,
    );
  }
}

/** A project that remembers the questions asked of it. */
export class RecordingProject implements Project {
  private readonly questions: Question[] = [];

  constructor(private readonly project: Project) {}

  get scope(): Scope {
    return this.project.scope;
  }

  dependencies(): Dependencies {
    return new Dependencies([...this.questions]);
  }

  servicesSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): ServiceFact[] {
    const selects = serviceSelects(labels, namespace);
    return this.record(
      (project) => project.servicesSelecting(labels, namespace),
      (changed) => changed.services.some(selects),
    );
  }

  pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): PdbFact[] {
    const selects = pdbSelects(labels, namespace);
    return this.record(
      (project) => project.pdbsSelecting(labels, namespace),
      (changed) => changed.pdbs.some(selects),
    );
  }

  workloadsSelectedBy(pdb: PdbFact): WorkloadFact[] {
    const selects = selectionBy(pdb);
    return this.record(
      (project) => project.workloadsSelectedBy(pdb),
      (changed) => selects !== undefined && changed.workloads.some(selects),
    );
  }

  selectsAnyWorkload(pdb: PdbFact): boolean {
    const selects = selectionBy(pdb);
    return this.record(
      (project) => project.selectsAnyWorkload(pdb),
      (changed) => selects !== undefined && changed.workloads.some(selects),
    );
  }

  workloadsIn(namespace: string | undefined): WorkloadFact[] {
    const within = inNamespace(namespace);
    return this.record(
      (project) => project.workloadsIn(namespace),
      (changed) => changed.workloads.some(within),
    );
  }

  wholeWorkloadCount(): number {
    return this.record(
      (project) => project.wholeWorkloadCount(),
      (changed) => changed.workloads.some((workload) => !workload.fragment),
    );
  }

  workloadsNamed(name: string, namespace: string | undefined): WorkloadFact[] {
    return this.record(
      (project) => project.workloadsNamed(name, namespace),
      (changed) => changed.workloads.some((workload) => workload.name === name),
    );
  }

  replicaPatchesNear(target: ScaleTarget): WorkloadFact[] {
    const { kind, name, namespace } = target;
    return this.record(
      (project) => project.replicaPatchesNear({ kind, name, namespace }),
      (changed) => changed.workloads.some((workload) => workload.fragment && workload.name === name),
    );
  }

  autoscalerOf(target: ScaleTarget): AutoscalerFact | undefined {
    const { kind, name, namespace } = target;
    const scalesIt = scales({ kind, name, namespace });
    return this.record(
      (project) => project.autoscalerOf({ kind, name, namespace }),
      (changed) => changed.autoscalers.some(scalesIt),
    );
  }

  namespaceNamed(name: string): NamespaceFact | undefined {
    return this.record(
      (project) => project.namespaceNamed(name),
      (changed) => changed.namespaces.some((namespace) => namespace.name === name),
    );
  }

  canariesTargeting(target: ScaleTarget): MeshRouteFact[] {
    const { kind, name, namespace } = target;
    return this.record(
      (project) => project.canariesTargeting({ kind, name, namespace }),
      (changed) => changed.meshRoutes.some((route) => route.targetName === name),
    );
  }

  virtualServicesRoutingTo(service: { name?: string; namespace?: string }): MeshRouteFact[] {
    const { name, namespace } = service;
    return this.record(
      (project) => project.virtualServicesRoutingTo({ name, namespace }),
      (changed) => changed.meshRoutes.some((route) => (route.services ?? []).some((to) => to.name === name)),
    );
  }

  hasOpaque(): boolean {
    return this.record(
      (project) => project.hasOpaque(),
      (changed) => changed.opaque.length > 0,
    );
  }

  private record<T>(ask: (project: Project) => T, touchedBy: (changed: Facts) => boolean): T {
    const answer = ask(this.project);
    this.questions.push({ ask, answer: answerKey(answer), touchedBy });
    return answer;
  }
}
